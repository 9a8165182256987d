// The mediasoup workers of this node (one per core, by config): started once, each call's room
// on the least busy. A worker that dies is replaced, and the rooms it carried are handed to
// `onDied` to be reported as failed (never silently lost).
import os from "node:os";
import type { types } from "mediasoup";
import type { Logger } from "pino";
import type { Config } from "../lib/config.ts";
import { findWorkerBinary } from "./worker-binary.ts";

// Opus for browsers; G.711 for calls with a telephone on them (everybody on such a call sends it,
// so the phone's audio needs no transcoding); telephone events for the keys a caller presses.
export const CODECS: types.RouterRtpCodecCapability[] = [
  { kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } },
  { kind: "audio", mimeType: "audio/PCMA", clockRate: 8000, channels: 1, preferredPayloadType: 8 },
  { kind: "audio", mimeType: "audio/PCMU", clockRate: 8000, channels: 1, preferredPayloadType: 0 },
  { kind: "audio", mimeType: "audio/telephone-event", clockRate: 8000, preferredPayloadType: 101 },
];

export class WorkerPool {
  private workers: types.Worker[] = [];
  private binary: string | null = null;
  private closing = false;
  /** Why there are no workers, when there are none. */
  disabledReason: string | null = null;

  constructor(
    private readonly settings: Config["media"],
    private readonly log: Logger,
    private readonly onDied: (dead: types.Worker) => void,
  ) {}

  get size() {
    return this.workers.length;
  }
  /** The workers' process ids (to find them in the system's tools). */
  get pids() {
    return this.workers.map((w) => w.pid);
  }

  /** Starts the workers; without a worker binary (or when they cannot start) there are none. */
  async start(announced: string): Promise<void> {
    const found = findWorkerBinary(this.settings);
    if (found.path === null) {
      this.disabledReason = found.reason;
      this.log.warn({ reason: found.reason }, "voice is off: no media engine");
      return;
    }
    this.binary = found.path;
    try {
      for (let i = 0; i < this.settings.workers; i++) this.workers.push(await this.spawn(i));
      this.log.info({ workers: this.workers.length, bin: found.path, announced }, "media service up");
    } catch (err) {
      this.disabledReason = `the media engine did not start: ${(err as Error).message}`;
      this.log.error({ err }, "voice is off: the media engine did not start");
      for (const w of this.workers) w.close();
      this.workers = [];
    }
  }

  private async spawn(index: number): Promise<types.Worker> {
    const { createWorker } = await import("mediasoup");
    const worker = await createWorker({
      workerBin: this.binary!,
      logLevel: "warn",
      rtcMinPort: this.settings.minPort,
      rtcMaxPort: this.settings.maxPort,
      appData: { index },
    });
    worker.on("died", (err) => void this.replace(worker, index, err));
    return worker;
  }

  /** A worker died: its calls are reported failed, and a new worker takes its place. */
  private async replace(dead: types.Worker, index: number, err: Error) {
    if (this.closing) return;
    this.log.error({ err, pid: dead.pid }, "a media worker died; its calls failed; starting another");
    this.workers = this.workers.filter((w) => w !== dead);
    this.onDied(dead);
    try {
      this.workers.push(await this.spawn(index));
    } catch (e) {
      this.log.error({ err: e }, "could not start a replacement media worker");
    }
  }

  /** The worker carrying the fewest rooms (`load` counts them) gets a new router. */
  async router(load: (w: types.Worker) => number): Promise<{ worker: types.Worker; router: types.Router }> {
    const worker = [...this.workers].sort((a, b) => load(a) - load(b))[0];
    return { worker, router: await worker.createRouter({ mediaCodecs: CODECS }) };
  }

  /** CPU time the workers used, in milliseconds. */
  async cpuMs() {
    const usage = await Promise.all(this.workers.map((w) => w.getResourceUsage().catch(() => null)));
    return usage.reduce((n, u) => n + (u ? u.ru_utime + u.ru_stime : 0), 0);
  }

  close() {
    this.closing = true;
    for (const w of this.workers) w.close();
    this.workers = [];
  }
}

/** The address browsers reach: the first non-internal IPv4 address when listening on all of
 * them, else the listening address itself. Set MEDIA_ANNOUNCED_ADDRESS behind NAT. */
export function guessAddress(listenIp: string): string {
  if (listenIp !== "0.0.0.0" && listenIp !== "::") return listenIp;
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "127.0.0.1";
}
