// The cases report (reports.read): per interval the cases created and resolved, the backlog by
// status, deadlines missed; and the cases behind any figure. Definitions: docs/reports.md (Cases).
import { CASE_FIGURES, CASE_INTERVAL_SIZES } from "../../domain/reports/case-figures.ts";
import { type CaseReportCase, caseReportCases } from "../../domain/reports/case-report-cases.ts";
import { type CaseReport, caseReport } from "../../domain/reports/case-report.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";
import { ScopeRef, filterArgs, id, ids } from "./queue-report.ts";

const CaseIntervalEnum = builder.enumType("CaseReportInterval", { values: CASE_INTERVAL_SIZES });
const CaseFigureEnum = builder.enumType("CaseReportFigure", { values: [...CASE_FIGURES, "BACKLOG"] as const });

type Counts = CaseReport["total"];
const CountsRef = builder.objectRef<Counts>("CaseReportCounts").implement({
  fields: (t) => ({
    created: t.exposeInt("CREATED", { description: "Cases created." }),
    resolved: t.exposeInt("RESOLVED", { description: "Moves from an unfinished status to a resolved or closed one." }),
    firstResponseBreached: t.exposeInt("FIRST_RESPONSE_BREACHED", { description: "First-response due times that fell here and were missed." }),
    resolutionBreached: t.exposeInt("RESOLUTION_BREACHED", { description: "Resolution due times that fell here and were missed." }),
    overdue: t.exposeInt("OVERDUE", { description: "Case deadlines that fell here with the case unfinished." }),
  }),
});

const BacklogRef = builder.objectRef<{ statusId: string; cases: number }>("CaseReportBacklog").implement({
  fields: (t) => ({ statusId: t.exposeID("statusId"), cases: t.exposeInt("cases") }),
});

const IntervalRef = builder.objectRef<CaseReport["intervals"][number]>("CaseReportIntervalRow").implement({
  fields: (t) => ({
    key: t.exposeString("key", { description: "YYYY-MM-DD (day, week's Monday) or YYYY-MM, on the organisation's clock." }),
    start: t.expose("start", { type: "DateTime" }),
    end: t.expose("end", { type: "DateTime" }),
    counts: t.field({ type: CountsRef, resolve: (i) => i }),
    backlogTotal: t.exposeInt("backlogTotal", { description: "Unfinished cases at the interval's end (or now)." }),
    backlog: t.field({ type: [BacklogRef], resolve: (i) => Object.entries(i.backlog).map(([statusId, cases]) => ({ statusId, cases })) }),
  }),
});

const StatusRef = builder.objectRef<CaseReport["statuses"][number]>("CaseReportStatus").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name", { description: "In the viewer's language." }),
    color: t.exposeString("color"),
    category: t.exposeString("category"),
  }),
});

const ReportRef = builder.objectRef<CaseReport>("CaseReport").implement({
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime" }),
    to: t.expose("to", { type: "DateTime" }),
    timezone: t.exposeString("timezone"),
    interval: t.field({ type: CaseIntervalEnum, resolve: (r) => r.interval }),
    total: t.field({ type: CountsRef, resolve: (r) => r.total }),
    intervals: t.field({ type: [IntervalRef], resolve: (r) => r.intervals }),
    statuses: t.field({ type: [StatusRef], resolve: (r) => r.statuses }),
    scope: t.field({ type: ScopeRef, resolve: (r) => r.scope }),
  }),
});

const CaseRef = builder.objectRef<CaseReportCase>("CaseReportCase").implement({
  fields: (t) => ({
    caseId: t.exposeID("caseId"),
    number: t.exposeInt("number"),
    subject: t.exposeString("subject"),
    statusName: t.exposeString("statusName"),
    channel: t.exposeString("channel"),
    assigneeName: t.exposeString("assigneeName", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    at: t.expose("at", { type: "DateTime", description: "When the figure counts the case (created, resolved, fell due; the backlog's instant)." }),
  }),
});

const CaseList = builder.objectRef<{ total: number; cases: CaseReportCase[] }>("CaseReportCases").implement({
  fields: (t) => ({
    total: t.exposeInt("total", { description: "All the cases behind the figure; at most 200 are listed." }),
    cases: t.field({ type: [CaseRef], resolve: (l) => l.cases }),
  }),
});

builder.queryFields((t) => ({
  caseReport: t.field({
    type: ReportRef,
    description: "Cases over a period (at most 93 days) per day, week or month.",
    authScopes: { permission: "reports.read" },
    args: { ...filterArgs(t), interval: t.arg({ type: CaseIntervalEnum, required: true }) },
    resolve: (_r, a, ctx) =>
      caseReport(
        viewerOf(ctx),
        { from: a.from, to: a.to, interval: a.interval, queueIds: ids(a.queueIds), teamId: id(a.teamId), agentId: id(a.agentId), channel: a.channel ?? null },
        ctx.app.deps,
      ),
  }),
  caseReportCases: t.field({
    type: CaseList,
    description: "The cases behind one figure of the cases report: the report's period and interval, and the cell's interval start (none: the period).",
    authScopes: { permission: "reports.read" },
    args: {
      ...filterArgs(t),
      interval: t.arg({ type: CaseIntervalEnum, required: true }),
      figure: t.arg({ type: CaseFigureEnum, required: true }),
      intervalStart: t.arg({ type: "DateTime", required: false }),
      statusId: t.arg.id({ required: false }),
    },
    resolve: (_r, a, ctx) =>
      caseReportCases(
        viewerOf(ctx),
        {
          from: a.from,
          to: a.to,
          interval: a.interval,
          figure: a.figure,
          intervalStart: a.intervalStart ?? null,
          statusId: id(a.statusId),
          queueIds: ids(a.queueIds),
          teamId: id(a.teamId),
          agentId: id(a.agentId),
          channel: a.channel ?? null,
        },
        ctx.app.deps,
      ),
  }),
}));
