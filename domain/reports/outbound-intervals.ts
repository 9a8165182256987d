// The Outbound calls report's reporting model, kept current like the other reports': when a call
// out's interaction ends its fact (outbound-facts.ts) replaces whatever was stored for it, and the
// 15-minute interval rows it falls in are summed again from the facts. Applying the same interaction
// twice changes nothing; any period can be rebuilt (rebuildOutboundIntervals).
import { Prisma } from "../../generated/prisma/client.ts";
import type { Deps } from "../ports.ts";
import type { Db } from "../shared/tx.ts";
import { bucketOf } from "./call-facts.ts";
import { rebuildFacts, replaceFact } from "./fact-store.ts";
import { outboundFact } from "./outbound-facts.ts";
import { NO_AGENT } from "./queue-intervals.ts";

type FactRow = Prisma.OutboundCallFactCreateManyInput;
const INTERACTION = {
  id: true,
  organizationId: true,
  caseId: true,
  channel: true,
  direction: true,
  endedAt: true,
  queueId: true,
  agentId: true,
  data: true,
} as const;
type InteractionRow = Prisma.InteractionGetPayload<{ select: typeof INTERACTION }>;

/** Counts an ended call out in the report (again): true when its fact changed. */
export async function applyOutboundCall(interactionId: string, deps: Pick<Deps, "db">): Promise<boolean> {
  return deps.db.$transaction(async (tx) => {
    const i = await tx.interaction.findUnique({ where: { id: interactionId }, select: INTERACTION });
    if (!i?.endedAt || i.channel !== "VOICE" || i.direction !== "OUTBOUND") return false;
    const [fact] = await factRows(tx, [i]);
    return replaceFact<FactRow>(tx, {
      report: "out",
      organizationId: i.organizationId,
      old: await tx.outboundCallFact.findUnique({ where: { interactionId } }),
      fact: fact ?? null,
      remove: () => tx.outboundCallFact.deleteMany({ where: { interactionId } }),
      create: (data) => tx.outboundCallFact.create({ data }),
      sum: (from, to) => sumIntervals(tx, i.organizationId, from, to),
    });
  });
}

/** Counts again every call out placed in [from, to), in batches: facts and rows replaced. */
export async function rebuildOutboundIntervals(
  organizationId: string,
  period: { from: Date; to: Date },
  deps: Pick<Deps, "db">,
  options: { batch?: number } = {},
): Promise<{ interactions: number; facts: number }> {
  const inPeriod = { organizationId, bucket: { gte: period.from, lt: period.to } };
  // A call is counted in the interval it was placed in, a little after its interaction opened.
  const opened = { gte: new Date(period.from.getTime() - 3_600_000), lt: period.to };
  return rebuildFacts<InteractionRow>(period, {
    clear: () => deps.db.$transaction([deps.db.outboundCallFact.deleteMany({ where: inPeriod }), deps.db.outboundInterval.deleteMany({ where: inPeriod })]),
    page: (after) =>
      deps.db.interaction.findMany({
        where: { organizationId, channel: "VOICE", direction: "OUTBOUND", endedAt: { not: null }, arrivedAt: opened, ...(after ? { id: { gt: after } } : {}) },
        select: INTERACTION,
        orderBy: { id: "asc" },
        take: options.batch ?? 2000,
      }),
    write: async (page) => {
      const rows = (await factRows(deps.db, page)).filter((r) => +new Date(r.bucket) >= +period.from && +new Date(r.bucket) < +period.to);
      if (rows.length) {
        await deps.db.outboundCallFact.deleteMany({ where: { interactionId: { in: rows.map((r) => r.interactionId) } } });
        await deps.db.outboundCallFact.createMany({ data: rows });
      }
      return rows.length;
    },
    sum: (from, to) => sumIntervals(deps.db, organizationId, from, to),
  });
}

/** Calls out that ended lately without a fact (their end was missed); the worker runs this every minute. */
export async function applyMissedOutboundCalls(deps: Pick<Deps, "db" | "now">, hours = 48): Promise<number> {
  const since = new Date(deps.now().getTime() - hours * 3_600_000);
  const missed = await deps.db.$queryRaw<{ id: string }[]>`
    select i."id"::text as "id" from "Interaction" i join "Call" c on c."interactionId" = i."id"
    where i."arrivedAt" >= ${since}::timestamptz and i."endedAt" is not null and i."direction" = 'OUTBOUND' and i."channel" = 'VOICE'
      and not exists (select 1 from "OutboundCallFact" f where f."interactionId" = i."id")
    limit 500`;
  let applied = 0;
  for (const m of missed) if (await applyOutboundCall(m.id, deps)) applied++;
  return applied;
}

/** Facts as rows: each interaction's call and, for a campaign's, its attempt. */
async function factRows(db: Db, interactions: InteractionRow[]): Promise<FactRow[]> {
  const ids = interactions.map((i) => i.id);
  const [calls, attempts] = await Promise.all([
    db.call.findMany({
      where: { interactionId: { in: ids } },
      select: { interactionId: true, createdAt: true, answeredAt: true, endedAt: true, sipCode: true, remoteNumber: true },
    }),
    db.campaignAttempt.findMany({
      where: { interactionId: { in: ids } },
      select: { interactionId: true, agentId: true, amdResult: true, outcome: true, connectedAt: true },
    }),
  ]);
  const callOf = new Map(calls.map((c) => [c.interactionId, c]));
  const attemptOf = new Map(attempts.map((a) => [a.interactionId, a]));
  return interactions.flatMap((i) => {
    if (!i.endedAt) return [];
    const a = attemptOf.get(i.id);
    const attempt = a ? { amdResult: a.amdResult, outcome: a.outcome, withAgent: a.connectedAt !== null || a.agentId !== null } : null;
    const f = outboundFact({
      data: i.data,
      agentId: i.agentId,
      attemptAgentId: a?.agentId ?? null,
      queueId: i.queueId,
      call: callOf.get(i.id) ?? null,
      attempt,
      endedAt: i.endedAt,
    });
    if (!f) return [];
    return [{ interactionId: i.id, organizationId: i.organizationId, caseId: i.caseId, bucket: bucketOf(f.placedAt), ...f }];
  });
}

/** The organisation's interval rows in [from, to), summed again from the facts. */
async function sumIntervals(db: Db, organizationId: string, from: Date, to: Date) {
  await db.outboundInterval.deleteMany({ where: { organizationId, bucket: { gte: from, lt: to } } });
  await db.$executeRaw`
    insert into "OutboundInterval" ("organizationId", "bucket", "queueId", "agentId", "campaignId", "kind", "calls", "answered", "machine",
      "abandoned", "busy", "noAnswer", "invalidNumber", "networkError", "cancelled", "ringSeconds", "answeredRingSeconds", "talkSeconds", "talkMax")
    select "organizationId", "bucket", coalesce("queueId", ${NIL}), coalesce("agentId", ${NIL}), coalesce("campaignId", ${NIL}), "kind",
      count(*)::int, count(*) filter (where "result" = 'ANSWERED')::int, count(*) filter (where "result" = 'MACHINE')::int,
      count(*) filter (where "result" = 'ABANDONED')::int, count(*) filter (where "result" = 'BUSY')::int,
      count(*) filter (where "result" = 'NO_ANSWER')::int, count(*) filter (where "result" = 'INVALID_NUMBER')::int,
      count(*) filter (where "result" = 'NETWORK_ERROR')::int, count(*) filter (where "result" = 'CANCELLED')::int,
      coalesce(sum("ringSeconds"), 0), coalesce(sum("ringSeconds") filter (where "result" = 'ANSWERED'), 0),
      coalesce(sum("talkSeconds") filter (where "result" = 'ANSWERED'), 0), coalesce(max("talkSeconds") filter (where "result" = 'ANSWERED'), 0)
    from "OutboundCallFact"
    where "organizationId" = ${organizationId}::uuid and "bucket" >= ${from}::timestamptz and "bucket" < ${to}::timestamptz
    group by "organizationId", "bucket", coalesce("queueId", ${NIL}), coalesce("agentId", ${NIL}), coalesce("campaignId", ${NIL}), "kind"`;
}

/** The same expression in select and group by (a bound parameter twice would be two expressions). */
const NIL = Prisma.raw(`'${NO_AGENT}'::uuid`);
