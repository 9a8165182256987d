// How much room the recordings folder has left, judged against the configured minimum. Below it
// admins are warned that recordings may fail; below half of it new recordings are not started at
// all (the call goes on), so no recording is cut off half-way by a full disk.

export interface DiskFigures {
  freeBytes: number;
  totalBytes: number;
}

export interface StorageThresholds {
  /** Always keep at least this much free. */
  minFreeBytes: number;
  /** ... and at least this share of the disk (0–100). */
  minFreePercent: number;
}

export interface StorageStatus extends DiskFigures {
  /** The larger of the two minimums. */
  thresholdBytes: number;
  /** Below the threshold: recordings may fail. */
  low: boolean;
  /** Below half the threshold: new recordings are refused. */
  critical: boolean;
}

export function storageStatus(disk: DiskFigures, t: StorageThresholds): StorageStatus {
  const thresholdBytes = Math.max(t.minFreeBytes, Math.ceil((disk.totalBytes * t.minFreePercent) / 100));
  return {
    ...disk,
    thresholdBytes,
    low: disk.freeBytes < thresholdBytes,
    critical: disk.freeBytes < thresholdBytes / 2,
  };
}

/** Port: the recordings folder's space now; null when it cannot be read (then recording goes ahead). */
export type RecordingSpace = () => Promise<StorageStatus | null>;

const MB = 1024 * 1024;
/** The reason a recording was not started, kept on its row and shown on the Recordings page. */
export const noSpaceError = (s: StorageStatus) =>
  `Not recorded: only ${Math.floor(s.freeBytes / MB)} MB of disk space was left for recordings (at least ${Math.ceil(s.thresholdBytes / 2 / MB)} MB needed)`;
