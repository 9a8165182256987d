// The Chat and e-mail report (reports.read): per interval of a period (15 minutes to a month, on the
// organisation's clock) and per queue, agent and channel, the conversations, answered, first
// response, handling, resolution, messages and ratings. Read from the pre-aggregated interval rows
// (conversation-intervals.ts), never the events; the same period, scope and filters as the queue
// report (prepareQueueReport). Definitions: docs/reports.md, "Chat and e-mail".
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { type IntervalSize, intervalKey, intervalsOf } from "./queue-figures.ts";
import { NO_AGENT } from "./queue-intervals.ts";
import { type QueueReportInput, prepareQueueReport } from "./queue-report.ts";
import type { ReportScope } from "./report-scope.ts";

const SUM_KEYS = [
  "conversations",
  "answered",
  "responded",
  "firstResponseSeconds",
  "firstResponseMax",
  "withTarget",
  "inTarget",
  "handled",
  "handlingSeconds",
  "resolved",
  "resolutionSeconds",
  "messagesFromContact",
  "messagesFromAgents",
  "rated",
  "ratingSum",
  "rating1",
  "rating2",
  "rating3",
  "rating4",
  "rating5",
] as const;
export type ConversationSums = Record<(typeof SUM_KEYS)[number], number>;
const ZERO = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as ConversationSums;

export interface ConversationFigures {
  conversations: number;
  answered: number;
  /** Conversations an agent wrote to (the first response's count). */
  responded: number;
  firstResponseAvg: number | null;
  firstResponseMax: number | null;
  /** Share of those with a target that were answered within it; null: no queue had a target. */
  firstResponseInTarget: number | null;
  handlingAvg: number | null;
  handlingTotal: number;
  resolved: number;
  resolutionAvg: number | null;
  messagesFromContact: number;
  messagesFromAgents: number;
  messagesPerConversation: number | null;
  rated: number;
  ratingAvg: number | null;
  /** How many gave 1, 2, 3, 4 and 5. */
  ratings: [number, number, number, number, number];
  /** Rated ÷ answered. */
  ratedShare: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function conversationFigures(s: ConversationSums): ConversationFigures {
  return {
    conversations: s.conversations,
    answered: s.answered,
    responded: s.responded,
    firstResponseAvg: ratio(s.firstResponseSeconds, s.responded),
    firstResponseMax: s.responded ? s.firstResponseMax : null,
    firstResponseInTarget: ratio(s.inTarget, s.withTarget),
    handlingAvg: ratio(s.handlingSeconds, s.handled),
    handlingTotal: s.handlingSeconds,
    resolved: s.resolved,
    resolutionAvg: ratio(s.resolutionSeconds, s.resolved),
    messagesFromContact: s.messagesFromContact,
    messagesFromAgents: s.messagesFromAgents,
    messagesPerConversation: ratio(s.messagesFromContact + s.messagesFromAgents, s.conversations),
    rated: s.rated,
    ratingAvg: ratio(s.ratingSum, s.rated),
    ratings: [s.rating1, s.rating2, s.rating3, s.rating4, s.rating5],
    ratedShare: ratio(s.rated, s.answered),
  };
}

function add(a: ConversationSums, b: ConversationSums): ConversationSums {
  const out = { ...a };
  for (const k of SUM_KEYS) out[k] = k === "firstResponseMax" ? Math.max(a[k], b[k]) : a[k] + b[k];
  return out;
}

/** The chat and e-mail channels as the report splits them: a web visitor's apart. */
export type ConversationChannel = "CHAT" | "CHAT_WEB" | "EMAIL" | "EMAIL_WEB";

export interface ConversationReport {
  from: Date;
  to: Date;
  timezone: string;
  interval: IntervalSize;
  total: ConversationFigures;
  intervals: (ConversationFigures & { key: string; start: Date; end: Date })[];
  queues: (ConversationFigures & { queueId: string; name: string })[];
  agents: (ConversationFigures & { agentId: string | null })[];
  channels: (ConversationFigures & { channel: ConversationChannel })[];
  scope: ReportScope;
}

type Row = Record<(typeof SUM_KEYS)[number], number | bigint | string> & { key: Date | string };

export async function conversationReport(
  viewer: Viewer,
  input: QueueReportInput,
  deps: Pick<Deps, "db" | "now">,
): Promise<ConversationReport> {
  const p = await prepareQueueReport(viewer, input, deps);
  const sums = (by: string) =>
    deps.db.$queryRawUnsafe<Row[]>(
      `select ${by} as "key", ${SUM_KEYS.map((k) => (k === "firstResponseMax" ? `max("${k}")::float8 as "${k}"` : `sum("${k}")::float8 as "${k}"`)).join(", ")}
       from "ConversationInterval"
       where "organizationId" = $1::uuid and "bucket" >= $2::timestamptz and "bucket" < $3::timestamptz and "queueId" = any($4::uuid[])
         and ($5::text is null or "channel"::text = $5::text) and ($6::uuid[] is null or "agentId" = any($6::uuid[]))
       group by 1`,
      p.organizationId,
      p.from,
      p.to,
      p.queueIds,
      p.channel,
      p.agentIds,
    );
  const none: Row[] = [];
  const [byBucket, byQueue, byAgent, byChannel] = p.queueIds.length
    ? await Promise.all([sums(`"bucket"`), sums(`"queueId"::text`), sums(`"agentId"::text`), sums(`"channel"::text || case when "web" then '_WEB' else '' end`)])
    : [none, none, none, none];

  const intervals = intervalsOf(p.size, p.timezone, p.from, p.to).map((i) => ({ ...i, sums: ZERO }));
  const index = new Map(intervals.map((i, n) => [i.key, n]));
  let total = ZERO;
  for (const row of byBucket) {
    const s = sumsOf(row);
    total = add(total, s);
    const n = index.get(intervalKey(p.size, p.timezone, new Date(row.key)));
    if (n !== undefined) intervals[n].sums = add(intervals[n].sums, s);
  }
  const queueSums = new Map(byQueue.map((r) => [String(r.key), sumsOf(r)]));
  return {
    from: p.from,
    to: p.to,
    timezone: p.timezone,
    interval: p.size,
    total: conversationFigures(total),
    intervals: intervals.map(({ sums, ...i }) => ({ ...i, ...conversationFigures(sums) })),
    queues: p.scope.queues
      .filter((q) => queueSums.has(q.id))
      .map((q) => ({ ...conversationFigures(queueSums.get(q.id)!), queueId: q.id, name: q.name })),
    agents: byAgent.map((r) => ({ ...conversationFigures(sumsOf(r)), agentId: String(r.key) === NO_AGENT ? null : String(r.key) })),
    channels: byChannel
      .map((r) => ({ ...conversationFigures(sumsOf(r)), channel: String(r.key) as ConversationChannel }))
      .sort((a, b) => (a.channel < b.channel ? -1 : 1)),
    scope: p.scope,
  };
}

function sumsOf(row: Row): ConversationSums {
  const out = { ...ZERO };
  for (const k of SUM_KEYS) out[k] = Number(row[k] ?? 0);
  return out;
}
