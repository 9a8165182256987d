// Runs and supervises the media role's own Janus: writes its configuration to a private folder,
// starts it, waits until its WebSocket answers, and starts it again (with a growing pause) if it
// ever exits. Its output goes to our log, so an operator sees why it failed.
// Janus lives and dies with us: it is started under `setpriv --pdeathsig KILL` (the kernel kills it
// the moment our process dies, `kill -9` included), and its pid is kept in janus.pid beside its
// configuration, so a Janus left behind anyway (no setpriv, an older version) is found and
// stopped before ours starts — an orphan would hold the port and take calls nobody supervises.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { Logger } from "pino";
import { type JanusSettings, janusConfigFiles } from "./janus-config.ts";

const RESTART_PAUSES_MS = [500, 1000, 2000, 5000, 10_000, 30_000];
const SETPRIV = "/usr/bin/setpriv";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's command line (Linux), or "" when it is gone or unreadable. */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** Whether Janus can be tied to our life by the kernel (setpriv from util-linux). */
function haveSetpriv(): boolean {
  try {
    accessSync(SETPRIV, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

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

  private get pidFile() {
    return path.join(this.folder, "janus.pid");
  }

  private get configFile() {
    return path.join(this.folder, "janus.jcfg");
  }

  async start() {
    await mkdir(this.folder, { recursive: true });
    await this.stopLeftover();
    for (const [name, text] of Object.entries(janusConfigFiles(this.settings, this.folder))) await writeFile(path.join(this.folder, name), text);
    await this.launch();
  }

  /** Stops a Janus an earlier run of ours left (its pid file names it, and its command line reads
   * our configuration), unless the process that started it still lives. */
  private async stopLeftover() {
    let pid = 0;
    let owner = 0;
    try {
      [pid, owner] = readFileSync(this.pidFile, "utf8").trim().split(/\s+/).map(Number);
    } catch {
      return;
    }
    if (pid > 0 && alive(pid) && commandLine(pid).includes(this.configFile)) {
      if (owner > 0 && owner !== process.pid && alive(owner)) {
        this.log.warn({ pid, owner }, "another live process runs a Janus from this data folder; leaving it");
        return;
      }
      this.log.warn({ pid }, "stopping a Janus left behind by an earlier run");
      process.kill(pid, "SIGTERM");
      for (let i = 0; i < 60 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      if (alive(pid)) process.kill(pid, "SIGKILL");
      for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    }
    await rm(this.pidFile, { force: true });
  }

  private async launch() {
    if (this.stopping) return;
    const args = ["-C", this.configFile, "-F", this.folder, "--disable-colors"];
    const child = haveSetpriv()
      ? spawn(SETPRIV, ["--pdeathsig", "KILL", "--", this.bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })
      : spawn(this.bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    // setpriv execs Janus in place: the pid is Janus's.
    if (child.pid) void writeFile(this.pidFile, `${child.pid} ${process.pid}\n`).catch(() => {});
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
    await rm(this.pidFile, { force: true });
  }
}
