import { describe, expect, it } from "vitest";
import { noSpaceError, storageStatus } from "./recording-storage.ts";

const GB = 1024 ** 3;
const MB = 1024 ** 2;

describe("storageStatus", () => {
  it("the threshold is the larger of the fixed minimum and the share of the disk", () => {
    expect(storageStatus({ freeBytes: 50 * GB, totalBytes: 100 * GB }, { minFreeBytes: GB, minFreePercent: 5 }).thresholdBytes).toBe(5 * GB);
    expect(storageStatus({ freeBytes: 50 * GB, totalBytes: 10 * GB }, { minFreeBytes: GB, minFreePercent: 5 }).thresholdBytes).toBe(GB);
  });

  it("is fine above the threshold, low below it, critical below half of it", () => {
    const t = { minFreeBytes: 1024 * MB, minFreePercent: 0 };
    expect(storageStatus({ freeBytes: 2 * GB, totalBytes: 100 * GB }, t)).toMatchObject({ low: false, critical: false });
    expect(storageStatus({ freeBytes: 700 * MB, totalBytes: 100 * GB }, t)).toMatchObject({ low: true, critical: false });
    expect(storageStatus({ freeBytes: 300 * MB, totalBytes: 100 * GB }, t)).toMatchObject({ low: true, critical: true });
  });

  it("says in words why a recording was not made", () => {
    const s = storageStatus({ freeBytes: 300 * MB, totalBytes: 100 * GB }, { minFreeBytes: 1024 * MB, minFreePercent: 0 });
    expect(noSpaceError(s)).toBe("Not recorded: only 300 MB of disk space was left for recordings (at least 512 MB needed)");
  });
});
