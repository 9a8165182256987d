// Runs and supervises the media role's own Janus: writes its configuration to a private folder,
// starts it, waits until its WebSocket answers, and starts it again (with a growing pause) if it
// ever exits. Its output goes to our log, so an operator sees why it failed.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { Logger } from "pino";
import { type JanusSettings, janusConfigFiles } from "./janus-config.ts";

const RESTART_PAUSES_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

export class JanusProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  private readonly waiters = new Set<() => void>();
  /** Why Janus is not running, if it is not. */
  problem: string | null = "starting";

  constructor(
    private readonly bin: string,
    private readonly folder: string,
    private readonly settings: JanusSettings,
    private readonly log: Logger,
    /** Called each time a (re)started Janus answers on its WebSocket. */
    private readonly onReady: () => void,
  ) {}

  get url() {
    return `ws://127.0.0.1:${this.settings.wsPort}`;
  }

  async start() {
    await mkdir(this.folder, { recursive: true });
    for (const [name, text] of Object.entries(janusConfigFiles(this.settings, this.folder))) await writeFile(path.join(this.folder, name), text);
    await this.launch();
  }

  private async launch() {
    if (this.stopping) return;
    const child = spawn(this.bin, ["-C", path.join(this.folder, "janus.jcfg"), "-F", this.folder, "--disable-colors"], { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    let tail = "";
    const read = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-2000);
      for (const line of text.split("\n")) {
        // eslint-disable-next-line no-control-regex
        const clean = line.replace(/\x1b\[[0-9;]*m/g, "").trim();
        if (!clean) continue;
        if (/\[(ERR|FATAL)\]|error/i.test(clean)) this.log.warn({ janus: clean }, "janus");
        else this.log.debug({ janus: clean }, "janus");
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("error", (err) => {
      this.problem = `Janus could not be started (${this.bin}): ${err.message}`;
      this.log.error({ err }, this.problem);
    });
    child.once("exit", (code, signal) => {
      this.child = null;
      if (this.stopping) return;
      const pause = RESTART_PAUSES_MS[Math.min(this.restarts++, RESTART_PAUSES_MS.length - 1)];
      this.problem = `Janus stopped (${signal ?? `exit code ${code}`}); starting it again`;
      this.log.error({ code, signal, output: tail.slice(-600) }, "janus exited; restarting in %d ms", pause);
      setTimeout(() => void this.launch(), pause).unref();
    });
    const started = Date.now();
    while (this.child === child && !(await portOpen(this.settings.wsPort))) {
      if (Date.now() - started > 15_000) {
        this.problem = "Janus did not open its WebSocket within 15 s";
        this.log.error({ output: tail.slice(-600) }, this.problem);
        child.kill("SIGKILL");
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    if (this.child !== child) return;
    this.log.info({ pid: child.pid, ms: Date.now() - started, port: this.settings.wsPort }, "janus is up");
    this.problem = null;
    this.restarts = 0;
    for (const w of this.waiters) w();
    this.waiters.clear();
    this.onReady();
  }

  /** Resolves once Janus answers (at once if it does). */
  ready(): Promise<void> {
    if (!this.problem && this.child) return Promise.resolve();
    return new Promise((r) => this.waiters.add(r));
  }

  async stop() {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  }
}
