// The queues/calls report (reports.read): figures per interval and per queue, and the interactions
// behind any figure. Definitions: docs/reports.md.
import { z } from "zod";
import { type DetailRow, type QueueCallDetails, type Spread, queueCallDetails } from "../../domain/reports/queue-call-details.ts";
import { DETAIL_DIMENSIONS, DRILL_FIGURES, type QueueReportCall, queueReportCalls } from "../../domain/reports/queue-report-calls.ts";
import { type QueueReport, queueReport } from "../../domain/reports/queue-report.ts";
import { type Figures, INTERVAL_SIZES } from "../../domain/reports/queue-figures.ts";
import type { ReportScope } from "../../domain/reports/report-scope.ts";
import { builder } from "../builder.ts";
import { ChannelEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const IntervalSizeEnum = builder.enumType("ReportIntervalSize", { values: INTERVAL_SIZES });
const DrillFigureEnum = builder.enumType("QueueReportFigure", { values: DRILL_FIGURES });
const DetailDimensionEnum = builder.enumType("QueueCallDetailDimension", { values: DETAIL_DIMENSIONS });

const SpreadRef = builder.objectRef<Spread>("QueueCallSpread").implement({
  description: "Total, average, shortest and longest (seconds, or places in the queue).",
  fields: (t) => ({
    total: t.exposeFloat("total"),
    average: t.exposeFloat("average", { nullable: true }),
    min: t.exposeFloat("min", { nullable: true }),
    max: t.exposeFloat("max", { nullable: true }),
  }),
});

const DetailRowRef = builder.objectRef<DetailRow>("QueueCallDetailRow").implement({
  fields: (t) => ({
    value: t.exposeString("value", { description: "The number dialled, the end reason or the IVR key path; empty: none." }),
    offered: t.exposeInt("offered", { description: "For IVR key paths: the unanswered calls." }),
    answered: t.exposeInt("answered"),
    abandoned: t.exposeInt("abandoned"),
    serviceLevel: t.exposeFloat("serviceLevel", { nullable: true }),
  }),
});

const CallDetailsRef = builder.objectRef<QueueCallDetails>("QueueCallDetails").implement({
  description: "The queue report's calls in detail; definitions in docs/reports.md (Calls in detail).",
  fields: (t) => ({
    answeredCalls: t.int({ resolve: (d) => d.answered.calls }),
    answeredWait: t.field({ type: SpreadRef, resolve: (d) => d.answered.wait }),
    answeredTalk: t.field({ type: SpreadRef, resolve: (d) => d.answered.talk }),
    unansweredCalls: t.int({ resolve: (d) => d.unanswered.calls }),
    abandonedCalls: t.int({ resolve: (d) => d.unanswered.abandoned }),
    hangUpWait: t.field({ type: SpreadRef, description: "Abandoned calls' wait before hanging up.", resolve: (d) => d.unanswered.hangUpWait }),
    hangUpPlace: t.field({ type: SpreadRef, description: "Abandoned calls' place in the queue (1: next), of those whose place was noted.", resolve: (d) => d.unanswered.place }),
    hangUpPlaceKnown: t.int({ resolve: (d) => d.unanswered.place.known }),
    byNumber: t.field({ type: [DetailRowRef], resolve: (d) => d.byNumber }),
    byReason: t.field({ type: [DetailRowRef], resolve: (d) => d.byReason }),
    ivrPaths: t.field({ type: [DetailRowRef], description: "Key paths of unanswered calls, the ten most frequent.", resolve: (d) => d.ivrPaths }),
  }),
});

const FiguresRef = builder.objectRef<Figures>("QueueFigures").implement({
  description: "Calls counted in a queue (or several) over an interval; definitions in docs/reports.md.",
  fields: (t) => ({
    offered: t.exposeInt("offered", { description: "Calls that entered the queue (once per call and queue)." }),
    answered: t.exposeInt("answered"),
    answeredInSl: t.exposeInt("answeredInSl", { description: "Answered within the queue's target seconds." }),
    abandoned: t.exposeInt("abandoned", { description: "The customer hung up while waiting." }),
    abandonedInSl: t.exposeInt("abandonedInSl", { description: "Abandoned within the queue's target seconds." }),
    shortAbandoned: t.exposeInt("shortAbandoned", { description: "Abandoned sooner than the queue's short-abandon seconds." }),
    transferred: t.exposeInt("transferred", { description: "Answered, then handed on by an agent (once per call and queue)." }),
    offers: t.exposeInt("offers", { description: "Offers to agents." }),
    waitSeconds: t.exposeFloat("waitSeconds", { description: "Total wait of all offered calls." }),
    waitMax: t.exposeFloat("waitMax"),
    talkSeconds: t.exposeFloat("talkSeconds", { description: "Total talk (handling) time of answered calls." }),
    talkMax: t.exposeFloat("talkMax"),
    serviceLevel: t.exposeFloat("serviceLevel", { nullable: true, description: "answeredInSl ÷ (offered − shortAbandoned), 0–1." }),
    abandonRate: t.exposeFloat("abandonRate", { nullable: true, description: "(abandoned − shortAbandoned) ÷ (offered − shortAbandoned), 0–1." }),
    asa: t.exposeFloat("asa", { nullable: true, description: "Average speed of answer, seconds." }),
    averageWait: t.exposeFloat("averageWait", { nullable: true }),
    averageTalk: t.exposeFloat("averageTalk", { nullable: true, description: "Average handling (talk) time, seconds." }),
    offersPerCall: t.exposeFloat("offersPerCall", { nullable: true }),
  }),
});

const IntervalRef = builder.objectRef<QueueReport["intervals"][number]>("QueueReportInterval").implement({
  fields: (t) => ({
    key: t.exposeString("key", {
      description: "The start instant (15 minutes, hour), YYYY-MM-DD (day, week's Monday) or YYYY-MM, on the organisation's clock.",
    }),
    start: t.expose("start", { type: "DateTime" }),
    end: t.expose("end", { type: "DateTime" }),
    figures: t.field({ type: FiguresRef, resolve: (i) => i }),
  }),
});

const QueueRowRef = builder.objectRef<QueueReport["queues"][number]>("QueueReportQueue").implement({
  fields: (t) => ({
    queueId: t.exposeID("queueId"),
    name: t.exposeString("name"),
    serviceLevelSeconds: t.exposeInt("serviceLevelSeconds"),
    serviceLevelPercent: t.exposeInt("serviceLevelPercent"),
    figures: t.field({ type: FiguresRef, resolve: (q) => q }),
  }),
});

const Option = builder.objectRef<{ id: string; name: string }>("QueueReportOption").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});

export const ScopeRef = builder.objectRef<ReportScope>("QueueReportScope").implement({
  description: "What the viewer may filter by: their queues, teams and agents.",
  fields: (t) => ({
    queues: t.field({ type: [Option], resolve: (s) => s.queues }),
    teams: t.field({ type: [Option], resolve: (s) => s.teams }),
    agents: t.field({ type: [Option], resolve: (s) => s.agents }),
  }),
});

const ReportRef = builder.objectRef<QueueReport>("QueueReport").implement({
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime" }),
    to: t.expose("to", { type: "DateTime" }),
    timezone: t.exposeString("timezone"),
    interval: t.field({ type: IntervalSizeEnum, resolve: (r) => r.interval }),
    serviceLevelTarget: t.exposeInt("serviceLevelTarget", { nullable: true, description: "The chosen queues' target in percent; null when they differ." }),
    total: t.field({ type: FiguresRef, resolve: (r) => r.total }),
    intervals: t.field({ type: [IntervalRef], description: "Every interval of the period, quiet ones included.", resolve: (r) => r.intervals }),
    queues: t.field({ type: [QueueRowRef], description: "The chosen queues that had calls, for the whole period.", resolve: (r) => r.queues }),
    scope: t.field({ type: ScopeRef, resolve: (r) => r.scope }),
  }),
});

const CallRef = builder.objectRef<QueueReportCall>("QueueReportCall").implement({
  fields: (t) => ({
    interactionId: t.exposeID("interactionId"),
    caseId: t.exposeID("caseId"),
    caseNumber: t.exposeInt("caseNumber"),
    channel: t.field({ type: ChannelEnum, resolve: (c) => c.channel as never }),
    queueId: t.exposeID("queueId"),
    queueName: t.exposeString("queueName"),
    offeredAt: t.expose("offeredAt", { type: "DateTime" }),
    answeredAt: t.expose("answeredAt", { type: "DateTime", nullable: true }),
    agentName: t.exposeString("agentName", { nullable: true }),
    customer: t.exposeString("customer", { description: "The contact's name and the caller's number, as known." }),
    waitSeconds: t.exposeFloat("waitSeconds"),
    talkSeconds: t.exposeFloat("talkSeconds"),
    answered: t.exposeBoolean("answered"),
    answeredInSl: t.exposeBoolean("answeredInSl"),
    abandoned: t.exposeBoolean("abandoned"),
    shortAbandon: t.exposeBoolean("shortAbandon"),
    transferred: t.exposeBoolean("transferred"),
    offers: t.exposeInt("offers"),
  }),
});

const CallList = builder.objectRef<{ total: number; calls: QueueReportCall[] }>("QueueReportCalls").implement({
  fields: (t) => ({
    total: t.exposeInt("total", { description: "All the interactions behind the figure; at most 200 are listed." }),
    calls: t.field({ type: [CallRef], resolve: (l) => l.calls }),
  }),
});

export const filterArgs = (t: Parameters<Parameters<typeof builder.queryFields>[0]>[0]) => ({
  from: t.arg({ type: "DateTime", required: false }),
  to: t.arg({ type: "DateTime", required: false, description: "Exclusive; by default now." }),
  queueIds: t.arg.idList({ required: false, validate: z.array(z.uuid()).max(100) }),
  teamId: t.arg.id({ required: false, validate: z.uuid() }),
  agentId: t.arg.id({ required: false, validate: z.uuid() }),
  channel: t.arg({ type: ChannelEnum, required: false }),
});

/**
 * A report's agent rows named from the viewer's scope, busiest first, then the row of work no agent
 * had (agentId null); rows of agents outside the scope are left out.
 */
export function namedAgentRows<R extends { agentId: string | null }>(rows: R[], scope: ReportScope, busy: (r: R) => number): (R & { name: string | null })[] {
  const names = new Map(scope.agents.map((a) => [a.id, a.name]));
  return rows
    .filter((a) => a.agentId === null || names.has(a.agentId))
    .map((a) => ({ ...a, name: a.agentId ? names.get(a.agentId)! : null }))
    .sort((a, b) => Number(a.agentId === null) - Number(b.agentId === null) || busy(b) - busy(a) || (a.name ?? "").localeCompare(b.name ?? ""));
}

export const ids = (list: readonly (string | number)[] | null | undefined) => list?.map(String) ?? null;
export const id = (v: string | number | null | undefined) => (v ? String(v) : null);

builder.queryFields((t) => ({
  queueCallDetails: t.field({
    type: CallDetailsRef,
    description: "The calls of the queue report's period and filters in detail: waits, talk, hang-ups, by number dialled, end reason and IVR keys.",
    authScopes: { permission: "reports.read" },
    args: filterArgs(t),
    resolve: (_r, a, ctx) =>
      queueCallDetails(
        viewerOf(ctx),
        { from: a.from, to: a.to, queueIds: ids(a.queueIds), teamId: id(a.teamId), agentId: id(a.agentId), channel: a.channel ?? null },
        ctx.app.deps,
      ),
  }),
  queueReport: t.field({
    type: ReportRef,
    description: "Calls and queues over a period (at most 93 days; 15-minute intervals 7, hours 31), per interval and per queue.",
    authScopes: { permission: "reports.read" },
    args: { ...filterArgs(t), interval: t.arg({ type: IntervalSizeEnum, required: true }) },
    resolve: (_r, a, ctx) =>
      queueReport(
        viewerOf(ctx),
        { from: a.from, to: a.to, interval: a.interval, queueIds: ids(a.queueIds), teamId: id(a.teamId), agentId: id(a.agentId), channel: a.channel ?? null },
        ctx.app.deps,
      ),
  }),
  queueReportCalls: t.field({
    type: CallList,
    description: "The interactions behind one figure of the queue report: pass the cell's interval as from/to and, for a queue's row, its queueId.",
    authScopes: { permission: "reports.read" },
    args: {
      ...filterArgs(t),
      figure: t.arg({ type: DrillFigureEnum, required: true }),
      queueId: t.arg.id({ required: false, validate: z.uuid() }),
      detailDimension: t.arg({ type: DetailDimensionEnum, required: false, description: "With detailValue: only the calls of one row of the calls in detail." }),
      detailValue: t.arg.string({ required: false, validate: z.string().max(200) }),
    },
    resolve: (_r, a, ctx) =>
      queueReportCalls(
        viewerOf(ctx),
        {
          from: a.from,
          to: a.to,
          figure: a.figure,
          queueId: id(a.queueId),
          detail: a.detailDimension ? { dimension: a.detailDimension, value: a.detailValue ?? "" } : null,
          queueIds: ids(a.queueIds),
          teamId: id(a.teamId),
          agentId: id(a.agentId),
          channel: a.channel ?? null,
        },
        ctx.app.deps,
      ),
  }),
}));
