// Watches the recordings disk: statfs on RECORDINGS_DIR, judged by domain/voice/recording-storage.ts.
// Each process keeps the last reading and logs once when the disk becomes low, critical or fine
// again (not on every check). Media processes ask before each recording; the worker checks every
// minute so the alarm is raised even when no call is being made.
import { access, statfs as fsStatfs } from "node:fs/promises";
import path from "node:path";
import { type StorageStatus, type StorageThresholds, storageStatus } from "../domain/voice/recording-storage.ts";
import type { Logger } from "./logger.ts";

export type StatFs = (dir: string) => Promise<{ bavail: number | bigint; blocks: number | bigint; bsize: number | bigint }>;

type Level = "ok" | "low" | "critical";
const levelOf = (s: StorageStatus): Level => (s.critical ? "critical" : s.low ? "low" : "ok");

export class RecordingStorageMonitor {
  private level: Level | null = null;
  last: StorageStatus | null = null;

  constructor(
    readonly dir: string,
    readonly thresholds: StorageThresholds,
    private readonly log: Pick<Logger, "error" | "warn" | "info">,
    /** Replaceable (tests pretend the disk is full). */
    public statfs: StatFs = (dir) => fsStatfs(dir, { bigint: true }),
  ) {}

  /** Reads the disk now; null (and a warning) when it cannot be read. */
  async check(): Promise<StorageStatus | null> {
    let s: Awaited<ReturnType<StatFs>>;
    try {
      s = await this.statfs(await nearestExisting(this.dir));
    } catch (err) {
      this.log.warn({ err, dir: this.dir }, "could not read the free space of the recordings folder");
      return null;
    }
    const status = storageStatus(
      { freeBytes: Number(BigInt(s.bavail) * BigInt(s.bsize)), totalBytes: Number(BigInt(s.blocks) * BigInt(s.bsize)) },
      this.thresholds,
    );
    this.changed(levelOf(status), status);
    this.last = status;
    return status;
  }

  private changed(level: Level, s: StorageStatus) {
    if (level === this.level) return;
    const was = this.level;
    this.level = level;
    const figures = { dir: this.dir, freeBytes: s.freeBytes, totalBytes: s.totalBytes, thresholdBytes: s.thresholdBytes };
    if (level === "critical") this.log.error(figures, "recordings disk nearly full: new calls are not recorded");
    else if (level === "low") this.log.error(figures, "recordings disk space is low: recordings may fail");
    else if (was !== null) this.log.info(figures, "recordings disk space is back above the minimum");
  }
}

/** The folder, or its nearest parent that exists (before the first recording it may not). */
async function nearestExisting(dir: string): Promise<string> {
  let d = path.resolve(dir);
  for (;;) {
    try {
      await access(d);
      return d;
    } catch {
      const up = path.dirname(d);
      if (up === d) return d;
      d = up;
    }
  }
}
