// The Chat and e-mail report's reporting model, kept current like the queue report's: when a chat or
// e-mail ends its fact (conversation-facts.ts) replaces whatever was stored for it, and the 15-minute
// interval rows it falls in are summed again from the facts. Applying the same interaction twice
// changes nothing; any period can be rebuilt from the events (rebuildConversationIntervals).
import { Prisma } from "../../generated/prisma/client.ts";
import type { Deps } from "../ports.ts";
import { readSlaSettings, targetsFor } from "../queues/sla-settings.ts";
import type { Db } from "../shared/tx.ts";
import { bucketOf } from "./call-facts.ts";
import { type ConversationInput, conversationFact } from "./conversation-facts.ts";
import { rebuildFacts, replaceFact } from "./fact-store.ts";
import { NO_AGENT, eventsOf } from "./queue-intervals.ts";

const CHANNELS = ["CHAT", "EMAIL"] as const;
type FactRow = Prisma.ConversationFactCreateManyInput;
const INTERACTION = {
  id: true,
  organizationId: true,
  caseId: true,
  channel: true,
  direction: true,
  arrivedAt: true,
  endedAt: true,
  queueId: true,
  visitorId: true,
  rating: true,
} as const;
type InteractionRow = Prisma.InteractionGetPayload<{ select: typeof INTERACTION }>;

/** Counts an ended chat or e-mail in the report (again): true when its fact changed. */
export async function applyConversation(interactionId: string, deps: Pick<Deps, "db">): Promise<boolean> {
  return deps.db.$transaction(async (tx) => {
    const i = await tx.interaction.findUnique({ where: { id: interactionId }, select: INTERACTION });
    if (!i?.endedAt || !(CHANNELS as readonly string[]).includes(i.channel)) return false;
    const [fact] = await factRows(tx, [i]);
    return replaceFact<FactRow>(tx, {
      report: "conv",
      organizationId: i.organizationId,
      old: await tx.conversationFact.findUnique({ where: { interactionId } }),
      fact: fact ?? null,
      remove: () => tx.conversationFact.deleteMany({ where: { interactionId } }),
      create: (data) => tx.conversationFact.create({ data }),
      sum: (from, to) => sumIntervals(tx, i.organizationId, from, to),
    });
  });
}

/** Counts again every chat and e-mail that arrived in [from, to), in batches: facts and rows replaced. */
export async function rebuildConversationIntervals(
  organizationId: string,
  period: { from: Date; to: Date },
  deps: Pick<Deps, "db">,
  options: { batch?: number } = {},
): Promise<{ interactions: number; facts: number }> {
  const inPeriod = { organizationId, bucket: { gte: period.from, lt: period.to } };
  return rebuildFacts<InteractionRow>(period, {
    clear: () => deps.db.$transaction([deps.db.conversationFact.deleteMany({ where: inPeriod }), deps.db.conversationInterval.deleteMany({ where: inPeriod })]),
    page: (after) =>
      deps.db.interaction.findMany({
        where: {
          organizationId,
          channel: { in: [...CHANNELS] },
          direction: "INBOUND",
          endedAt: { not: null },
          arrivedAt: { gte: period.from, lt: period.to },
          ...(after ? { id: { gt: after } } : {}),
        },
        select: INTERACTION,
        orderBy: { id: "asc" },
        take: options.batch ?? 2000,
      }),
    write: async (page) => {
      const rows = await factRows(deps.db, page);
      if (rows.length) {
        await deps.db.conversationFact.deleteMany({ where: { interactionId: { in: rows.map((r) => r.interactionId) } } });
        await deps.db.conversationFact.createMany({ data: rows });
      }
      return rows.length;
    },
    sum: (from, to) => sumIntervals(deps.db, organizationId, from, to),
  });
}

/**
 * Chats and e-mails that ended lately without a fact (their end was missed), and conversations whose
 * case was resolved after they ended (the resolution time is counted then). The worker runs this
 * every minute with the queue report's catch-up.
 */
export async function applyMissedConversations(deps: Pick<Deps, "db" | "now">, hours = 48): Promise<number> {
  const since = new Date(deps.now().getTime() - hours * 3_600_000);
  const missed = await deps.db.$queryRaw<{ id: string }[]>`
    (select i."id"::text as "id" from "Interaction" i
     where i."arrivedAt" >= ${since}::timestamptz and i."endedAt" is not null and i."direction" = 'INBOUND' and i."channel" in ('CHAT', 'EMAIL')
       and not exists (select 1 from "ConversationFact" f where f."interactionId" = i."id")
     limit 500)
    union
    (select f."interactionId"::text from "ConversationFact" f join "Case" c on c."id" = f."caseId"
     where c."closedAt" >= ${since}::timestamptz and f."resolutionSeconds" is null
       and not exists (select 1 from "ConversationFact" g where g."caseId" = f."caseId" and g."resolutionSeconds" is not null)
       and f."arrivedAt" = (select min(h."arrivedAt") from "ConversationFact" h where h."caseId" = f."caseId")
     limit 500)`;
  let applied = 0;
  for (const m of missed) if (await applyConversation(m.id, deps)) applied++;
  return applied;
}

/** Facts as rows: the queues' first-response targets as they are now; a case's resolution on its first conversation. */
async function factRows(db: Db, interactions: InteractionRow[]): Promise<FactRow[]> {
  const ids = interactions.map((i) => i.id);
  const caseIds = [...new Set(interactions.map((i) => i.caseId))];
  const [events, messages, cases, firsts] = await Promise.all([
    eventsOf(db, ids, ["queued", "accepted", "requeued", "transfer_requested", "ended", "abandoned", "rated"]),
    db.message.findMany({ where: { interactionId: { in: ids } }, select: { interactionId: true, authorType: true, kind: true, authorUserId: true, createdAt: true } }),
    db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, createdAt: true, closedAt: true } }),
    db.interaction.findMany({
      where: { caseId: { in: caseIds }, direction: "INBOUND", channel: { in: [...CHANNELS] } },
      select: { id: true, caseId: true },
      orderBy: [{ arrivedAt: "asc" }, { id: "asc" }],
      distinct: ["caseId"],
    }),
  ]);
  const queueIds = [...new Set([...events.values()].flatMap((l) => l.map((e) => e.queueId)).concat(interactions.map((i) => i.queueId)))].filter(
    (q): q is string => !!q,
  );
  const queues = queueIds.length ? await db.queue.findMany({ where: { id: { in: queueIds } }, select: { id: true, sla: true } }) : [];
  const slaOf = new Map(queues.map((q) => [q.id, readSlaSettings(q.sla)]));
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  const firstOf = new Set(firsts.map((f) => f.id));
  return interactions.flatMap((i) => {
    if (!i.endedAt || (i.channel !== "CHAT" && i.channel !== "EMAIL")) return [];
    const c = caseOf.get(i.caseId);
    const input: ConversationInput = {
      channel: i.channel,
      direction: i.direction,
      arrivedAt: i.arrivedAt,
      endedAt: i.endedAt,
      queueId: i.queueId,
      fromWebVisitor: i.visitorId !== null,
      rating: i.rating,
      resolution: c && firstOf.has(i.id) ? { createdAt: c.createdAt, resolvedAt: c.closedAt } : null,
    };
    const own = messages.filter((m) => m.interactionId === i.id);
    const channel = i.channel;
    const f = conversationFact(input, events.get(i.id) ?? [], own, (q) => {
      const s = slaOf.get(q);
      return s ? targetsFor(s, channel).firstResponseMinutes : null;
    });
    if (!f) return [];
    return [{ interactionId: i.id, organizationId: i.organizationId, caseId: i.caseId, channel, web: input.fromWebVisitor, bucket: bucketOf(i.arrivedAt), ...f }];
  });
}

/** The organisation's interval rows in [from, to), summed again from the facts. */
async function sumIntervals(db: Db, organizationId: string, from: Date, to: Date) {
  await db.conversationInterval.deleteMany({ where: { organizationId, bucket: { gte: from, lt: to } } });
  await db.$executeRaw`
    insert into "ConversationInterval" ("organizationId", "bucket", "queueId", "channel", "web", "agentId", "conversations", "answered",
      "responded", "firstResponseSeconds", "firstResponseMax", "withTarget", "inTarget", "handled", "handlingSeconds", "resolved",
      "resolutionSeconds", "messagesFromContact", "messagesFromAgents", "rated", "ratingSum", "rating1", "rating2", "rating3", "rating4", "rating5")
    select "organizationId", "bucket", coalesce("queueId", ${NIL}), "channel", "web", coalesce("agentId", ${NIL}),
      count(*)::int, count(*) filter (where "answered")::int,
      count("firstResponseSeconds")::int, coalesce(sum("firstResponseSeconds"), 0), coalesce(max("firstResponseSeconds"), 0),
      count("firstResponseTargetSeconds")::int, count(*) filter (where "firstResponseInTarget")::int,
      count(*) filter (where "handlingSeconds" > 0)::int, coalesce(sum("handlingSeconds"), 0),
      count("resolutionSeconds")::int, coalesce(sum("resolutionSeconds"), 0),
      coalesce(sum("messagesFromContact"), 0)::int, coalesce(sum("messagesFromAgents"), 0)::int,
      count("rating")::int, coalesce(sum("rating"), 0)::int,
      count(*) filter (where "rating" = 1)::int, count(*) filter (where "rating" = 2)::int, count(*) filter (where "rating" = 3)::int,
      count(*) filter (where "rating" = 4)::int, count(*) filter (where "rating" = 5)::int
    from "ConversationFact"
    where "organizationId" = ${organizationId}::uuid and "bucket" >= ${from}::timestamptz and "bucket" < ${to}::timestamptz
    group by "organizationId", "bucket", coalesce("queueId", ${NIL}), "channel", "web", coalesce("agentId", ${NIL})`;
}

/** The same expression in select and group by (a bound parameter twice would be two expressions). */
const NIL = Prisma.raw(`'${NO_AGENT}'::uuid`);
