// The cases behind one figure of the cases report (a cell: an interval or the whole period, and a
// figure; the backlog at the interval's end, of one status or all), each with a link to its case.
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { fieldError } from "../shared/errors.ts";
import { localizedName } from "../shared/localized-name.ts";
import { BACKLOG_CATEGORY, CASE_FILTER, type CaseFigure } from "./case-figures.ts";
import { type CaseReportInput, figureQuery, prepareCaseReport } from "./case-report.ts";
import { DRILL_LIMIT } from "./queue-report-calls.ts";

export interface CaseReportCase {
  caseId: string;
  number: number;
  subject: string;
  statusName: string;
  channel: string;
  assigneeName: string | null;
  createdAt: Date;
  /** The instant the figure counts the case at (created, resolved, fell due; the backlog's instant). */
  at: Date;
}

export async function caseReportCases(
  viewer: Viewer,
  input: CaseReportInput & { figure: CaseFigure | "BACKLOG"; intervalStart?: Date | null; statusId?: string | null },
  deps: Pick<Deps, "db" | "now">,
): Promise<{ total: number; cases: CaseReportCase[] }> {
  const p = await prepareCaseReport(viewer, input, deps);
  const interval = input.intervalStart ? p.intervals.find((i) => i.start.getTime() === input.intervalStart!.getTime()) : null;
  if (input.intervalStart && !interval) throw fieldError("intervalStart", "unknown", "No such interval in the period");
  let select: string;
  let args: unknown[];
  if (input.figure === "BACKLOG") {
    // The backlog at the end of the interval (of the period without one), or now.
    const end = interval?.end ?? p.to;
    const at = end > p.now ? p.now : end;
    select = `select c."id", $5::timestamptz as "at" from "CaseStatusSpan" s join "CaseStatus" st on st."id" = s."statusId" join "Case" c on c."id" = s."caseId"
      where ${CASE_FILTER} and ${BACKLOG_CATEGORY} and s."fromAt" < $5::timestamptz and (s."toAt" is null or s."toAt" >= $5::timestamptz)
        and ($6::uuid is null or s."statusId" = $6::uuid)`;
    args = [at, input.statusId ?? null];
  } else {
    const q = figureQuery(input.figure);
    select = `select c."id", ${q.at} as "at" ${q.sql} and ${q.at} >= $6::timestamptz and ${q.at} < $7::timestamptz`;
    args = [p.now, interval?.start ?? p.from, interval?.end ?? p.to];
  }
  const [{ n }] = await deps.db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as "n" from (${select}) x`, ...p.params, ...args);
  const rows = await deps.db.$queryRawUnsafe<{ id: string; at: Date }[]>(`${select} order by 2, 1 limit ${DRILL_LIMIT}`, ...p.params, ...args);
  const cases = await deps.db.case.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: {
      id: true,
      number: true,
      subject: true,
      channel: true,
      createdAt: true,
      status: { select: { name: true, translations: true } },
      assignee: { select: { name: true, username: true } },
    },
  });
  const byId = new Map(cases.map((c) => [c.id, c]));
  return {
    total: Number(n),
    cases: rows.flatMap((r) => {
      const c = byId.get(r.id);
      if (!c) return [];
      return [
        {
          caseId: c.id,
          number: c.number,
          subject: c.subject,
          statusName: localizedName(c.status.name, c.status.translations, viewer.locale),
          channel: c.channel,
          assigneeName: c.assignee ? c.assignee.name || c.assignee.username : null,
          createdAt: c.createdAt,
          at: new Date(r.at),
        },
      ];
    }),
  };
}
