// SIPp (Debian's sip-tester) playing the telephone network in the phone tests: callers into the
// trunk contact Janus registered, and trunks answering the calls we place.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const SCENARIOS = path.resolve(import.meta.dirname, "../../phone/sipp");
let nextPort = 5100 + Math.floor(Math.random() * 200);
// A test that fails before its SIPp finished must not leave it waiting for ever.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface Sipp {
  port: number;
  /** Resolves with SIPp's exit code (0: every call went as the scenario says). */
  done: Promise<number>;
  /** The SIP messages SIPp sent and received so far. */
  messages(): string;
  stop(): void;
}

const PT = { PCMA: 8, PCMU: 0 } as const;

/** The phone's audio in its SDP ({{audio}} in a scenario): the codecs it offers or answers with,
 * in order, and telephone-events; its media port is SIPp's own unless `port` is given (a
 * TestPhone's: the test hears and speaks the audio itself). */
export interface SippAudio {
  codecs?: (keyof typeof PT)[];
  port?: number;
}

function audioLines({ codecs = ["PCMA"], port }: SippAudio): string {
  return [
    `m=audio ${port ?? "[media_port]"} RTP/AVP ${codecs.map((c) => PT[c]).join(" ")} 101`,
    ...codecs.map((c) => `a=rtpmap:${PT[c]} ${c}/8000`),
    "a=rtpmap:101 telephone-event/8000",
    "a=fmtp:101 0-15",
  ].join("\n");
}

/** `fill` replaces {{name}} in the scenario (SIPp takes no keywords where a response code goes). */
export function sipp(
  scenario: string,
  opts: { target?: string; keys?: Record<string, string>; fill?: Record<string, string>; args?: string[]; mediaPort?: number; audio?: SippAudio },
): Sipp {
  const port = nextPort++;
  const dir = mkdtempSync(path.join(os.tmpdir(), "sipp-"));
  let xml = readFileSync(path.join(SCENARIOS, scenario), "utf8");
  // byeTimeoutMs: how long caller-echo.xml waits on the line for our BYE.
  for (const [k, v] of Object.entries({ audio: audioLines(opts.audio ?? {}), byeTimeoutMs: "120000", ...opts.fill })) xml = xml.replaceAll(`{{${k}}}`, v);
  writeFileSync(path.join(dir, scenario), xml);
  const args = [
    "-sf",
    path.join(dir, scenario),
    "-i",
    "127.0.0.1",
    "-p",
    String(port),
    "-mi",
    "127.0.0.1",
    "-mp",
    String(opts.mediaPort ?? 16000 + (port - 5000) * 4),
    "-m",
    "1",
    "-nostdin",
    "-trace_msg",
    ...Object.entries(opts.keys ?? {}).flatMap(([k, v]) => ["-key", k, v]),
    ...(opts.args ?? []),
    ...(opts.target ? [opts.target] : []),
  ];
  const child: ChildProcess = spawn("sipp", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const done = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  const messages = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith("_messages.log"))
      .map((f) => readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
  return {
    port,
    done: done.then((code) => {
      if (code !== 0) console.warn(`sipp ${scenario} exited ${code}: ${err.slice(-500)}\n${messages().slice(-1500)}`);
      return code;
    }),
    messages,
    stop: () => child.kill("SIGKILL"),
  };
}
