// The Outbound calls report (reports.read): per interval of a period (15 minutes to a month, on the
// organisation's clock) and per kind, campaign and agent, the calls out placed and how they ended —
// answered, a machine, abandoned by the dialer, busy, no answer, failed, cancelled — with ringing
// and talk times. Read from the pre-aggregated interval rows (outbound-intervals.ts), never the
// events; the same period, scope and filters as the queue report (prepareQueueReport), and a call
// made outside any queue (an agent's own) counts for the agents the viewer may see.
// Definitions: docs/reports.md, "Outbound calls".
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { fieldError } from "../shared/errors.ts";
import type { OutboundKind } from "./outbound-facts.ts";
import { type IntervalSize, intervalKey, intervalsOf } from "./queue-figures.ts";
import { NO_AGENT } from "./queue-intervals.ts";
import { type QueueReportInput, prepareQueueReport } from "./queue-report.ts";
import type { ReportScope } from "./report-scope.ts";

const SUM_KEYS = [
  "calls",
  "answered",
  "machine",
  "abandoned",
  "busy",
  "noAnswer",
  "invalidNumber",
  "networkError",
  "cancelled",
  "ringSeconds",
  "answeredRingSeconds",
  "talkSeconds",
  "talkMax",
] as const;
export type OutboundSums = Record<(typeof SUM_KEYS)[number], number>;
const ZERO = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as OutboundSums;

export interface OutboundFigures {
  calls: number;
  answered: number;
  /** Answered by a person ÷ calls placed. */
  answerRate: number | null;
  /** Seconds from placing to the answer, over the answered calls. */
  ringAvg: number | null;
  talkTotal: number;
  talkAvg: number | null;
  talkMax: number | null;
  machine: number;
  abandoned: number;
  /** Abandoned ÷ (answered + abandoned): people who answered and got no agent. */
  abandonRate: number | null;
  busy: number;
  noAnswer: number;
  /** A number that does not exist, or the network could not place the call. */
  failed: number;
  invalidNumber: number;
  networkError: number;
  /** Ended by us before anyone answered (the agent hung up, the dialer gave up). */
  cancelled: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function outboundFigures(s: OutboundSums): OutboundFigures {
  return {
    calls: s.calls,
    answered: s.answered,
    answerRate: ratio(s.answered, s.calls),
    ringAvg: ratio(s.answeredRingSeconds, s.answered),
    talkTotal: s.talkSeconds,
    talkAvg: ratio(s.talkSeconds, s.answered),
    talkMax: s.answered ? s.talkMax : null,
    machine: s.machine,
    abandoned: s.abandoned,
    abandonRate: ratio(s.abandoned, s.answered + s.abandoned),
    busy: s.busy,
    noAnswer: s.noAnswer,
    failed: s.invalidNumber + s.networkError,
    invalidNumber: s.invalidNumber,
    networkError: s.networkError,
    cancelled: s.cancelled,
  };
}

function add(a: OutboundSums, b: OutboundSums): OutboundSums {
  const out = { ...a };
  for (const k of SUM_KEYS) out[k] = k === "talkMax" ? Math.max(a[k], b[k]) : a[k] + b[k];
  return out;
}

export interface OutboundReportInput extends QueueReportInput {
  campaignId?: string | null;
  kind?: OutboundKind | null;
}

export interface OutboundReport {
  from: Date;
  to: Date;
  timezone: string;
  interval: IntervalSize;
  total: OutboundFigures;
  intervals: (OutboundFigures & { key: string; start: Date; end: Date })[];
  kinds: (OutboundFigures & { kind: OutboundKind })[];
  campaigns: (OutboundFigures & { campaignId: string; name: string })[];
  agents: (OutboundFigures & { agentId: string | null })[];
  scope: ReportScope & { campaigns: { id: string; name: string }[] };
}

/** The period, scope and filters checked, and the SQL condition on OutboundInterval / OutboundCallFact rows they make. */
export async function prepareOutboundReport(
  viewer: Viewer,
  input: Omit<OutboundReportInput, "interval"> & { interval?: IntervalSize },
  deps: Pick<Deps, "db" | "now">,
) {
  const p = await prepareQueueReport(viewer, input, deps);
  const campaigns = p.scope.queues.length
    ? await deps.db.campaign.findMany({
        where: { organizationId: p.organizationId, queueId: { in: p.scope.queues.map((q) => q.id) } },
        select: { id: true, name: true, queueId: true },
        orderBy: { name: "asc" },
      })
    : [];
  const campaign = input.campaignId ? campaigns.find((c) => c.id === input.campaignId) : null;
  if (input.campaignId && !campaign) throw fieldError("campaignId", "unknown", "There is no such campaign among yours");
  // No queue chosen: the agents' own calls (outside any queue) count too, for the agents in scope.
  const ownCallsOf = input.queueIds?.length || campaign ? null : p.scope.agents.map((a) => a.id);
  return {
    ...p,
    campaigns: campaigns.map(({ id, name }) => ({ id, name })),
    campaignId: campaign?.id ?? null,
    kind: input.kind ?? null,
    ownCallsOf,
  };
}
export type PreparedOutboundReport = Awaited<ReturnType<typeof prepareOutboundReport>>;

/** The where clause for rows of the prepared report ($1 org, $2 from, $3 to, then its filters), and its parameters. */
export function outboundWhere(p: PreparedOutboundReport, nullable: boolean): { sql: string; params: unknown[] } {
  const none = nullable ? `is null` : `= '${NO_AGENT}'::uuid`;
  return {
    sql: `"organizationId" = $1::uuid and "bucket" >= $2::timestamptz and "bucket" < $3::timestamptz
      and ("queueId" = any($4::uuid[]) or ("queueId" ${none} and $5::uuid[] is not null and "agentId" = any($5::uuid[])))
      and ($6::uuid[] is null or "agentId" = any($6::uuid[]))
      and ($7::uuid is null or "campaignId" = $7::uuid) and ($8::text is null or "kind" = $8::text)`,
    params: [p.organizationId, p.from, p.to, p.queueIds, p.ownCallsOf, p.agentIds, p.campaignId, p.kind],
  };
}

type Row = Record<(typeof SUM_KEYS)[number], number | bigint | string> & { key: Date | string };

export async function outboundReport(viewer: Viewer, input: OutboundReportInput, deps: Pick<Deps, "db" | "now">): Promise<OutboundReport> {
  const p = await prepareOutboundReport(viewer, input, deps);
  const where = outboundWhere(p, false);
  const sums = (by: string) =>
    deps.db.$queryRawUnsafe<Row[]>(
      `select ${by} as "key", ${SUM_KEYS.map((k) => (k === "talkMax" ? `max("${k}")::float8 as "${k}"` : `sum("${k}")::float8 as "${k}"`)).join(", ")}
       from "OutboundInterval" where ${where.sql} group by 1`,
      ...where.params,
    );
  const none: Row[] = [];
  const [byBucket, byKind, byCampaign, byAgent] =
    p.scope.queues.length || p.scope.agents.length
      ? await Promise.all([sums(`"bucket"`), sums(`"kind"`), sums(`"campaignId"::text`), sums(`"agentId"::text`)])
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
  const campaignSums = new Map(byCampaign.map((r) => [String(r.key), sumsOf(r)]));
  return {
    from: p.from,
    to: p.to,
    timezone: p.timezone,
    interval: p.size,
    total: outboundFigures(total),
    intervals: intervals.map(({ sums, ...i }) => ({ ...i, ...outboundFigures(sums) })),
    kinds: byKind.map((r) => ({ ...outboundFigures(sumsOf(r)), kind: String(r.key) as OutboundKind })).sort((a, b) => b.calls - a.calls),
    campaigns: p.campaigns.filter((c) => campaignSums.has(c.id)).map((c) => ({ ...outboundFigures(campaignSums.get(c.id)!), campaignId: c.id, name: c.name })),
    agents: byAgent.map((r) => ({ ...outboundFigures(sumsOf(r)), agentId: String(r.key) === NO_AGENT ? null : String(r.key) })),
    scope: { ...p.scope, campaigns: p.campaigns },
  };
}

function sumsOf(row: Row): OutboundSums {
  const out = { ...ZERO };
  for (const k of SUM_KEYS) out[k] = Number(row[k] ?? 0);
  return out;
}
