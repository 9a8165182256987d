// The cases report's figures as SQL, one definition each, shared by the counts per interval and
// the list of cases behind a figure (the drill-down): when a figure counts a case (its instant,
// which places it in an interval on the organisation's clock) and which cases it counts.
// Definitions in docs/reports.md (Cases).

import type { IntervalSize } from "./queue-figures.ts";

/** Cases are counted by day, week or month (a backlog per quarter-hour says nothing). */
export const CASE_INTERVAL_SIZES = ["DAY", "WEEK", "MONTH"] as const satisfies readonly IntervalSize[];
export type CaseIntervalSize = (typeof CASE_INTERVAL_SIZES)[number];

export const CASE_FIGURES = ["CREATED", "RESOLVED", "FIRST_RESPONSE_BREACHED", "RESOLUTION_BREACHED", "OVERDUE"] as const;
export type CaseFigure = (typeof CASE_FIGURES)[number];

const DONE = `('RESOLVED', 'CLOSED')`;

/**
 * Each figure: the instant that places a case in an interval (`at`), the tables it reads (case `c`,
 * and for RESOLVED the status span `s` it entered) and its condition. `$now` is the time the report
 * is read: a deadline still in the future is no breach yet.
 */
export const FIGURE_SQL: Record<CaseFigure, { at: string; from: string; where: string }> = {
  CREATED: { at: `c."createdAt"`, from: `"Case" c`, where: `c."createdAt" <= $now` },
  // Moved to a resolved or closed status from an unfinished one (a case closed twice counts twice).
  RESOLVED: {
    at: `s."fromAt"`,
    from: `"CaseStatusSpan" s join "CaseStatus" st on st."id" = s."statusId" join "Case" c on c."id" = s."caseId"`,
    where: `s."fromAt" <= $now and st."category"::text in ${DONE} and not exists (select 1 from "CaseStatusSpan" p join "CaseStatus" ps on ps."id" = p."statusId"
      where p."caseId" = s."caseId" and p."toAt" = s."fromAt" and ps."category"::text in ${DONE})`,
  },
  FIRST_RESPONSE_BREACHED: {
    at: `c."slaFirstResponseDueAt"`,
    from: `"Case" c`,
    where: `c."slaFirstResponseDueAt" <= $now and (c."slaFirstRespondedAt" is null or c."slaFirstRespondedAt" > c."slaFirstResponseDueAt")`,
  },
  // Unfinished past its due time (the clock not held before it fell due), or finished after it.
  RESOLUTION_BREACHED: {
    at: `c."slaResolutionDueAt"`,
    from: `"Case" c`,
    where: `c."slaResolutionDueAt" <= $now and (c."closedAt" > c."slaResolutionDueAt"
      or (c."closedAt" is null and (c."slaHeldAt" is null or c."slaHeldAt" > c."slaResolutionDueAt")))`,
  },
  OVERDUE: {
    at: `c."deadline"`,
    from: `"Case" c`,
    where: `c."deadline" <= $now and (c."closedAt" is null or c."closedAt" > c."deadline")`,
  },
};

/** A status counts in the backlog while unfinished (new, open, pending). */
export const BACKLOG_CATEGORY = `st."category"::text not in ${DONE}`;

/**
 * The filters on the case `c`: organisation $1, queues $2 (null: any, cases without a queue too),
 * channel $3, assignees $4. Numbered parameters follow from $5.
 */
export const CASE_FILTER = `c."organizationId" = $1::uuid and ($2::uuid[] is null or c."queueId" = any($2::uuid[]))
  and ($3::text is null or c."channel"::text = $3::text) and ($4::uuid[] is null or c."assigneeId" = any($4::uuid[]))`;
