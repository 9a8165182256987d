import { z } from "zod";
import { can } from "../../domain/access/viewer.ts";
import { agentTyping, cancelTransfer, endChatByAgent, markReadByAgent, transferInteraction } from "../../domain/chat/agent-actions.ts";
import { acceptOffer, rejectOffer } from "../../domain/routing/respond-to-offer.ts";
import { dueAt, scheduledAfter } from "../../domain/routing/scheduled.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { authorizedStream, unlessRevoked } from "../authorized-stream.ts";
import { builder } from "../builder.ts";
import { AgentStateEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";
import { breachedWhere } from "../../domain/cases/case-sla.ts";

builder.prismaObject("QueueItem", {
  name: "Offer",
  description: "Work offered to you: accept it before expiresAt, or it goes to someone else.",
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    channel: t.exposeString("channel"),
    queue: t.relation("queue"),
    interaction: t.relation("interaction"),
    expiresAt: t.expose("offerExpiresAt", { type: "DateTime", nullable: true }),
    isTransfer: t.boolean({ resolve: (i) => i.transferFromId !== null }),
    transferNote: t.exposeString("transferNote"),
    transferFromId: t.exposeID("transferFromId", { nullable: true }),
    firstMessage: t.string({
      nullable: true,
      description: "The customer's first words in this conversation (a chat's opening message, an e-mail's start), to judge the offer by.",
      select: { interactionId: true },
      resolve: async (i, _a, ctx) => {
        const m = await ctx.app.db.prisma.message.findFirst({
          where: { interactionId: i.interactionId, authorType: "CONTACT", kind: "MESSAGE" },
          orderBy: { createdAt: "asc" },
          select: { body: true },
        });
        return m ? m.body.slice(0, 280) : null;
      },
    }),
  }),
});

const MyWork = builder.objectRef<{ userId: string }>("MyWork").implement({
  fields: (t) => ({
    offers: t.prismaField({
      type: ["QueueItem"],
      resolve: (query, w, _args, ctx) =>
        ctx.app.db.prisma.queueItem.findMany({ ...query, where: { offeredToId: w.userId, state: "OFFERED" }, orderBy: { offeredAt: "asc" } }),
    }),
    active: t.prismaField({
      type: ["Interaction"],
      description: "Conversations you are handling now.",
      resolve: (query, w, _args, ctx) =>
        ctx.app.db.prisma.interaction.findMany({ ...query, where: { agentId: w.userId, state: "ACTIVE" }, orderBy: { answeredAt: "asc" } }),
    }),
  }),
});

const TransferAgent = builder.objectRef<{ id: string; name: string; state: string }>("TransferAgent").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name"), state: t.field({ type: AgentStateEnum, resolve: (a) => a.state as never }) }),
});
const TransferQueue = builder.objectRef<{ id: string; name: string }>("TransferQueue").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});
const TransferTargets = builder
  .objectRef<{ agents: { id: string; name: string; state: string }[]; queues: { id: string; name: string }[] }>("TransferTargets")
  .implement({
    fields: (t) => ({
      agents: t.field({ type: [TransferAgent], resolve: (x) => x.agents }),
      queues: t.field({ type: [TransferQueue], resolve: (x) => x.queues }),
    }),
  });

const QueueStat = builder
  .objectRef<{
    queueId: string;
    name: string;
    waiting: number;
    offered: number;
    scheduled: number;
    longestWaitingSince: Date | null;
    agentsReady: number;
    agentsBusy: number;
    agentsSignedIn: number;
    slaBreached: number;
  }>("QueueStat")
  .implement({
    fields: (t) => ({
      queueId: t.exposeID("queueId"),
      name: t.exposeString("name"),
      waiting: t.exposeInt("waiting"),
      offered: t.exposeInt("offered"),
      scheduled: t.exposeInt("scheduled", { description: "Call-backs asked for later (or next tries), not waiting yet: not in `waiting`." }),
      longestWaitingSince: t.expose("longestWaitingSince", { type: "DateTime", nullable: true }),
      agentsReady: t.exposeInt("agentsReady"),
      agentsBusy: t.exposeInt("agentsBusy", { description: "members handling live work now" }),
      agentsSignedIn: t.exposeInt("agentsSignedIn", { description: "members not Offline" }),
      slaBreached: t.exposeInt("slaBreached", { description: "Open cases of the queue that missed a service-level target or are past one now." }),
    }),
  });

builder.queryFields((t) => ({
  myWork: t.field({ type: MyWork, authScopes: { permission: "agents.work" }, resolve: (_r, _a, ctx) => ({ userId: viewerOf(ctx).userId }) }),
  transferTargets: t.field({
    type: TransferTargets,
    description: "Colleagues (name and state only) and queues a conversation can be handed to.",
    authScopes: { permission: "agents.work" },
    resolve: async (_r, _a, ctx) => {
      const v = viewerOf(ctx);
      const [agents, queues] = await Promise.all([
        ctx.app.db.prisma.user.findMany({
          where: { organizationId: v.organizationId, active: true, id: { not: v.userId }, role: { permissions: { has: "agents.work" } } },
          select: { id: true, name: true, presence: { select: { state: true } } },
          orderBy: { name: "asc" },
        }),
        ctx.app.db.prisma.queue.findMany({
          where: { organizationId: v.organizationId, active: true },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
        }),
      ]);
      return { agents: agents.map((a) => ({ id: a.id, name: a.name, state: a.presence?.state ?? "OFFLINE" })), queues };
    },
  }),
  queueStats: t.field({
    type: [QueueStat],
    description: "Every active queue's waiting work and agents, now.",
    authScopes: { anyPermission: ["agents.monitor_team", "agents.monitor_all"] },
    resolve: async (_r, _a, ctx) => {
      const v = viewerOf(ctx);
      const db = ctx.app.db.prisma;
      const queues = await db.queue.findMany({
        where: { organizationId: v.organizationId, active: true },
        select: { id: true, name: true },
        orderBy: [{ priority: "desc" }, { name: "asc" }],
      });
      const ids = queues.map((q) => q.id);
      const now = ctx.app.deps.now();
      const live = { queueId: { in: ids }, state: { in: ["WAITING" as const, "OFFERED" as const] } };
      // A call-back waits from its time (notBefore), not from when it was asked for.
      const [items, oldest, oldestDue, later, members, breached] = await Promise.all([
        db.queueItem.groupBy({ by: ["queueId", "state"], where: { ...live, ...dueAt(now) }, _count: { _all: true } }),
        db.queueItem.groupBy({ by: ["queueId"], where: { ...live, notBefore: null }, _min: { enqueuedAt: true } }),
        db.queueItem.groupBy({ by: ["queueId"], where: { ...live, notBefore: { lte: now } }, _min: { notBefore: true } }),
        db.queueItem.groupBy({ by: ["queueId"], where: { ...live, ...scheduledAfter(now) }, _count: { _all: true } }),
        db.queueMember.findMany({
          where: { queueId: { in: ids }, user: { active: true } },
          select: {
            queueId: true,
            user: { select: { presence: { select: { state: true } }, _count: { select: { interactions: { where: { state: "ACTIVE" } } } } } },
          },
        }),
        db.case.groupBy({
          by: ["queueId"],
          where: { organizationId: v.organizationId, queueId: { in: ids }, status: { category: { in: ["NEW", "OPEN", "PENDING"] } }, ...breachedWhere(now) },
          _count: { _all: true },
        }),
      ]);
      return queues.map((q) => {
        const count = (state: string) => items.find((i) => i.queueId === q.id && i.state === state)?._count._all ?? 0;
        const mine = members.filter((m) => m.queueId === q.id);
        return {
          queueId: q.id,
          name: q.name,
          waiting: count("WAITING"),
          offered: count("OFFERED"),
          scheduled: later.find((l) => l.queueId === q.id)?._count._all ?? 0,
          longestWaitingSince: earliest(oldest.find((o) => o.queueId === q.id)?._min.enqueuedAt, oldestDue.find((o) => o.queueId === q.id)?._min.notBefore),
          agentsReady: mine.filter((m) => m.user.presence?.state === "READY").length,
          agentsBusy: mine.filter((m) => m.user._count.interactions > 0).length,
          agentsSignedIn: mine.filter((m) => m.user.presence && m.user.presence.state !== "OFFLINE").length,
          slaBreached: breached.find((b) => b.queueId === q.id)?._count._all ?? 0,
        };
      });
    },
  }),
}));

const earliest = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? (a < b ? a : b) : (a ?? b ?? null));

const TransferInput = builder.inputType("TransferInput", {
  fields: (t) => ({
    interactionId: t.id({ required: true }),
    toQueueId: t.id({ required: false }),
    toAgentId: t.id({ required: false }),
    note: t.string({ required: false }),
  }),
});

const id = () => ({ required: true, validate: z.uuid() }) as const;

builder.mutationFields((t) => ({
  acceptOffer: t.prismaField({
    type: "Interaction",
    authScopes: { permission: "agents.work" },
    args: { offerId: t.arg.id(id()) },
    resolve: async (query, _r, args, ctx) => {
      const r = await acceptOffer(viewerOf(ctx), String(args.offerId), ctx.app.deps);
      return ctx.app.db.prisma.interaction.findUniqueOrThrow({ ...query, where: { id: r.interactionId } });
    },
  }),
  rejectOffer: t.boolean({
    authScopes: { permission: "agents.work" },
    args: { offerId: t.arg.id(id()) },
    resolve: async (_r, args, ctx) => {
      await rejectOffer(viewerOf(ctx), String(args.offerId), ctx.app.deps);
      return true;
    },
  }),
  setTyping: t.boolean({
    description: "Tell the customer you are typing (call again with false, or it lapses in the widget after a few seconds).",
    authScopes: { permission: "agents.work" },
    args: { interactionId: t.arg.id(id()), typing: t.arg.boolean({ required: true }) },
    resolve: async (_r, args, ctx) => {
      await agentTyping(viewerOf(ctx), String(args.interactionId), args.typing, ctx.app.deps);
      return true;
    },
  }),
  markRead: t.boolean({
    authScopes: { permission: "agents.work" },
    args: { interactionId: t.arg.id(id()) },
    resolve: async (_r, args, ctx) => {
      await markReadByAgent(viewerOf(ctx), String(args.interactionId), ctx.app.deps);
      return true;
    },
  }),
  endChat: t.prismaField({
    type: "Interaction",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { interactionId: t.arg.id(id()) },
    resolve: async (query, _r, args, ctx) => {
      await endChatByAgent(viewerOf(ctx), String(args.interactionId), ctx.app.deps);
      return ctx.app.db.prisma.interaction.findUniqueOrThrow({ ...query, where: { id: String(args.interactionId) } });
    },
  }),
  transferChat: t.prismaField({
    type: "Interaction",
    description: "Hand a live conversation to an agent or a queue; you keep it until someone accepts.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { input: t.arg({ type: TransferInput, required: true }) },
    resolve: async (query, _r, { input }, ctx) => {
      const interactionId = String(input.interactionId);
      await transferInteraction(
        viewerOf(ctx),
        {
          interactionId,
          toQueueId: input.toQueueId ? String(input.toQueueId) : null,
          toAgentId: input.toAgentId ? String(input.toAgentId) : null,
          note: input.note ?? "",
        },
        ctx.app.deps,
      );
      return ctx.app.db.prisma.interaction.findUniqueOrThrow({ ...query, where: { id: interactionId } });
    },
  }),
  cancelTransfer: t.prismaField({
    type: "Interaction",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { interactionId: t.arg.id(id()) },
    resolve: async (query, _r, args, ctx) => {
      await cancelTransfer(viewerOf(ctx), String(args.interactionId), ctx.app.deps);
      return ctx.app.db.prisma.interaction.findUniqueOrThrow({ ...query, where: { id: String(args.interactionId) } });
    },
  }),
}));

const WorkEvent = builder.objectRef<{ kind: string; interactionId?: string; caseId?: string }>("WorkEvent").implement({
  description: "What changed in your work. The first event, kind live, says the feed is listening: read your offers then.",
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "live, offered, withdrawn, assigned, released, transfer_failed or ended" }),
    interactionId: t.exposeID("interactionId", { nullable: true, description: "Which interaction (none for live)" }),
    caseId: t.exposeID("caseId", { nullable: true }),
  }),
});
const QueuePing = builder.objectRef<{ queueId: string }>("QueuePing").implement({ fields: (t) => ({ queueId: t.exposeID("queueId") }) });

builder.subscriptionFields((t) => ({
  myWorkChanged: t.field({
    type: WorkEvent,
    description: "Offers made to you and withdrawn, conversations given to you, transferred or ended; first, live.",
    authScopes: { permission: "agents.work" },
    subscribe: (_r, _a, ctx) =>
      authorizedStream(
        ctx,
        ctx.app.pubsub.subscribe("agentWork", viewerOf(ctx).userId),
        (viewer) => (can(viewer, "agents.work") ? "deliver" : new DomainError("FORBIDDEN", "Your role no longer takes work")),
        // An offer made between a desk's first read and its feed starting (or while the feed was
        // reconnecting) would otherwise stay unseen until it timed out and counted as missed.
        { live: { kind: "live" } },
      ),
    resolve: (payload) => unlessRevoked(payload),
  }),
  queueActivity: t.field({
    type: QueuePing,
    description: "A queue's numbers changed: refetch queueStats.",
    authScopes: { anyPermission: ["agents.monitor_team", "agents.monitor_all"] },
    subscribe: (_r, _a, ctx) =>
      authorizedStream(ctx, ctx.app.pubsub.subscribe("queueActivity", viewerOf(ctx).organizationId), (viewer) =>
        can(viewer, "agents.monitor_team") || can(viewer, "agents.monitor_all") ? "deliver" : new DomainError("FORBIDDEN", "You may no longer watch queues"),
      ),
    resolve: (payload) => unlessRevoked(payload),
  }),
}));
