// Reports for supervisors and managers (reports.read). The IVR report: how callers left each flow,
// where those who hung up gave up, the keys each menu hears, time in the flow, per day. The agents'
// timesheet: time signed in, in each state and pause reason, on calls, sessions, occupancy.
import { z } from "zod";
import type { AgentTime, TimeFigures as TimeFiguresData } from "../../domain/reports/agent-time.ts";
import { type AgentTimeReport, agentTimeReport } from "../../domain/reports/agent-time-report.ts";
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

// The agents' timesheet.
const StateSeconds = builder.objectRef<AgentTime["total"]["states"]>("AgentStateSeconds").implement({
  description: "Seconds in each state.",
  fields: (t) => ({
    ready: t.float({ resolve: (s) => s.READY }),
    wrapUp: t.float({ resolve: (s) => s.WRAP_UP }),
    pause: t.float({ resolve: (s) => s.PAUSE }),
    break: t.float({ resolve: (s) => s.BREAK }),
    away: t.float({ resolve: (s) => s.AWAY }),
  }),
});

const PauseSeconds = builder.objectRef<{ pauseReasonId: string | null; seconds: number }>("PauseReasonSeconds").implement({
  fields: (t) => ({
    pauseReasonId: t.exposeID("pauseReasonId", { nullable: true, description: "null: a pause without a reason." }),
    seconds: t.exposeFloat("seconds"),
  }),
});

const TimeFigures = builder.objectRef<TimeFiguresData>("AgentTimeFigures").implement({
  description: "An agent's time in a day or a period (definitions: docs/reports.md).",
  fields: (t) => ({
    signedIn: t.exposeFloat("signedIn", { description: "Seconds signed in (any state but Offline)." }),
    states: t.field({ type: StateSeconds, resolve: (f) => f.states }),
    pauses: t.field({
      type: [PauseSeconds],
      description: "Pause time by reason, longest first.",
      resolve: (f) =>
        Object.entries(f.pauses)
          .map(([id, seconds]) => ({ pauseReasonId: id || null, seconds }))
          .sort((a, b) => b.seconds - a.seconds),
    }),
    talk: t.exposeFloat("talk", { description: "Seconds on calls (as caller, callee or consulted; not listening in)." }),
    hold: t.exposeFloat("hold", { description: "Of the talk, seconds the agent had the customer on hold." }),
    sessions: t.exposeInt("sessions", { description: "Sign-ins that began in the day or period." }),
    firstSignIn: t.expose("firstSignIn", { type: "DateTime", nullable: true }),
    lastSignOut: t.expose("lastSignOut", { type: "DateTime", nullable: true }),
    longestSession: t.exposeFloat("longestSession", { nullable: true }),
    shortestSession: t.exposeFloat("shortestSession", { nullable: true }),
    averageSession: t.exposeFloat("averageSession", { nullable: true }),
    occupancy: t.exposeFloat("occupancy", { nullable: true, description: "(talk + wrap-up) ÷ (Ready + wrap-up), 0–1." }),
    utilisation: t.exposeFloat("utilisation", { nullable: true, description: "(talk + wrap-up) ÷ signed in, 0–1." }),
  }),
});

const TimeDay = builder.objectRef<AgentTime["days"][number]>("AgentTimeDay").implement({
  fields: (t) => ({
    date: t.exposeString("date", { description: "YYYY-MM-DD in the organisation's time zone." }),
    figures: t.field({ type: TimeFigures, resolve: (d) => d }),
  }),
});

const AgentSheet = builder.objectRef<AgentTimeReport["agents"][number]>("AgentTimesheet").implement({
  fields: (t) => ({
    userId: t.exposeID("userId"),
    name: t.exposeString("name"),
    username: t.exposeString("username"),
    total: t.field({ type: TimeFigures, resolve: (a) => a.total }),
    days: t.field({ type: [TimeDay], description: "Every day of the period.", resolve: (a) => a.days }),
  }),
});

const PauseReasonName = builder.objectRef<AgentTimeReport["pauseReasons"][number]>("AgentTimePauseReason").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name", { description: "As entered." }),
    translations: t.field({ type: "JSON", description: "Names in other languages: { pl?, en?, ru? }.", resolve: (r) => r.translations }),
  }),
});

const AgentTimeTeam = builder.objectRef<AgentTimeReport["teams"][number]>("AgentTimeTeam").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});

const TimeReport = builder.objectRef<AgentTimeReport>("AgentTimeReport").implement({
  fields: (t) => ({
    from: t.expose("from", { type: "DateTime" }),
    to: t.expose("to", { type: "DateTime" }),
    timezone: t.exposeString("timezone"),
    agents: t.field({ type: [AgentSheet], description: "The agents the viewer may watch (all, or their teams').", resolve: (r) => r.agents }),
    pauseReasons: t.field({ type: [PauseReasonName], resolve: (r) => r.pauseReasons }),
    teams: t.field({ type: [AgentTimeTeam], description: "The teams the viewer may filter by (all, or those they lead).", resolve: (r) => r.teams }),
  }),
});

builder.queryFields((t) => ({
  agentTimeReport: t.field({
    type: TimeReport,
    description: "Agents' time accounting for a period (at most 93 days; by default the last 7): states, pauses, talk, sessions, occupancy.",
    authScopes: { permission: "reports.read" },
    args: {
      from: t.arg({ type: "DateTime", required: false }),
      to: t.arg({ type: "DateTime", required: false, description: "Exclusive; by default now." }),
      teamId: t.arg.id({ required: false, validate: z.uuid() }),
    },
    resolve: (_r, { from, to, teamId }, ctx) => agentTimeReport(viewerOf(ctx), { from, to, teamId: teamId ? String(teamId) : null }, ctx.app.deps),
  }),
}));
