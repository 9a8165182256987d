// The arithmetic of job schedules and leases, kept apart so it can be tested without a clock.

export type JobKind = "EXCLUSIVE" | "SHARED";

/** Shortest and longest lease on a run of an exclusive job. */
export const MIN_LEASE_MS = 3_000;
export const MAX_LEASE_MS = 60_000;

/**
 * How long a claim on an exclusive job's run lasts before another node may take the job over: three
 * periods (so a node that is merely slow keeps it), at least 3 s, at most a minute (an hourly job
 * whose node died mid-run is picked up within a minute, not hours). A run that lasts longer keeps
 * its claim by renewing it (renewEveryMs).
 */
export function leaseMsFor(everyMs: number): number {
  return Math.min(MAX_LEASE_MS, Math.max(MIN_LEASE_MS, 3 * everyMs));
}

/** How often a running exclusive job renews its claim: three times per lease. */
export function renewEveryMs(leaseMs: number): number {
  return Math.max(500, Math.floor(leaseMs / 3));
}

/**
 * When this node should next try a job, in ms from now, given the database's answer (both times on
 * the database clock, so nodes with skewed clocks agree): at the cluster's next run, or when the
 * current claim ends (a run in progress elsewhere), whichever is later; never sooner than `minMs`
 * (no busy loop) and never later than one period (a job requested to run now is seen in time even
 * when no wake-up arrives).
 */
export function retryInMs(row: { nextRunAt: Date | null; leaseUntil: Date | null; dbNow: Date }, everyMs: number, minMs = 50): number {
  const now = row.dbNow.getTime();
  const due = Math.max(row.nextRunAt?.getTime() ?? now, row.leaseUntil?.getTime() ?? now);
  return Math.min(everyMs, Math.max(minMs, due - now));
}

/** A job's error as stored and shown to operators: its message, first line, bounded. */
export function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const line = message.split("\n")[0].trim() || (err instanceof Error ? err.name : "error");
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
