// Lockout after repeated failed sign-ins, counted per login name whether or not the login
// exists, so that "locked" never tells an attacker which logins are real.
import type { Db } from "../shared/tx.ts";

export interface LockoutPolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export interface ThrottleRecord {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** Seconds the login stays locked, or 0 when a sign-in may be tried. */
export function lockedForSeconds(record: ThrottleRecord | null, now: Date): number {
  if (!record?.lockedUntil || record.lockedUntil <= now) return 0;
  return Math.ceil((record.lockedUntil.getTime() - now.getTime()) / 1000);
}

/** The record after one more failure: failures older than the window are forgotten. */
export function afterFailure(record: ThrottleRecord | null, now: Date, policy: LockoutPolicy): ThrottleRecord & { justLocked: boolean } {
  const windowOpen = record && now.getTime() - record.windowStart.getTime() < policy.windowMinutes * 60_000;
  const failures = windowOpen ? record.failures + 1 : 1;
  const windowStart = windowOpen ? record.windowStart : now;
  if (failures >= policy.maxFailures) {
    return { failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000), justLocked: true };
  }
  return { failures, windowStart, lockedUntil: null, justLocked: false };
}

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase().slice(0, 200);
}

export class LoginThrottleRepository {
  constructor(private readonly db: Db) {}

  get(login: string) {
    return this.db.loginThrottle.findUnique({ where: { login } });
  }

  /** Records a failure atomically (row lock) and reports whether this one locked the login. */
  async recordFailure(login: string, now: Date, policy: LockoutPolicy): Promise<{ justLocked: boolean; lockedUntil: Date | null }> {
    await this.db.loginThrottle.upsert({ where: { login }, create: { login, windowStart: now }, update: {} });
    const [row] = await this.db.$queryRaw<ThrottleRecord[]>`
      select "failures", "windowStart", "lockedUntil" from "LoginThrottle" where "login" = ${login} for update`;
    const next = afterFailure(row, now, policy);
    await this.db.loginThrottle.update({
      where: { login },
      data: { failures: next.failures, windowStart: next.windowStart, lockedUntil: next.lockedUntil, lastFailureAt: now },
    });
    return { justLocked: next.justLocked, lockedUntil: next.lockedUntil };
  }

  clear(login: string) {
    return this.db.loginThrottle.deleteMany({ where: { login } });
  }
}
