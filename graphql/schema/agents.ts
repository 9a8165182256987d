import { z } from "zod";
import { can, type Viewer } from "../../domain/access/viewer.ts";
import { type AgentActivity, agentActivity } from "../../domain/agents/agent-activity.ts";
import { myTimeInStates } from "../../domain/agents/agent-day.ts";
import type { AgentState } from "../../domain/agents/agent-state.ts";
import { visibleAgentIds, visibleAgentsWhere } from "../../domain/agents/agent-visibility.ts";
import { savePauseCode } from "../../domain/agents/save-pause-code.ts";
import { setAgentStateAsSupervisor, setOwnAgentState } from "../../domain/agents/set-agent-state.ts";
import { effectiveCapacity } from "../../domain/routing/capacity.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { authorizedStream, unlessRevoked } from "../authorized-stream.ts";
import { builder } from "../builder.ts";
import { translationsOf, viewerName } from "../localized.ts";
import type { GraphQLContext } from "../context.ts";
import { AgentStateEnum, StateSourceEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const MONITOR = ["agents.monitor_team", "agents.monitor_all"] as const;

builder.prismaObject("PauseCode", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.string({
      description: "In the viewer's language when the admins gave one (translations), else the default name.",
      select: { name: true, translations: true },
      resolve: (c, _a, ctx) => viewerName(c, ctx),
    }),
    defaultName: t.exposeString("name", { description: "The name as entered, shown where no translation fits." }),
    translations: t.field({ type: "JSON", description: "Names in other languages: { pl?, en?, ru? }.", select: { translations: true }, resolve: translationsOf }),
    maxDurationMinutes: t.exposeInt("maxDurationMinutes", { nullable: true }),
    systemKey: t.exposeString("systemKey", { nullable: true, description: "Set for the reasons the system itself uses (MISSED_OFFERS)." }),
    sortOrder: t.exposeInt("sortOrder"),
    active: t.exposeBoolean("active"),
  }),
});

const DoingEnum = builder.enumType("AgentDoing", { values: ["CALL", "CHATS", "EMAILS", "WRAP_UP", "IDLE"] as const });
const Activity = builder.objectRef<AgentActivity>("AgentActivity").implement({
  description: "What the agent is doing now, from their live conversations, against their capacity.",
  fields: (t) => ({
    doing: t.expose("doing", { type: DoingEnum }),
    calls: t.exposeInt("calls"),
    chats: t.exposeInt("chats"),
    emails: t.exposeInt("emails", { description: "e-mails, SMS and faxes open" }),
    occupancy: t.exposeInt("occupancy", { description: "0–100: the fullest channel against the agent's capacity" }),
  }),
});

builder.prismaObject("AgentPresence", {
  description: "An agent's current state. Visible to the agent and to supervisors who may watch them.",
  authScopes: { authenticated: true },
  fields: (t) => ({
    userId: t.exposeID("userId"),
    user: t.relation("user"),
    state: t.expose("state", { type: AgentStateEnum }),
    pauseCode: t.relation("pauseCode", { nullable: true }),
    since: t.expose("since", { type: "DateTime" }),
    source: t.expose("source", { type: StateSourceEnum }),
    wrapUpUntil: t.expose("wrapUpUntil", {
      type: "DateTime",
      nullable: true,
      description: "In WRAP_UP: when it ends by itself (null: once the call has a disposition).",
    }),
    activity: t.field({
      type: Activity,
      select: { state: true, user: { select: { capacity: true, organization: { select: { defaultCapacity: true } } } } },
      resolve: async (p, _a, ctx) => {
        const live = await ctx.app.db.prisma.interaction.groupBy({ by: ["channel"], where: { agentId: p.userId, state: "ACTIVE" }, _count: { _all: true } });
        return agentActivity(
          p.state,
          Object.fromEntries(live.map((l) => [l.channel, l._count._all])),
          effectiveCapacity(p.user.organization.defaultCapacity, p.user.capacity),
        );
      },
    }),
  }),
});

const TimeInStates = builder.objectRef<Record<AgentState, number>>("TimeInStates").implement({
  description: "Seconds spent in each state within a period.",
  fields: (t) => ({
    ready: t.int({ resolve: (s) => Math.round(s.READY / 1000) }),
    wrapUp: t.int({ resolve: (s) => Math.round(s.WRAP_UP / 1000) }),
    pause: t.int({ resolve: (s) => Math.round(s.PAUSE / 1000) }),
    break: t.int({ resolve: (s) => Math.round(s.BREAK / 1000) }),
    away: t.int({ resolve: (s) => Math.round(s.AWAY / 1000) }),
    offline: t.int({ resolve: (s) => Math.round(s.OFFLINE / 1000) }),
  }),
});

const PauseCodeInput = builder.inputType("PauseCodeInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    translations: t.field({ type: "JSON", required: false, description: "Names in other languages: { pl?, en?, ru? }." }),
    maxDurationMinutes: t.int({ required: false }),
    sortOrder: t.int({ required: false }),
    active: t.boolean({ required: false }),
  }),
});

const presence = (ctx: GraphQLContext) => ctx.app.db.prisma.agentPresence;

builder.queryFields((t) => ({
  pauseCodes: t.prismaField({
    type: ["PauseCode"],
    description: "Pause reasons; archived ones only for those who manage them.",
    authScopes: { authenticated: true },
    args: { includeArchived: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) => {
      const v = viewerOf(ctx);
      const all = args.includeArchived && can(v, "pause_codes.manage");
      return ctx.app.db.prisma.pauseCode.findMany({
        ...query,
        where: { organizationId: v.organizationId, ...(all ? {} : { active: true }) },
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      });
    },
  }),
  myPresence: t.prismaField({
    type: "AgentPresence",
    authScopes: { permission: "agents.work" },
    resolve: (query, _root, _args, ctx) => {
      const v = viewerOf(ctx);
      return presence(ctx).upsert({ ...query, where: { userId: v.userId }, create: { userId: v.userId, organizationId: v.organizationId }, update: {} });
    },
  }),
  myTimeInStates: t.field({
    type: TimeInStates,
    description: "Your time per state between `from` and `to` (e.g. today in your time zone).",
    authScopes: { permission: "agents.work" },
    args: { from: t.arg({ type: "DateTime", required: true }), to: t.arg({ type: "DateTime", required: true }) },
    validate: z
      .object({ from: z.date(), to: z.date() })
      .refine((a) => a.to > a.from && a.to.getTime() - a.from.getTime() <= 31 * 86_400_000, "`to` must be after `from`, at most 31 days"),
    resolve: (_root, args, ctx) => myTimeInStates(viewerOf(ctx), args.from, args.to, ctx.app.deps),
  }),
  agentBoard: t.prismaField({
    type: ["AgentPresence"],
    description: "The agents you may watch, with their current state.",
    authScopes: { anyPermission: [...MONITOR] },
    args: { teamId: t.arg.id({ required: false, validate: z.uuid().nullish() }) },
    resolve: (query, _root, args, ctx) => {
      const where = visibleAgentsWhere(viewerOf(ctx), args.teamId ? String(args.teamId) : null);
      if (!where) return [];
      return presence(ctx).findMany({ ...query, where: { user: where }, orderBy: { user: { name: "asc" } } });
    },
  }),
}));

builder.mutationFields((t) => ({
  setMyAgentState: t.prismaField({
    type: "AgentPresence",
    authScopes: { permission: "agents.work" },
    args: { state: t.arg({ type: AgentStateEnum, required: true }), pauseCodeId: t.arg.id({ required: false }) },
    resolve: async (query, _root, args, ctx) => {
      const v = viewerOf(ctx);
      await setOwnAgentState(v, { state: args.state, pauseCodeId: args.pauseCodeId ? String(args.pauseCodeId) : null }, ctx.app.deps);
      return presence(ctx).findUniqueOrThrow({ ...query, where: { userId: v.userId } });
    },
  }),
  setAgentState: t.prismaField({
    type: "AgentPresence",
    description: "A supervisor sets an agent's state (audited).",
    authScopes: { permission: "agents.control" },
    args: {
      userId: t.arg.id({ required: true, validate: z.uuid() }),
      state: t.arg({ type: AgentStateEnum, required: true }),
      pauseCodeId: t.arg.id({ required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const userId = String(args.userId);
      await setAgentStateAsSupervisor(
        viewerOf(ctx),
        { userId, state: args.state, pauseCodeId: args.pauseCodeId ? String(args.pauseCodeId) : null },
        ctx.app.deps,
        ctx.ip,
      );
      return presence(ctx).findUniqueOrThrow({ ...query, where: { userId } });
    },
  }),
  savePauseCode: t.prismaField({
    type: "PauseCode",
    description: "Create (no id) or update a pause reason; set active: false to archive it.",
    authScopes: { permission: "pause_codes.manage" },
    args: { id: t.arg.id({ required: false, validate: z.uuid().nullish() }), input: t.arg({ type: PauseCodeInput, required: true }) },
    resolve: async (query, _root, { id, input }, ctx) => {
      const code = await savePauseCode(
        viewerOf(ctx),
        id ? String(id) : null,
        {
          name: input.name,
          translations: (input.translations ?? {}) as never,
          maxDurationMinutes: input.maxDurationMinutes ?? null,
          sortOrder: input.sortOrder ?? 0,
          active: input.active ?? true,
        },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.pauseCode.findUniqueOrThrow({ ...query, where: { id: code.id } });
    },
  }),
}));

/** Visible agents per subscription, recomputed whenever access changed anywhere. */
function visibilityCache(ctx: GraphQLContext) {
  let cached: { generation: number; viewer: Viewer; ids: Set<string> } | null = null;
  return async (viewer: Viewer) => {
    const generation = ctx.app.viewers.generation;
    if (!cached || cached.generation !== generation || cached.viewer !== viewer) {
      cached = { generation, viewer, ids: await visibleAgentIds(viewer, ctx.app.db.prisma) };
    }
    return cached.ids;
  };
}

builder.subscriptionFields((t) => ({
  agentPresenceChanged: t.prismaField({
    type: "AgentPresence",
    description: "Every state change of an agent you may watch (optionally of one team).",
    authScopes: { anyPermission: [...MONITOR] },
    args: { teamId: t.arg.id({ required: false, validate: z.uuid().nullish() }) },
    subscribe: (_root, args, ctx) => {
      const visible = visibilityCache(ctx);
      const teamId = args.teamId ? String(args.teamId) : null;
      return authorizedStream(ctx, ctx.app.pubsub.subscribe("agentPresence", viewerOf(ctx).organizationId), async (viewer, event) => {
        if (!MONITOR.some((p) => can(viewer, p))) return new DomainError("FORBIDDEN", "You may no longer watch agents");
        if (!(await visible(viewer)).has(event.userId)) return "skip";
        if (teamId && !(await ctx.app.db.prisma.teamMember.count({ where: { teamId, userId: event.userId } }))) return "skip";
        return "deliver";
      });
    },
    resolve: (query, payload, _args, ctx) => presence(ctx).findUniqueOrThrow({ ...query, where: { userId: unlessRevoked(payload).userId } }),
  }),
  myPresenceChanged: t.prismaField({
    type: "AgentPresence",
    description: "Your own state, changed from another tab, by a supervisor or by the system.",
    authScopes: { permission: "agents.work" },
    subscribe: (_root, _args, ctx) => {
      const { organizationId, userId } = viewerOf(ctx);
      return authorizedStream(ctx, ctx.app.pubsub.subscribe("agentPresence", organizationId), (viewer, event) => {
        if (event.userId !== userId) return "skip";
        return can(viewer, "agents.work") ? "deliver" : new DomainError("FORBIDDEN", "Your role no longer takes work");
      });
    },
    resolve: (query, payload, _args, ctx) => presence(ctx).findUniqueOrThrow({ ...query, where: { userId: unlessRevoked(payload).userId } }),
  }),
}));
