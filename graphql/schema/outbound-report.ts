// The Outbound calls report (reports.read): figures per interval, kind, campaign and agent, and the
// calls behind any figure. Definitions: docs/reports.md (Outbound calls).
import { z } from "zod";
import { OUTBOUND_KINDS, OUTBOUND_RESULTS } from "../../domain/reports/outbound-facts.ts";
import { OUTBOUND_FIGURES, type ReportOutboundCall, outboundReportList } from "../../domain/reports/outbound-report-list.ts";
import { type OutboundFigures, type OutboundReport, outboundReport } from "../../domain/reports/outbound-report.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";
import { ScopeRef, filterArgs, id, ids, namedAgentRows } from "./queue-report.ts";

const KindEnum = builder.enumType("OutboundCallKind", {
  values: OUTBOUND_KINDS,
  description: "An agent's own call, a call-back asked for in the IVR or on the web, or a campaign's call.",
});
const ResultEnum = builder.enumType("OutboundCallResult", { values: OUTBOUND_RESULTS });
const FigureEnum = builder.enumType("OutboundReportFigure", { values: OUTBOUND_FIGURES });
const IntervalEnum = builder.enumType("OutboundReportInterval", { values: ["QUARTER_HOUR", "HOUR", "DAY", "WEEK", "MONTH"] as const });

const FiguresRef = builder.objectRef<OutboundFigures>("OutboundFigures").implement({
  description: "Calls out counted over an interval; definitions in docs/reports.md.",
  fields: (t) => ({
    calls: t.exposeInt("calls", { description: "Calls placed." }),
    answered: t.exposeInt("answered", { description: "Answered by a person." }),
    answerRate: t.exposeFloat("answerRate", { nullable: true, description: "0–1: answered ÷ calls." }),
    ringAvg: t.exposeFloat("ringAvg", { nullable: true, description: "Seconds from placing to the answer, over the answered." }),
    talkTotal: t.exposeFloat("talkTotal"),
    talkAvg: t.exposeFloat("talkAvg", { nullable: true }),
    talkMax: t.exposeFloat("talkMax", { nullable: true }),
    machine: t.exposeInt("machine"),
    abandoned: t.exposeInt("abandoned", { description: "A person answered and no agent was free in time." }),
    abandonRate: t.exposeFloat("abandonRate", { nullable: true, description: "0–1: abandoned ÷ (answered + abandoned)." }),
    busy: t.exposeInt("busy"),
    noAnswer: t.exposeInt("noAnswer"),
    failed: t.exposeInt("failed", { description: "invalidNumber + networkError." }),
    invalidNumber: t.exposeInt("invalidNumber"),
    networkError: t.exposeInt("networkError"),
    cancelled: t.exposeInt("cancelled", { description: "Ended by us before anyone answered." }),
  }),
});

type Report = OutboundReport;
const IntervalRef = builder.objectRef<Report["intervals"][number]>("OutboundReportIntervalRow").implement({
  fields: (t) => ({
    key: t.exposeString("key"),
    start: t.expose("start", { type: "DateTime" }),
    end: t.expose("end", { type: "DateTime" }),
    figures: t.field({ type: FiguresRef, resolve: (i) => i }),
  }),
});
const KindRowRef = builder.objectRef<Report["kinds"][number]>("OutboundReportKind").implement({
  fields: (t) => ({ kind: t.field({ type: KindEnum, resolve: (k) => k.kind }), figures: t.field({ type: FiguresRef, resolve: (k) => k }) }),
});
const CampaignRef = builder.objectRef<Report["campaigns"][number]>("OutboundReportCampaign").implement({
  fields: (t) => ({ campaignId: t.exposeID("campaignId"), name: t.exposeString("name"), figures: t.field({ type: FiguresRef, resolve: (c) => c }) }),
});
const AgentRef = builder.objectRef<Report["agents"][number] & { name: string | null }>("OutboundReportAgent").implement({
  fields: (t) => ({
    agentId: t.exposeID("agentId", { nullable: true, description: "Null: calls no agent had (a dialer's machine, abandoned or failed calls)." }),
    name: t.exposeString("name", { nullable: true }),
    figures: t.field({ type: FiguresRef, resolve: (a) => a }),
  }),
});
const Option = builder.objectRef<{ id: string; name: string }>("OutboundReportCampaignOption").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});

const ReportRef = builder.objectRef<Report>("OutboundReport").implement({
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime" }),
    to: t.expose("to", { type: "DateTime" }),
    timezone: t.exposeString("timezone"),
    interval: t.field({ type: IntervalEnum, resolve: (r) => r.interval }),
    total: t.field({ type: FiguresRef, resolve: (r) => r.total }),
    intervals: t.field({ type: [IntervalRef], description: "Every interval of the period, quiet ones included.", resolve: (r) => r.intervals }),
    kinds: t.field({ type: [KindRowRef], description: "Busiest first.", resolve: (r) => r.kinds }),
    campaigns: t.field({ type: [CampaignRef], resolve: (r) => r.campaigns }),
    agents: t.field({
      type: [AgentRef],
      description: "The agents the viewer may see, busiest first; then the calls no agent had (agentId null).",
      resolve: (r) => namedAgentRows(r.agents, r.scope, (a) => a.calls),
    }),
    scope: t.field({ type: ScopeRef, resolve: (r) => r.scope }),
    campaignOptions: t.field({ type: [Option], description: "The campaigns the viewer may filter by.", resolve: (r) => r.scope.campaigns }),
  }),
});

const CallRef = builder.objectRef<ReportOutboundCall>("ReportOutboundCall").implement({
  fields: (t) => ({
    interactionId: t.exposeID("interactionId"),
    caseId: t.exposeID("caseId"),
    caseNumber: t.exposeInt("caseNumber"),
    subject: t.exposeString("subject"),
    kind: t.field({ type: KindEnum, resolve: (c) => c.kind }),
    campaignName: t.exposeString("campaignName", { nullable: true }),
    agentName: t.exposeString("agentName", { nullable: true }),
    customer: t.exposeString("customer"),
    number: t.exposeString("number"),
    placedAt: t.expose("placedAt", { type: "DateTime" }),
    result: t.field({ type: ResultEnum, resolve: (c) => c.result }),
    sipCode: t.exposeInt("sipCode", { nullable: true }),
    ringSeconds: t.exposeFloat("ringSeconds"),
    talkSeconds: t.exposeFloat("talkSeconds"),
  }),
});

const CallList = builder.objectRef<{ total: number; calls: ReportOutboundCall[] }>("ReportOutboundCalls").implement({
  fields: (t) => ({
    total: t.exposeInt("total", { description: "All the calls behind the figure; at most 200 are listed." }),
    calls: t.field({ type: [CallRef], resolve: (l) => l.calls }),
  }),
});

/** The report's filters: the queue report's (its channel aside: these are all calls) and a campaign and kind. */
const outboundArgs = (t: Parameters<typeof filterArgs>[0]) => {
  const { channel: _channel, ...rest } = filterArgs(t);
  return {
    ...rest,
    campaignId: t.arg.id({ required: false, validate: z.uuid() }),
    kind: t.arg({ type: KindEnum, required: false }),
  };
};

builder.queryFields((t) => ({
  outboundReport: t.field({
    type: ReportRef,
    description: "Calls out over a period (at most 93 days; 15-minute intervals 7, hours 31), per interval, kind, campaign and agent.",
    authScopes: { permission: "reports.read" },
    args: { ...outboundArgs(t), interval: t.arg({ type: IntervalEnum, required: true }) },
    resolve: (_r, a, ctx) =>
      outboundReport(
        viewerOf(ctx),
        {
          from: a.from,
          to: a.to,
          interval: a.interval,
          queueIds: ids(a.queueIds),
          teamId: id(a.teamId),
          agentId: id(a.agentId),
          campaignId: id(a.campaignId),
          kind: a.kind ?? null,
        },
        ctx.app.deps,
      ),
  }),
  outboundReportList: t.field({
    type: CallList,
    description:
      "The calls behind one figure of the Outbound calls report: the cell's interval as from/to, and its row (a kind, a campaign, or an agent — rowAgentNone for none).",
    authScopes: { permission: "reports.read" },
    args: {
      ...outboundArgs(t),
      figure: t.arg({ type: FigureEnum, required: true }),
      rowKind: t.arg({ type: KindEnum, required: false }),
      rowCampaignId: t.arg.id({ required: false, validate: z.uuid() }),
      rowAgentId: t.arg.id({ required: false, validate: z.uuid() }),
      rowAgentNone: t.arg.boolean({ required: false }),
    },
    resolve: (_r, a, ctx) =>
      outboundReportList(
        viewerOf(ctx),
        {
          from: a.from,
          to: a.to,
          figure: a.figure,
          queueIds: ids(a.queueIds),
          teamId: id(a.teamId),
          agentId: id(a.agentId),
          campaignId: id(a.campaignId),
          kind: a.kind ?? null,
          row: {
            rowKind: a.rowKind ?? null,
            campaignId: id(a.rowCampaignId),
            ...(a.rowAgentNone ? { agentId: null } : a.rowAgentId ? { agentId: String(a.rowAgentId) } : {}),
          },
        },
        ctx.app.deps,
      ),
  }),
}));
