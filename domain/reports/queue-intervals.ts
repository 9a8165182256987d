// The queue report's reporting model, kept current: when an interaction ends its facts per queue
// (call-facts.ts) replace whatever was stored for it, and the 15-minute interval rows they fall in
// are summed again from the facts. Applying the same interaction twice changes nothing; any period
// can be rebuilt from the interactions' events (rebuildQueueIntervals, scripts/rebuild-reports.ts).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Deps } from "../ports.ts";
import type { Db } from "../shared/tx.ts";
import { type FactEvent, type QueueCallFact, type QueueTargets, bucketOf, callFacts } from "./call-facts.ts";
import { type InteractionEventType, isInteractionEventType } from "../interactions/event-types.ts";
import { callDetails, endReason, hangUpPlace } from "./call-details.ts";
import { sumInterval, sumIntervals } from "./queue-interval-sums.ts";

export { NO_AGENT } from "./queue-interval-sums.ts";

type Channel = "VOICE" | "CHAT" | "EMAIL" | "SMS" | "FAX";
interface InteractionRow {
  id: string;
  organizationId: string;
  channel: Channel;
  direction: "INBOUND" | "OUTBOUND";
  endedAt: Date | null;
}
type FactRow = Prisma.QueueCallFactCreateManyInput;

/** Counts an ended interaction in the report (again): true when its facts changed. */
export async function applyInteraction(interactionId: string, deps: Pick<Deps, "db">): Promise<boolean> {
  return deps.db.$transaction(async (tx) => {
    const i = await tx.interaction.findUnique({
      where: { id: interactionId },
      select: { id: true, organizationId: true, channel: true, direction: true, endedAt: true },
    });
    if (!i?.endedAt) return false;
    const events = await eventsOf(tx, [i.id]);
    const facts = await factRows(tx, [i], events);
    const old = await tx.queueCallFact.findMany({ where: { interactionId: i.id } });
    if (sameFacts(old, facts)) return false;
    const keys = intervalKeys([...old, ...facts]);
    await lockIntervals(tx, i.organizationId, keys);
    await tx.queueCallFact.deleteMany({ where: { interactionId: i.id } });
    if (facts.length) await tx.queueCallFact.createMany({ data: facts });
    for (const k of keys) await sumInterval(tx, i.organizationId, k.bucket, k.queueId);
    return true;
  });
}

/**
 * Counts again every interaction that entered a queue in [from, to): its facts and the interval
 * rows of the period are replaced. Reads the events in batches, so any length of history fits.
 */
export async function rebuildQueueIntervals(
  organizationId: string,
  period: { from: Date; to: Date },
  deps: Pick<Deps, "db">,
  options: { batch?: number; onProgress?: (done: number) => void } = {},
): Promise<{ interactions: number; facts: number }> {
  const batch = options.batch ?? 2000;
  // An interaction counts in the interval it entered a queue, which may be a while after it arrived.
  const arrivedFrom = new Date(period.from.getTime() - 2 * 86_400_000);
  await deps.db.$transaction(async (tx) => {
    await tx.queueCallFact.deleteMany({ where: { organizationId, bucket: { gte: period.from, lt: period.to } } });
    await tx.queueInterval.deleteMany({ where: { organizationId, bucket: { gte: period.from, lt: period.to } } });
    await tx.queueIntervalTotal.deleteMany({ where: { organizationId, bucket: { gte: period.from, lt: period.to } } });
    await tx.queueDetailInterval.deleteMany({ where: { organizationId, bucket: { gte: period.from, lt: period.to } } });
  });
  let after: string | null = null;
  let interactions = 0;
  let facts = 0;
  for (;;) {
    const page: InteractionRow[] = await deps.db.interaction.findMany({
      where: {
        organizationId,
        direction: "INBOUND",
        queueId: { not: null },
        endedAt: { not: null },
        arrivedAt: { gte: arrivedFrom, lt: period.to },
        ...(after ? { id: { gt: after } } : {}),
      },
      select: { id: true, organizationId: true, channel: true, direction: true, endedAt: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (!page.length) break;
    after = page.at(-1)!.id;
    const events = await eventsOf(
      deps.db,
      page.map((p) => p.id),
    );
    const rows = (await factRows(deps.db, page, events)).filter((f) => +f.bucket >= +period.from && +f.bucket < +period.to);
    if (rows.length) {
      // Replaces facts stored for the same interaction and queue in another period's terms.
      await deps.db.queueCallFact.deleteMany({ where: { interactionId: { in: [...new Set(rows.map((r) => r.interactionId))] } } });
      await deps.db.queueCallFact.createMany({ data: rows });
    }
    interactions += page.length;
    facts += rows.length;
    options.onProgress?.(interactions);
  }
  // One day at a time: each statement stays small however long the period.
  for (let day = period.from.getTime(); day < period.to.getTime(); day += 86_400_000) {
    await sumIntervals(deps.db, organizationId, new Date(day), new Date(Math.min(day + 86_400_000, period.to.getTime())));
  }
  return { interactions, facts };
}

/** Interactions that ended lately but are not counted yet (their end was missed: a crash, a path
 * that ends without an event). The worker runs this every minute. */
export async function applyMissedInteractions(deps: Pick<Deps, "db" | "now">, hours = 48): Promise<number> {
  const since = new Date(deps.now().getTime() - hours * 3_600_000);
  const missed = await deps.db.$queryRaw<{ id: string }[]>`
    select i."id"::text as "id" from "Interaction" i
    where i."arrivedAt" >= ${since}::timestamptz and i."endedAt" is not null and i."direction" = 'INBOUND' and i."queueId" is not null
      and not exists (select 1 from "QueueCallFact" f where f."interactionId" = i."id")
    limit 500`;
  let applied = 0;
  for (const m of missed) if (await applyInteraction(m.id, deps)) applied++;
  return applied;
}

/** The steps of these interactions that the facts read, by interaction, in order of time. */
export async function eventsOf(db: Db, ids: string[], types: InteractionEventType[] = FACT_EVENT_TYPES): Promise<Map<string, FactEvent[]>> {
  const rows = await db.interactionEvent.findMany({
    where: { interactionId: { in: ids }, type: { in: types } },
    select: { interactionId: true, type: true, at: true, queueId: true, agentId: true, data: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const byId = new Map<string, FactEvent[]>();
  for (const r of rows) {
    if (!isInteractionEventType(r.type)) continue;
    const list = byId.get(r.interactionId) ?? [];
    list.push({
      type: r.type,
      at: r.at,
      queueId: r.queueId,
      agentId: r.agentId,
      data: r.data && typeof r.data === "object" ? (r.data as Record<string, unknown>) : null,
    });
    byId.set(r.interactionId, list);
  }
  return byId;
}

const FACT_EVENT_TYPES: InteractionEventType[] = [
  "queued",
  "transfer_requested",
  "offered",
  "accepted",
  "overflowed",
  "abandoned",
  "transferred",
  "transfer_cancelled",
  "transfer_failed",
  // For the calls in detail (call-details.ts): where it came in, the IVR keys, how it ended.
  "arrived",
  "ivr",
  "ivr_started",
  "ended",
  "left_message",
  "voicemail_started",
];

/** Facts as rows, counted with the targets the queues have now. */
async function factRows(db: Db, interactions: InteractionRow[], events: Map<string, FactEvent[]>): Promise<FactRow[]> {
  const queueIds = [...new Set([...events.values()].flatMap((list) => list.map((e) => e.queueId).filter((q): q is string => !!q)))];
  const queues = queueIds.length
    ? await db.queue.findMany({ where: { id: { in: queueIds } }, select: { id: true, serviceLevelSeconds: true, shortAbandonSeconds: true } })
    : [];
  const byQueue = new Map(queues.map((q) => [q.id, q]));
  const targets = (id: string): QueueTargets => byQueue.get(id) ?? { serviceLevelSeconds: 20, shortAbandonSeconds: 5 };
  const details = new Map(interactions.map((i) => [i.id, callDetails(events.get(i.id) ?? [])]));
  // A call without a dialled number (a web call) is known by its entry point's name.
  const entryIds = [...new Set([...details.values()].filter((d) => !d.dialled && d.entryPointId).map((d) => d.entryPointId!))];
  const entries = entryIds.length ? await db.entryPoint.findMany({ where: { id: { in: entryIds } }, select: { id: true, name: true } }) : [];
  const entryName = new Map(entries.map((e) => [e.id, e.name]));
  return interactions.flatMap((i) => {
    const list = events.get(i.id) ?? [];
    const d = details.get(i.id)!;
    const dialled = d.dialled ?? (d.entryPointId ? (entryName.get(d.entryPointId) ?? null) : null);
    return callFacts(i, list, targets).map((f) => ({
      ...toRow(i, f),
      dialled,
      ivrPath: d.ivrPath,
      endReason: endReason(f, list),
      hangUpPlace: hangUpPlace(f, list),
    }));
  });
}

function toRow(i: InteractionRow, f: QueueCallFact): FactRow {
  return {
    interactionId: i.id,
    organizationId: i.organizationId,
    channel: i.channel,
    bucket: bucketOf(f.offeredAt),
    queueId: f.queueId,
    offeredAt: f.offeredAt,
    answeredAt: f.answeredAt,
    agentId: f.agentId,
    waitSeconds: f.waitSeconds,
    talkSeconds: f.talkSeconds,
    answered: f.answered,
    answeredInSl: f.answeredInSl,
    abandoned: f.abandoned,
    abandonedInSl: f.abandonedInSl,
    shortAbandon: f.shortAbandon,
    offers: f.offers,
    transferred: f.transferred,
  };
}

const FACT_FIELDS = [
  "queueId",
  "channel",
  "bucket",
  "offeredAt",
  "answeredAt",
  "agentId",
  "waitSeconds",
  "talkSeconds",
  "answered",
  "answeredInSl",
  "abandoned",
  "abandonedInSl",
  "shortAbandon",
  "offers",
  "transferred",
  "dialled",
  "endReason",
  "ivrPath",
  "hangUpPlace",
] as const;
const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : (v ?? null));

function sameFacts(old: FactRow[], next: FactRow[]): boolean {
  if (old.length !== next.length) return false;
  const key = (f: FactRow) => f.queueId;
  const byQueue = new Map(old.map((f) => [key(f), f]));
  return next.every((f) => {
    const o = byQueue.get(key(f));
    return !!o && FACT_FIELDS.every((k) => comparable(o[k]) === comparable(f[k]));
  });
}

function intervalKeys(facts: FactRow[]): { bucket: Date; queueId: string }[] {
  const keys = new Map<string, { bucket: Date; queueId: string }>();
  for (const f of facts) {
    const bucket = new Date(f.bucket);
    keys.set(`${f.queueId}|${bucket.toISOString()}`, { bucket, queueId: f.queueId });
  }
  // Always in the same order, so two transactions never wait for each other's locks in a ring.
  return [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, k]) => k);
}

/** Serialises the writers of one queue's interval: each sums it after the other's facts are in. */
async function lockIntervals(tx: Db, organizationId: string, keys: { bucket: Date; queueId: string }[]) {
  for (const k of keys)
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`${organizationId}|${k.queueId}|${k.bucket.toISOString()}`}::text, 0))`;
}

