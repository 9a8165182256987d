// Limits on public requests that must hold on every node and across restarts: a call-back request
// makes us ring a number, so "five an hour" has to mean five, not five per process (the in-memory
// RateLimiter is for cheap, bursty things like messages). A fixed window per key, counted in the
// RateLimit table — the one the sign-in limits use; our keys never look like theirs (ip + path).
import type { Db } from "./tx.ts";

export interface WindowVerdict {
  allowed: boolean;
  /** Until the window opens again (0 when allowed). */
  retryAfterSeconds: number;
}

/** Counts one request under `key`; refused once `max` were counted in the current window. */
export async function takeFromWindow(db: Db, key: string, max: number, windowSeconds: number, now: Date): Promise<WindowVerdict> {
  const nowMs = now.getTime();
  const opensBefore = nowMs - windowSeconds * 1000;
  // One statement: two requests at once cannot both see the last free place. ("lastRequest" holds
  // the window's start here.)
  const [row] = await db.$queryRaw<{ count: number; lastRequest: bigint }[]>`
    insert into "RateLimit" ("id", "key", "count", "lastRequest") values (gen_random_uuid(), ${key}, 1, ${nowMs}::bigint)
    on conflict ("key") do update set
      "count" = case when "RateLimit"."lastRequest" <= ${opensBefore}::bigint then 1 else "RateLimit"."count" + 1 end,
      "lastRequest" = case when "RateLimit"."lastRequest" <= ${opensBefore}::bigint then ${nowMs}::bigint else "RateLimit"."lastRequest" end
    returning "count", "lastRequest"`;
  if (row.count <= max) return { allowed: true, retryAfterSeconds: 0 };
  const opens = Number(row.lastRequest) + windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((opens - now.getTime()) / 1000)) };
}
