// The wall-board for supervisors: queues' tiles (now and today), the agents they may watch, and
// the alarms raised. A TV link reads the same board through lib/wallboard-feed-http.ts.
import { can } from "../../domain/access/viewer.ts";
import { visibleAgentsWhere } from "../../domain/agents/agent-visibility.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import type { RaisedAlarm } from "../../domain/wallboard/raised-alarms.ts";
import { type AgentTile, type QueueTile, type Wallboard, readWallboard } from "../../domain/wallboard/read-wallboard.ts";
import type { QueueDay } from "../../domain/wallboard/today-figures.ts";
import { authorizedStream, unlessRevoked } from "../authorized-stream.ts";
import { builder } from "../builder.ts";
import { AgentStateEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const MONITOR = ["agents.monitor_team", "agents.monitor_all"] as const;

const QueueDayRef = builder.objectRef<QueueDay>("QueueDay").implement({
  description: "A queue's figures since the organisation's midnight (definitions: docs/reports.md, Wall-board).",
  fields: (t) => ({
    offered: t.exposeInt("offered"),
    answered: t.exposeInt("answered"),
    answeredInTarget: t.exposeInt("answeredInTarget"),
    abandoned: t.exposeInt("abandoned"),
    shortAbandoned: t.exposeInt("shortAbandoned", { description: "Abandoned sooner than the queue's short-abandon seconds." }),
    overflowed: t.exposeInt("overflowed"),
    serviceLevel: t.exposeFloat("serviceLevel", { nullable: true }),
    abandonRate: t.exposeFloat("abandonRate", { nullable: true }),
    asaSeconds: t.exposeFloat("asaSeconds", { nullable: true }),
    ahtSeconds: t.exposeFloat("ahtSeconds", { nullable: true }),
  }),
});

export const QueueTileRef = builder.objectRef<QueueTile>("QueueTile").implement({
  fields: (t) => ({
    queueId: t.exposeID("queueId"),
    name: t.exposeString("name"),
    waiting: t.exposeInt("waiting"),
    longestWaitingSince: t.expose("longestWaitingSince", { type: "DateTime", nullable: true }),
    agentsReady: t.exposeInt("agentsReady", { description: "Ready and free." }),
    agentsBusy: t.exposeInt("agentsBusy", { description: "On a call or in a chat now." }),
    agentsWrapUp: t.exposeInt("agentsWrapUp"),
    agentsPaused: t.exposeInt("agentsPaused", { description: "Pause, break or away." }),
    agentsSignedIn: t.exposeInt("agentsSignedIn"),
    today: t.field({ type: QueueDayRef, resolve: (q) => q.today }),
    serviceLevelSeconds: t.exposeInt("serviceLevelSeconds"),
    serviceLevelPercent: t.exposeInt("serviceLevelPercent"),
    settings: t.field({ type: "JSON", description: "Colours (Queue.wallboard).", resolve: (q) => q.settings }),
  }),
});

const CurrentWork = builder.objectRef<NonNullable<AgentTile["current"]>>("AgentCurrentWork").implement({
  fields: (t) => ({
    channel: t.exposeString("channel"),
    customer: t.exposeString("customer"),
    number: t.exposeString("number"),
    queueName: t.exposeString("queueName"),
    since: t.expose("since", { type: "DateTime" }),
  }),
});
const LastTaken = builder.objectRef<NonNullable<AgentTile["lastTaken"]>>("AgentLastTaken").implement({
  fields: (t) => ({ at: t.expose("at", { type: "DateTime" }), queueName: t.exposeString("queueName") }),
});
const AgentTileRef = builder.objectRef<AgentTile>("AgentTile").implement({
  fields: (t) => ({
    userId: t.exposeID("userId"),
    name: t.exposeString("name"),
    state: t.expose("state", { type: AgentStateEnum }),
    since: t.expose("since", { type: "DateTime" }),
    pauseReason: t.field({ type: "JSON", nullable: true, description: "{ name, translations }", resolve: (a) => a.pauseReason }),
    current: t.field({ type: CurrentWork, nullable: true, resolve: (a) => a.current }),
    handledToday: t.exposeInt("handledToday"),
    lastTaken: t.field({ type: LastTaken, nullable: true, resolve: (a) => a.lastTaken }),
  }),
});

export const RaisedAlarmRef = builder.objectRef<RaisedAlarm>("RaisedAlarm").implement({
  description: "One time an alarm was raised for a queue or trunk (clearedAt null: still raised).",
  fields: (t) => ({
    id: t.exposeID("id"),
    alarmId: t.exposeID("alarmId"),
    name: t.exposeString("name"),
    kind: t.exposeString("kind"),
    threshold: t.exposeInt("threshold"),
    subjectName: t.exposeString("subjectName"),
    raisedAt: t.expose("raisedAt", { type: "DateTime" }),
    clearedAt: t.expose("clearedAt", { type: "DateTime", nullable: true }),
    peakValue: t.exposeFloat("peakValue"),
    lastValue: t.exposeFloat("lastValue"),
  }),
});

const WallboardRef = builder.objectRef<Wallboard>("Wallboard").implement({
  fields: (t) => ({
    organizationName: t.exposeString("organizationName"),
    timezone: t.exposeString("timezone"),
    dayStart: t.expose("dayStart", { type: "DateTime" }),
    at: t.expose("at", { type: "DateTime" }),
    queues: t.field({ type: [QueueTileRef], resolve: (w) => w.queues }),
    agents: t.field({ type: [AgentTileRef], resolve: (w) => w.agents }),
    alarms: t.field({ type: [RaisedAlarmRef], resolve: (w) => w.alarms }),
  }),
});

builder.queryFields((t) => ({
  wallboard: t.field({
    type: WallboardRef,
    description: "Every active queue's tile, the agents you may watch (signed in), and the alarms raised now.",
    authScopes: { anyPermission: [...MONITOR] },
    resolve: (_r, _a, ctx) => {
      const v = viewerOf(ctx);
      return readWallboard(v.organizationId, visibleAgentsWhere(v), ctx.app.deps);
    },
  }),
}));

builder.subscriptionFields((t) => ({
  wallboardChanged: t.boolean({
    description: "The board's figures or alarms changed: read `wallboard` again (a burst comes as one, a moment later).",
    authScopes: { anyPermission: [...MONITOR] },
    subscribe: (_r, _a, ctx) =>
      authorizedStream(ctx, ctx.app.pubsub.subscribe("wallboard", viewerOf(ctx).organizationId), (viewer) =>
        MONITOR.some((p) => can(viewer, p)) ? "deliver" : new DomainError("FORBIDDEN", "You may no longer watch the wall-board"),
      ),
    resolve: (payload) => (unlessRevoked(payload), true),
  }),
}));
