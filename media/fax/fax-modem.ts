// One fax call's T.30 terminal: the fax-modem helper (fax-modem.c, built by scripts/fax-modem.sh)
// as a child process. Whoever owns the call's clock writes one 20 ms frame of G.711 per tick (or
// marks the tick's packet as lost, and the modem fills in); the helper answers each with one frame
// to send. It is clocked only by its input, so tests run it faster than real time.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { faxHeader, faxIdent, faxOutcome, parseFaxEvent, type FaxEvent, type FaxOutcome } from "./t30.ts";

/** 20 ms at 8 kHz, one byte per G.711 sample. */
export const FAX_FRAME_BYTES = 160;
export const FAX_SILENCE = { alaw: 0xd5, ulaw: 0xff } as const;

export type FaxLaw = keyof typeof FAX_SILENCE;

export type FaxModemOptions = {
  binary: string;
  /** send: transmit `file` (TIFF-F, 1728 px wide); receive: write what arrives into `file`. */
  mode: "send" | "receive";
  file: string;
  law?: FaxLaw;
  /**
   * T.30 role. Default: send = caller (CNG, waits for the answerer's DIS), receive = answerer (CED
   * + DIS). Fax-on-demand on the caller's own call is "send" as caller: their machine answers.
   */
  role?: "caller" | "answerer";
  /** Error correction (default on: pages arrive exact and lost frames are repaired). */
  ecm?: boolean;
  /** Offer at most 9600 bit/s (V.29, V.27ter) for old machines and poor lines. */
  slow?: boolean;
  /** Our station ident (TSI/CSI); cut to what T.30 carries. */
  ident?: string;
  /** A header line printed on every page we send. */
  header?: string;
  /** Give up after this much audio (default 900 s). */
  maxSeconds?: number;
};

export class FaxModem {
  readonly events: FaxEvent[] = [];
  /** Settles when the helper has exited: the call's outcome (never rejects). */
  readonly done: Promise<FaxOutcome>;
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lostFrame: Buffer;
  private ended = false;

  constructor(
    readonly options: FaxModemOptions,
    onFrame: (frame: Buffer) => void,
    onEvent?: (event: FaxEvent) => void,
  ) {
    const law = options.law ?? "alaw";
    this.lostFrame = Buffer.alloc(1 + FAX_FRAME_BYTES, FAX_SILENCE[law]);
    this.lostFrame[0] = 1;
    const args = [options.mode, options.file, "--law", law, "--framed"];
    if (options.role) args.push(`--${options.role}`);
    if (options.ecm === false) args.push("--no-ecm");
    if (options.slow) args.push("--modems", "v29,v27ter");
    const ident = options.ident ? faxIdent(options.ident) : "";
    if (ident) args.push("--ident", ident);
    const header = options.header ? faxHeader(options.header) : "";
    if (header) args.push("--header", header);
    if (options.maxSeconds) args.push("--max-seconds", String(Math.max(1, Math.round(options.maxSeconds))));
    this.proc = spawn(options.binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    // A helper that has exited closes its stdin: frames after that go nowhere, which is fine.
    this.proc.stdin.on("error", () => {});

    let pending: Buffer = Buffer.alloc(0);
    this.proc.stdout.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= FAX_FRAME_BYTES) {
        onFrame(pending.subarray(0, FAX_FRAME_BYTES));
        pending = pending.subarray(FAX_FRAME_BYTES);
      }
    });
    let line = "";
    this.proc.stderr.setEncoding("utf8");
    this.proc.stderr.on("data", (chunk: string) => {
      line += chunk;
      for (let i; (i = line.indexOf("\n")) >= 0; line = line.slice(i + 1)) {
        const event = parseFaxEvent(line.slice(0, i));
        if (!event) continue;
        this.events.push(event);
        onEvent?.(event);
      }
    });
    this.done = new Promise((resolve) => {
      const finish = () => {
        this.ended = true;
        resolve(faxOutcome(options.mode, this.events));
      };
      this.proc.on("close", finish);
      this.proc.on("error", (error) => {
        this.events.push({ event: "done", ok: false, code: -1, reason: `the fax modem could not start: ${error.message}` });
        finish();
      });
    });
  }

  /** The tick's audio (one frame of the call's law), or "lost" when its packet never came. */
  write(frame: Uint8Array | "lost"): void {
    if (this.ended || !this.proc.stdin.writable) return;
    // A frame of the wrong size is as good as lost: the modem fills in.
    if (frame === "lost" || frame.length !== FAX_FRAME_BYTES) {
      this.proc.stdin.write(this.lostFrame);
      return;
    }
    const framed = Buffer.allocUnsafe(1 + FAX_FRAME_BYTES);
    framed[0] = 0;
    framed.set(frame, 1);
    this.proc.stdin.write(framed);
  }

  /** The call is over (hang-up): the modem ends T.30 with what it has and reports. */
  hangup(): void {
    if (this.proc.stdin.writable) this.proc.stdin.end();
  }

  /** Stops it at once, with no T.30 ending; `done` still settles ("stopped without a result").
   * hangup() is the way to end a fax with the pages it has. */
  kill(): void {
    if (!this.ended) this.proc.kill("SIGKILL");
  }
}
