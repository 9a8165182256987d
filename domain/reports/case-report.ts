// The cases report (Reports → Cases): per interval of a period (a day, a week or a month on the
// organisation's clock), the cases created and resolved, the deadlines missed (service-level first
// response and resolution, and the case's own deadline) and the backlog — the unfinished cases at
// the end of each interval by status, read from the status spans (domain/cases/status-spans.ts),
// never from the raw history. Scope and filters as the queue report's (report-scope.ts).
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { fieldError } from "../shared/errors.ts";
import { localizedName } from "../shared/localized-name.ts";
import { BACKLOG_CATEGORY, CASE_FIGURES, CASE_FILTER, CASE_INTERVAL_SIZES, type CaseFigure, type CaseIntervalSize, FIGURE_SQL } from "./case-figures.ts";
import { intervalsOf } from "./queue-figures.ts";
import { prepareQueueReport } from "./queue-report.ts";
import type { Channel } from "./queue-report.ts";
import type { ReportFilters, ReportScope } from "./report-scope.ts";
import { can } from "../access/viewer.ts";


export interface CaseReportInput extends ReportFilters {
  from?: Date | null;
  to?: Date | null;
  interval?: CaseIntervalSize;
  channel?: Channel | null;
}

export type CaseCounts = Record<CaseFigure, number>;

export interface CaseReportStatus {
  id: string;
  name: string;
  color: string;
  category: string;
}

export interface CaseReport {
  from: Date;
  to: Date;
  timezone: string;
  interval: CaseIntervalSize;
  total: CaseCounts;
  /** Each interval's counts and its backlog at its end (or now, for one not over yet): status id → cases. */
  intervals: (CaseCounts & { key: string; start: Date; end: Date; backlog: Record<string, number>; backlogTotal: number })[];
  /** The statuses met in the backlog, in the processes' order. */
  statuses: CaseReportStatus[];
  scope: ReportScope;
}

/** The period, scope and filters checked (as the queue report), and the filters on cases. */
export async function prepareCaseReport(viewer: Viewer, input: CaseReportInput, deps: Pick<Deps, "db" | "now">) {
  const size = input.interval ?? "DAY";
  if (!(CASE_INTERVAL_SIZES as readonly string[]).includes(size)) throw fieldError("interval", "unknown", "Cases are counted by day, week or month");
  const p = await prepareQueueReport(viewer, { ...input, interval: size }, deps);
  // Without a chosen queue a viewer who sees everything sees cases without a queue too.
  const queueIds = input.queueIds?.length || !can(viewer, "agents.monitor_all") ? p.queueIds : null;
  const now = deps.now();
  const params = [p.organizationId, queueIds, p.channel, p.agentIds] as const;
  return { ...p, size, now, params, intervals: intervalsOf(size, p.timezone, p.from, p.to) };
}

type Prepared = Awaited<ReturnType<typeof prepareCaseReport>>;

/** The figure's SQL with the report's filters; `$now` is parameter $5, further ones from $6. */
function figureQuery(f: CaseFigure) {
  const q = FIGURE_SQL[f];
  return { at: q.at, sql: `from ${q.from} where ${CASE_FILTER} and ${q.where.replaceAll("$now", "$5::timestamptz")}` };
}

export async function caseReport(viewer: Viewer, input: CaseReportInput, deps: Pick<Deps, "db" | "now">): Promise<CaseReport> {
  const p = await prepareCaseReport(viewer, input, deps);
  const starts = p.intervals.map((i) => i.start);
  const ends = p.intervals.map((i) => i.end);
  const counts = await Promise.all(
    CASE_FIGURES.map(async (f) => {
      const q = figureQuery(f);
      const rows = await deps.db.$queryRawUnsafe<{ start: Date; n: number }[]>(
        `select i.s as "start", count(*)::int as "n" from unnest($6::timestamptz[], $7::timestamptz[]) as i(s, e)
         join (select ${q.at} as "at" ${q.sql}) x on x."at" >= i.s and x."at" < i.e group by i.s`,
        ...p.params,
        p.now,
        starts,
        ends,
      );
      return new Map(rows.map((r) => [new Date(r.start).getTime(), Number(r.n)]));
    }),
  );
  // The backlog at each interval's end, or now for the one still running.
  const instants = ends.map((e) => (e > p.now ? p.now : e));
  const backlogRows = await deps.db.$queryRawUnsafe<{ at: Date; statusId: string; n: number }[]>(
    `select i.t as "at", s."statusId"::text as "statusId", count(*)::int as "n" from unnest($5::timestamptz[]) as i(t)
     join "CaseStatusSpan" s on s."organizationId" = $1::uuid and s."fromAt" < i.t and (s."toAt" is null or s."toAt" >= i.t)
     join "CaseStatus" st on st."id" = s."statusId" join "Case" c on c."id" = s."caseId"
     where ${CASE_FILTER} and ${BACKLOG_CATEGORY} group by i.t, s."statusId"`,
    ...p.params,
    instants,
  );
  const backlog = new Map<number, Record<string, number>>();
  for (const r of backlogRows) {
    const k = new Date(r.at).getTime();
    backlog.set(k, { ...backlog.get(k), [r.statusId]: Number(r.n) });
  }
  const statusIds = [...new Set(backlogRows.map((r) => r.statusId))];
  const statusRows = statusIds.length
    ? await deps.db.caseStatus.findMany({
        where: { id: { in: statusIds } },
        select: { id: true, name: true, translations: true, color: true, category: true },
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      })
    : [];
  const total = Object.fromEntries(CASE_FIGURES.map((f) => [f, 0])) as CaseCounts;
  const intervals = p.intervals.map((i, n) => {
    const c = Object.fromEntries(CASE_FIGURES.map((f, j) => [f, counts[j].get(i.start.getTime()) ?? 0])) as CaseCounts;
    for (const f of CASE_FIGURES) total[f] += c[f];
    const b = backlog.get(instants[n].getTime()) ?? {};
    return { ...i, ...c, backlog: b, backlogTotal: Object.values(b).reduce((a, x) => a + x, 0) };
  });
  return {
    from: p.from,
    to: p.to,
    timezone: p.timezone,
    interval: p.size,
    total,
    intervals,
    statuses: statusRows.map((s) => ({ id: s.id, name: localizedName(s.name, s.translations, viewer.locale), color: s.color, category: s.category })),
    scope: p.scope,
  };
}

export { figureQuery, type Prepared };
