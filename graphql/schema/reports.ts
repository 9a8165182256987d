// Reports for supervisors and managers (reports.read). The IVR report: how callers left each flow,
// where those who hung up gave up, the keys each menu hears, time in the flow, per day.
import { z } from "zod";
import { type IvrReport, ivrReport } from "../../domain/reports/ivr-report.ts";
import type { IvrAbandonment, IvrFlowSummary, IvrMenuStats, IvrOutcomes, IvrSummary } from "../../domain/reports/summarise-ivr-calls.ts";
import { builder } from "../builder.ts";
import { viewerOf } from "./helpers.ts";

const Outcomes = builder.objectRef<IvrOutcomes>("IvrOutcomes").implement({
  description: "Calls by how they left the IVR flow (each call counted once, by its first hand-off).",
  fields: (t) => ({
    queue: t.exposeInt("queue", { description: "Reached a queue." }),
    voicemail: t.exposeInt("voicemail", { description: "Left (or began to leave) a voicemail." }),
    callback: t.exposeInt("callback", { description: "Asked to be called back." }),
    transfer: t.exposeInt("transfer", { description: "Passed to an outside number by the flow." }),
    endedByFlow: t.exposeInt("endedByFlow", { description: "The flow hung up (a hang-up step)." }),
    queueRefused: t.exposeInt("queueRefused", { description: "The flow's queue took nobody (no agents, or full): the call ended." }),
    failed: t.exposeInt("failed", { description: "The flow failed at run time; the caller went to the number's queue." }),
    abandoned: t.exposeInt("abandoned", { description: "Hung up while still in the flow." }),
    inProgress: t.exposeInt("inProgress", { description: "Still in the flow, or no ending was recorded." }),
  }),
});

const Day = builder.objectRef<IvrSummary["days"][number]>("IvrReportDay").implement({
  fields: (t) => ({
    date: t.exposeString("date", { description: "YYYY-MM-DD in the organisation's time zone." }),
    calls: t.exposeInt("calls"),
    outcomes: t.field({ type: Outcomes, resolve: (d) => d.outcomes }),
  }),
});

const Summary = builder.objectRef<IvrSummary>("IvrSummary").implement({
  fields: (t) => ({
    calls: t.exposeInt("calls", { description: "Calls that entered the flow in the period." }),
    outcomes: t.field({ type: Outcomes, resolve: (s) => s.outcomes }),
    averageSeconds: t.float({ nullable: true, description: "Average time in the flow, of callers who left it.", resolve: (s) => s.averageSeconds }),
    p90Seconds: t.float({ nullable: true, description: "Time in the flow that 90% of callers stayed within.", resolve: (s) => s.p90Seconds }),
    days: t.field({ type: [Day], description: "Every day of the period, days without calls included.", resolve: (s) => s.days }),
  }),
});

const Choice = builder.objectRef<NonNullable<IvrAbandonment["lastChoice"]>>("IvrChoice").implement({
  fields: (t) => ({
    node: t.exposeString("node", { description: "The menu's step id." }),
    label: t.exposeString("label", { nullable: true, description: "The menu's prompt." }),
    key: t.exposeString("key"),
  }),
});

const Abandonment = builder.objectRef<IvrAbandonment>("IvrAbandonment").implement({
  description: "Callers who hung up at one step after the same last choice.",
  fields: (t) => ({
    node: t.exposeString("node", { nullable: true, description: "The step they were at; null: before the flow's first step." }),
    nodeType: t.exposeString("nodeType", { nullable: true, description: "menu, language, collect, play..." }),
    label: t.exposeString("label", { nullable: true, description: "The step's prompt, where it has one." }),
    lastChoice: t.field({ type: Choice, nullable: true, description: "Their last key at a menu before; null: none.", resolve: (a) => a.lastChoice }),
    count: t.exposeInt("count"),
  }),
});

const KeyCount = builder.objectRef<IvrMenuStats["choices"][number]>("IvrKeyCount").implement({
  fields: (t) => ({
    key: t.exposeString("key"),
    target: t.exposeString("target", { nullable: true, description: "The step (or language) the key leads to." }),
    count: t.exposeInt("count"),
  }),
});

const Menu = builder.objectRef<IvrMenuStats>("IvrMenuStats").implement({
  description: "A step that asks for keys (menu, language choice, digits to enter).",
  fields: (t) => ({
    node: t.exposeString("node"),
    nodeType: t.exposeString("nodeType"),
    label: t.exposeString("label", { nullable: true }),
    visits: t.exposeInt("visits", { description: "Arrivals at the step (a caller coming back counts again)." }),
    callers: t.exposeInt("callers", { description: "Callers who reached the step." }),
    choices: t.field({ type: [KeyCount], description: "Keys chosen, most chosen first.", resolve: (m) => m.choices }),
    invalid: t.exposeInt("invalid", { description: "Keys that choose nothing (or too few digits)." }),
    timeouts: t.exposeInt("timeouts", { description: "No key in time." }),
    gaveUp: t.exposeInt("gaveUp", { description: "Asked too often: sent on to the step's fallback." }),
  }),
});

const FlowReport = builder.objectRef<IvrFlowSummary>("IvrFlowReport").implement({
  fields: (t) => ({
    flowId: t.exposeID("flowId"),
    name: t.exposeString("name", { nullable: true, description: "null: the flow was deleted since." }),
    summary: t.field({ type: Summary, resolve: (f) => f }),
    abandonments: t.field({ type: [Abandonment], description: "Where callers gave up, most first.", resolve: (f) => f.abandonments }),
    menus: t.field({ type: [Menu], description: "Steps that ask for keys, busiest first.", resolve: (f) => f.menus }),
  }),
});

const FlowOption = builder.objectRef<{ id: string; name: string }>("IvrReportFlowOption").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});

const Report = builder.objectRef<IvrReport>("IvrReport").implement({
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime" }),
    to: t.expose("to", { type: "DateTime" }),
    timezone: t.exposeString("timezone", { description: "The organisation's time zone, which the days follow." }),
    flowId: t.exposeID("flowId", { nullable: true }),
    flowOptions: t.field({ type: [FlowOption], description: "The organisation's IVR flows, to choose one.", resolve: (r) => r.flowOptions }),
    capped: t.exposeBoolean("capped", { description: "More calls than `cap` entered flows in the period: only the first `cap` are counted." }),
    cap: t.exposeInt("cap"),
    total: t.field({ type: Summary, description: "All calls of the report together.", resolve: (r) => r.total }),
    flows: t.field({ type: [FlowReport], description: "Per flow: the chosen one, or every flow that had calls.", resolve: (r) => r.flows }),
  }),
});

builder.queryFields((t) => ({
  ivrReport: t.field({
    type: Report,
    description: "How callers went through the IVR flows in a period (at most 93 days; by default the last 7).",
    authScopes: { permission: "reports.read" },
    args: {
      from: t.arg({ type: "DateTime", required: false }),
      to: t.arg({ type: "DateTime", required: false, description: "Exclusive; by default now." }),
      flowId: t.arg.id({ required: false, validate: z.uuid() }),
    },
    resolve: (_r, { from, to, flowId }, ctx) => ivrReport(viewerOf(ctx), { from, to, flowId: flowId ? String(flowId) : null }, ctx.app.deps),
  }),
}));
