// How a report's facts (one row per interaction) and the 15-minute interval rows summed from them
// are kept: an interaction counted (again) replaces its fact and sums again the intervals it was and
// is in, one writer per organisation and interval at a time; a rebuild replaces a period's facts in
// batches and sums its days again. The Chat and e-mail and the Outbound calls reports keep theirs
// this way (conversation-intervals.ts, outbound-intervals.ts).
import type { Db } from "../shared/tx.ts";

type Fact = { bucket: Date | string };

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : (v ?? null));

/** The stored fact says what the new one says (the new one's fields; dates by instant). */
export function sameFact<F extends object>(old: F, next: F): boolean {
  return (Object.keys(next) as (keyof F)[]).every((k) => comparable(old[k]) === comparable(next[k]));
}

/**
 * Inside the caller's transaction: replaces `old` by `fact` (either may be null) and sums again the
 * intervals they fall in. False when nothing changed.
 */
export async function replaceFact<F extends Fact>(
  tx: Db,
  o: {
    /** Names the report in the lock's key. */
    report: string;
    organizationId: string;
    old: F | null;
    fact: F | null;
    remove: () => Promise<unknown>;
    create: (fact: F) => Promise<unknown>;
    sum: (from: Date, to: Date) => Promise<unknown>;
  },
): Promise<boolean> {
  if (o.old && o.fact && sameFact(o.old, o.fact)) return false;
  if (!o.old && !o.fact) return false;
  const keys = [o.old, o.fact].filter((f): f is F => !!f).map((f) => new Date(f.bucket).getTime());
  const buckets = [...new Set(keys)].sort().map((t) => new Date(t));
  // One writer per organisation and interval at a time: each sums it after the other's fact is in.
  for (const b of buckets) await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`${o.report}|${o.organizationId}|${b.toISOString()}`}::text, 0))`;
  await o.remove();
  if (o.fact) await o.create(o.fact);
  for (const b of buckets) await o.sum(b, new Date(b.getTime() + 1));
  return true;
}

/**
 * A period's facts counted again: `clear` empties the period, `page` reads the interactions after
 * an id (in id order), `write` stores a page's facts; then every day of the period is summed again.
 */
export async function rebuildFacts<I extends { id: string }>(
  period: { from: Date; to: Date },
  o: {
    clear: () => Promise<unknown>;
    page: (after: string | null) => Promise<I[]>;
    write: (page: I[]) => Promise<number>;
    sum: (from: Date, to: Date) => Promise<unknown>;
  },
): Promise<{ interactions: number; facts: number }> {
  await o.clear();
  let after: string | null = null;
  let interactions = 0;
  let facts = 0;
  for (;;) {
    const page = await o.page(after);
    if (!page.length) break;
    after = page.at(-1)!.id;
    interactions += page.length;
    facts += await o.write(page);
  }
  for (let day = period.from.getTime(); day < period.to.getTime(); day += 86_400_000) {
    await o.sum(new Date(day), new Date(Math.min(day + 86_400_000, period.to.getTime())));
  }
  return { interactions, facts };
}
