import os from "node:os";
import { describe, expect, it, vi } from "vitest";
import { RecordingStorageMonitor, type StatFs } from "./recording-storage.ts";

const MB = 1024 * 1024;
/** A disk of 100 GB with `freeMb` free, in 4 KiB blocks. */
const disk = (freeMb: number): ReturnType<StatFs> => Promise.resolve({ bsize: 4096, blocks: (100 * 1024 * MB) / 4096, bavail: (freeMb * MB) / 4096 });

function monitor() {
  const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  let free = 5000;
  const m = new RecordingStorageMonitor("/nonexistent/recordings/here", { minFreeBytes: 1024 * MB, minFreePercent: 0 }, log, () => disk(free));
  return { m, log, setFree: (mb: number) => (free = mb) };
}

describe("RecordingStorageMonitor", () => {
  it("logs an error once when the disk becomes low, again when critical, and once when it recovers", async () => {
    const { m, log, setFree } = monitor();
    expect(await m.check()).toMatchObject({ freeBytes: 5000 * MB, low: false, critical: false, thresholdBytes: 1024 * MB });
    expect(log.error).not.toHaveBeenCalled();
    expect(log.info).not.toHaveBeenCalled();
    setFree(800);
    await m.check();
    await m.check();
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0][1]).toContain("low");
    setFree(100);
    expect(await m.check()).toMatchObject({ low: true, critical: true });
    expect(log.error).toHaveBeenCalledTimes(2);
    setFree(2000);
    await m.check();
    await m.check();
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(m.last).toMatchObject({ low: false });
  });

  it("reads the nearest existing folder, and says so when it cannot read the disk at all", async () => {
    const seen: string[] = [];
    const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
    const m = new RecordingStorageMonitor(`${os.tmpdir()}/no/such/folder`, { minFreeBytes: MB, minFreePercent: 0 }, log, (d) => (seen.push(d), disk(10)));
    await m.check();
    expect(seen).toEqual([os.tmpdir()]);
    m.statfs = () => Promise.reject(new Error("EIO"));
    expect(await m.check()).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it("reads a real disk", async () => {
    const m = new RecordingStorageMonitor(os.tmpdir(), { minFreeBytes: 0, minFreePercent: 0 }, { error: vi.fn(), warn: vi.fn(), info: vi.fn() });
    const s = await m.check();
    expect(s!.totalBytes).toBeGreaterThan(0);
    expect(s!.freeBytes).toBeGreaterThan(0);
  });
});
