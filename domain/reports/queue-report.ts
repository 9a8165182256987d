// The queues/calls report for supervisors and managers (reports.read): per interval of a period
// (15 minutes to a month, on the organisation's clock) and per queue, the calls offered, answered
// and abandoned, the service level, waits, talk, offers and transfers. Read from the pre-aggregated
// interval rows (queue-intervals.ts) in two queries, whatever the period's traffic.
import { type Viewer, can } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { periodOf } from "./ivr-report.ts";
import { type Figures, type IntervalSize, MAX_DAYS_FOR, type Sums, ZERO, add, figuresOf, intervalKey, intervalsOf } from "./queue-figures.ts";
import { type ReportFilters, type ReportScope, reportScope, resolveFilters } from "./report-scope.ts";

export type Channel = "VOICE" | "CHAT" | "EMAIL" | "SMS" | "FAX";

/**
 * The interval size a caller that lists or sums the whole period (no intervals: the calls behind a
 * figure, the calls in detail) checks the period with: any period a report may cover (93 days).
 */
export const LIST_INTERVAL: IntervalSize = "MONTH";

export interface QueueReportInput extends ReportFilters {
  from?: Date | null;
  to?: Date | null;
  interval: IntervalSize;
  channel?: Channel | null;
}

export interface QueueReport {
  from: Date;
  to: Date;
  timezone: string;
  interval: IntervalSize;
  /** The queues' common target in percent; null when the chosen queues differ. */
  serviceLevelTarget: number | null;
  total: Figures;
  intervals: (Figures & { key: string; start: Date; end: Date })[];
  queues: (Figures & { queueId: string; name: string; serviceLevelSeconds: number; serviceLevelPercent: number })[];
  scope: ReportScope;
}

interface SumRow extends Record<keyof Sums, number | bigint | string> {
  key: Date | string;
}

/** The period, scope and filters checked; shared with the drill-down and the exports. */
export async function prepareQueueReport(
  viewer: Viewer,
  input: Omit<QueueReportInput, "interval"> & { interval?: IntervalSize },
  deps: Pick<Deps, "db" | "now">,
) {
  if (!can(viewer, "reports.read")) throw new DomainError("FORBIDDEN", "Your role does not allow reading reports");
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: viewer.organizationId }, select: { timezone: true } });
  const { from, to } = periodOf(input, org.timezone, deps.now());
  const size = input.interval ?? "DAY";
  if (to.getTime() - from.getTime() > MAX_DAYS_FOR[size] * 86_400_000 + 3600_000)
    throw fieldError("interval", "report_interval_too_fine", `Intervals this short cover at most ${MAX_DAYS_FOR[size]} days`, { maximum: MAX_DAYS_FOR[size] });
  const scope = await reportScope(viewer, deps.db);
  const { queueIds, agentIds } = await resolveFilters(scope, input, deps.db);
  return { organizationId: viewer.organizationId, timezone: org.timezone, from, to, size, scope, queueIds, agentIds, channel: input.channel ?? null };
}

export async function queueReport(viewer: Viewer, input: QueueReportInput, deps: Pick<Deps, "db" | "now">): Promise<QueueReport> {
  const p = await prepareQueueReport(viewer, input, deps);
  const sums = (by: "bucket" | "queueId") =>
    deps.db.$queryRawUnsafe<SumRow[]>(
      // Without an agent filter, the rows summed over the agents: a few per queue and interval.
      `select "${by}" as "key", ${SUM_COLUMNS} from ${p.agentIds ? `"QueueInterval"` : `"QueueIntervalTotal"`}
     where "organizationId" = $1::uuid and "bucket" >= $2::timestamptz and "bucket" < $3::timestamptz and "queueId" = any($4::uuid[])
       and ($5::text is null or "channel"::text = $5::text) ${p.agentIds ? `and "agentId" = any($6::uuid[])` : ""}
     group by "${by}"`,
      p.organizationId,
      p.from,
      p.to,
      p.queueIds,
      p.channel,
      ...(p.agentIds ? [p.agentIds] : []),
    );
  const [byBucket, byQueue] = p.queueIds.length ? await Promise.all([sums("bucket"), sums("queueId")]) : [[], []];

  const intervals = intervalsOf(p.size, p.timezone, p.from, p.to).map((i) => ({ ...i, sums: ZERO }));
  const index = new Map(intervals.map((i, n) => [i.key, n]));
  let total = ZERO;
  for (const row of byBucket) {
    const s = sumsOf(row);
    total = add(total, s);
    const n = index.get(intervalKey(p.size, p.timezone, new Date(row.key)));
    if (n !== undefined) intervals[n].sums = add(intervals[n].sums, s);
  }
  const chosen = p.scope.queues.filter((q) => p.queueIds.includes(q.id));
  const targets = new Set(chosen.map((q) => q.serviceLevelPercent));
  const queueSums = new Map(byQueue.map((r) => [String(r.key), sumsOf(r)]));
  return {
    from: p.from,
    to: p.to,
    timezone: p.timezone,
    interval: p.size,
    serviceLevelTarget: targets.size === 1 ? [...targets][0] : null,
    total: figuresOf(total),
    intervals: intervals.map(({ sums, ...i }) => ({ ...i, ...figuresOf(sums) })),
    queues: chosen
      .filter((q) => queueSums.has(q.id))
      .map((q) => ({
        ...figuresOf(queueSums.get(q.id)!),
        queueId: q.id,
        name: q.name,
        serviceLevelSeconds: q.serviceLevelSeconds,
        serviceLevelPercent: q.serviceLevelPercent,
      })),
    scope: p.scope,
  };
}

const SUM_COLUMNS = `sum("offered")::int as "offered", sum("answered")::int as "answered", sum("answeredInSl")::int as "answeredInSl",
  sum("abandoned")::int as "abandoned", sum("abandonedInSl")::int as "abandonedInSl", sum("shortAbandoned")::int as "shortAbandoned",
  sum("transferred")::int as "transferred", sum("offers")::int as "offers", sum("waitSeconds")::float8 as "waitSeconds", max("waitMax")::float8 as "waitMax",
  sum("answeredWaitSeconds")::float8 as "answeredWaitSeconds", sum("talkSeconds")::float8 as "talkSeconds", max("talkMax")::float8 as "talkMax"`;

function sumsOf(row: SumRow): Sums {
  const out = { ...ZERO };
  for (const k of Object.keys(ZERO) as (keyof Sums)[]) out[k] = Number(row[k] ?? 0);
  return out;
}
