// Voice: whether voice works here, the viewer's current call, calling a colleague, answering and
// hanging up, and the call's media signalling (mediasoup transports, producers, consumers) —
// every media operation only for a party of that live call.
import { z } from "zod";
import { can } from "../../domain/access/viewer.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { answerCall, callColleague, hangUp, holdCall, livePartyOf, setCallMuted } from "../../domain/voice/calls.ts";
import { cancelConsult, completeTransfer, consultColleague } from "../../domain/voice/consult.ts";
import { MONITOR_MODES, monitorCall, watchableCallIds } from "../../domain/voice/monitor-call.ts";
import { takeOverCall } from "../../domain/voice/take-over.ts";
import type { CallMedia, MediaJson } from "../../domain/ports.ts";
import { requireVoice } from "../../domain/voice/require-voice.ts";
import { authorizedStream, unlessRevoked } from "../authorized-stream.ts";
import { builder } from "../builder.ts";
import { interactionQueueId, queueName } from "../names.ts";
import type { GraphQLContext } from "../context.ts";
import { viewerOf } from "./helpers.ts";

const CallStateEnum = builder.enumType("CallState", { values: ["RINGING", "ACTIVE", "ENDED"] as const });
const CallPartyRoleEnum = builder.enumType("CallPartyRole", { values: ["CALLER", "CALLEE", "MONITOR", "CONSULTED"] as const });
const MonitorModeEnum = builder.enumType("MonitorMode", { values: MONITOR_MODES });

builder.prismaObject("Call", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    state: t.expose("state", { type: CallStateEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    answeredAt: t.expose("answeredAt", { type: "DateTime", nullable: true }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
    endReason: t.exposeString("endReason"),
    phone: t.boolean({ description: "A call over the telephone network (a SIP trunk).", select: { trunkId: true }, resolve: (c) => c.trunkId !== null }),
    remoteNumber: t.exposeString("remoteNumber", { description: "Phone calls: the customer's number (who called, or the number dialled)." }),
    localNumber: t.exposeString("localNumber", { description: "Phone calls: our number dialled in (DID), or the caller ID shown on a call out." }),
    sipCode: t.exposeInt("sipCode", { nullable: true, description: "The SIP answer that ended a phone call (486, 404, 503...)." }),
    sipReason: t.exposeString("sipReason"),
    held: t.exposeBoolean("held", { description: "The customer is on hold (hearing music)." }),
    customerHeld: t.exposeBoolean("customerHeld", { description: "The customer put the call on hold from their telephone; false again once they resume." }),
    recording: t.relation("recording", { nullable: true }),
    queueName: t.string({
      nullable: true,
      description: "The queue a customer's call came through (null for calls between colleagues).",
      select: { interactionId: true },
      resolve: async (call, _a, ctx) => {
        const queueId = call.interactionId ? await interactionQueueId(ctx, call.interactionId) : null;
        return queueId ? ((await queueName(ctx, queueId)) ?? null) : null;
      },
    }),
    interaction: t.prismaField({
      type: "Interaction",
      nullable: true,
      description: "A customer's call: its conversation (and through it the case).",
      select: { interactionId: true },
      resolve: (query, call, _a, ctx) =>
        call.interactionId ? ctx.app.db.prisma.interaction.findUnique({ ...query, where: { id: call.interactionId } }) : null,
    }),
    parties: t.relation("parties", { query: { orderBy: { role: "asc" } } }),
  }),
});

builder.prismaObject("CallParty", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    role: t.expose("role", { type: CallPartyRoleEnum }),
    user: t.relation("user", { nullable: true }),
    name: t.string({
      description: "The colleague's name, or what a web caller gave as theirs.",
      select: { user: { select: { name: true } }, visitor: { select: { name: true } }, phone: true },
      resolve: (p) => p.user?.name ?? p.visitor?.name ?? p.phone ?? "",
    }),
    phone: t.exposeString("phone", { nullable: true, description: "A telephone on the call: its number." }),
    joinedAt: t.expose("joinedAt", { type: "DateTime", nullable: true }),
    leftAt: t.expose("leftAt", { type: "DateTime", nullable: true }),
    muted: t.exposeBoolean("muted"),
    mode: t.expose("mode", { type: MonitorModeEnum, nullable: true, description: "How a MONITOR party takes part." }),
  }),
});

const VoiceStatus = builder.objectRef<{ enabled: boolean; reason: string | null }>("VoiceStatus").implement({
  fields: (t) => ({
    enabled: t.exposeBoolean("enabled"),
    reason: t.exposeString("reason", { nullable: true, description: "Why voice is off (for admins and logs)." }),
  }),
});

const mediaOf = (ctx: GraphQLContext) => requireVoice(ctx.app.callMedia);

/** A media operation for the viewer's party on a live call. */
async function asParty<T>(
  ctx: GraphQLContext,
  callId: string,
  run: (media: CallMedia, partyId: string, call: { trunkId: string | null }) => Promise<T>,
): Promise<T> {
  const media = mediaOf(ctx);
  const { call, party } = await livePartyOf(viewerOf(ctx), callId, ctx.app.db.prisma);
  return run(media, party.id, call);
}

const json = z.record(z.string(), z.unknown());

const Colleague = builder.objectRef<{ id: string; name: string; state: string }>("Colleague").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name"), state: t.exposeString("state", { description: "Their agent state now." }) }),
});

builder.queryFields((t) => ({
  colleagues: t.field({
    type: [Colleague],
    description: "Signed-in colleagues who take calls, to call one of them.",
    authScopes: { permission: "agents.work" },
    resolve: async (_r, _a, ctx) => {
      const viewer = viewerOf(ctx);
      const users = await ctx.app.db.prisma.user.findMany({
        where: {
          organizationId: viewer.organizationId,
          active: true,
          id: { not: viewer.userId },
          role: { permissions: { has: "agents.work" } },
          presence: { state: { not: "OFFLINE" } },
        },
        select: { id: true, name: true, presence: { select: { state: true } } },
        orderBy: { name: "asc" },
        take: 500,
      });
      return users.map((u) => ({ id: u.id, name: u.name, state: u.presence?.state ?? "OFFLINE" }));
    },
  }),
  liveCalls: t.prismaField({
    type: ["Call"],
    description: "Calls in progress of the agents you may watch (to listen, whisper or barge).",
    authScopes: { anyPermission: ["agents.monitor_team", "agents.monitor_all"] },
    resolve: async (query, _r, _a, ctx) => {
      const ids = await watchableCallIds(viewerOf(ctx), ctx.app.deps);
      return ctx.app.db.prisma.call.findMany({ ...query, where: { id: { in: ids } }, orderBy: { answeredAt: "asc" } });
    },
  }),
  voiceStatus: t.field({
    type: VoiceStatus,
    authScopes: { authenticated: true },
    resolve: (_r, _a, ctx) => ctx.app.callMedia.status(),
  }),
  myCall: t.prismaField({
    type: "Call",
    nullable: true,
    description: "The call you are on or being rung for, if any.",
    authScopes: { authenticated: true },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.call.findFirst({
        ...query,
        where: { state: { in: ["RINGING", "ACTIVE"] }, parties: { some: { userId: viewerOf(ctx).userId, leftAt: null } } },
        orderBy: { createdAt: "desc" },
      }),
  }),
}));

builder.mutationFields((t) => ({
  callColleague: t.prismaField({
    type: "Call",
    description: "Ring a colleague who is signed in and not on another call.",
    authScopes: { permission: "agents.work" },
    args: { userId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (query, _r, args, ctx) => {
      mediaOf(ctx);
      const call = await callColleague(viewerOf(ctx), String(args.userId), ctx.app.deps);
      return ctx.app.db.prisma.call.findUniqueOrThrow({ ...query, where: { id: call.id } });
    },
  }),
  answerCall: t.boolean({
    authScopes: { permission: "agents.work" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await answerCall(viewerOf(ctx), String(args.callId), ctx.app.deps);
      return true;
    },
  }),
  hangUp: t.boolean({
    description: "Hang up, reject a ringing call or cancel your own: the call ends for everyone.",
    authScopes: { authenticated: true },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await hangUp(viewerOf(ctx), String(args.callId), ctx.app.deps);
      return true;
    },
  }),
  consultColleague: t.boolean({
    description: "Put the customer on hold and ring a colleague into the call to talk before transferring.",
    authScopes: { permission: "agents.work" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), userId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await consultColleague(viewerOf(ctx), String(args.callId), String(args.userId), ctx.app.deps);
      return true;
    },
  }),
  completeTransfer: t.boolean({
    description: "Hand the customer to the colleague you are consulting; you leave the call.",
    authScopes: { permission: "agents.work" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await completeTransfer(viewerOf(ctx), String(args.callId), ctx.app.deps);
      return true;
    },
  }),
  cancelConsult: t.boolean({
    description: "End the consultation: the colleague leaves, the customer is back with you.",
    authScopes: { permission: "agents.work" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await cancelConsult(viewerOf(ctx), String(args.callId), ctx.app.deps);
      return true;
    },
  }),
  takeOverCall: t.boolean({
    description: "Take an agent's call over: you talk to the customer and own the case; the agent drops out. Audit-logged.",
    authScopes: { anyPermission: ["agents.monitor_team", "agents.monitor_all"] },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      mediaOf(ctx);
      await takeOverCall(viewerOf(ctx), String(args.callId), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  monitorCall: t.boolean({
    description: "Listen to, whisper to or barge into an agent's call (or change how you take part). Audit-logged.",
    authScopes: { anyPermission: ["agents.monitor_team", "agents.monitor_all"] },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), mode: t.arg({ type: MonitorModeEnum, required: true }) },
    resolve: async (_r, args, ctx) => {
      mediaOf(ctx);
      await monitorCall(viewerOf(ctx), String(args.callId), args.mode, ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  holdCall: t.boolean({
    description: "Put the customer on hold (they hear music, neither side hears the other) or take them off it.",
    authScopes: { permission: "agents.work" },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), held: t.arg.boolean({ required: true }) },
    resolve: async (_r, args, ctx) => {
      await holdCall(viewerOf(ctx), String(args.callId), args.held, ctx.app.deps);
      return args.held;
    },
  }),
  setCallMuted: t.boolean({
    authScopes: { authenticated: true },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), muted: t.arg.boolean({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const partyId = await setCallMuted(viewerOf(ctx), String(args.callId), args.muted, ctx.app.deps);
      await ctx.app.callMedia.setMuted(String(args.callId), partyId, args.muted).catch(() => {});
      return args.muted;
    },
  }),
  joinCallMedia: t.field({
    type: "JSON",
    description:
      "Your transports for the call's audio: { routerRtpCapabilities, send, recv, iceServers, partyId, producers, sendCodec } (sendCodec: the codec to send, audio/PCMA on phone calls — an A-law telephone takes it as it comes, a µ-law one gets it re-encoded by its mixer; null: any).",
    authScopes: { authenticated: true },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: (_r, args, ctx) =>
      asParty(ctx, String(args.callId), async (media, partyId, call) => ({
        ...(await media.join(String(args.callId), partyId)),
        partyId,
        sendCodec: call.trunkId ? "audio/PCMA" : null,
      })),
  }),
  connectCallTransport: t.boolean({
    authScopes: { authenticated: true },
    args: {
      callId: t.arg.id({ required: true, validate: z.uuid() }),
      transportId: t.arg.string({ required: true }),
      dtlsParameters: t.arg({ type: "JSON", required: true, validate: json }),
    },
    resolve: (_r, args, ctx) =>
      asParty(ctx, String(args.callId), async (media, partyId) => {
        await media.connect(String(args.callId), partyId, args.transportId, args.dtlsParameters as MediaJson);
        return true;
      }),
  }),
  produceCallAudio: t.string({
    description: "Send your microphone; returns the producer's id.",
    authScopes: { authenticated: true },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), rtpParameters: t.arg({ type: "JSON", required: true, validate: json }) },
    resolve: (_r, args, ctx) =>
      asParty(ctx, String(args.callId), (media, partyId) => media.produce(String(args.callId), partyId, args.rtpParameters as MediaJson)),
  }),
  consumeCallAudio: t.field({
    type: "JSON",
    description: "Receive another party's audio (paused until resumeCallAudio).",
    authScopes: { authenticated: true },
    args: {
      callId: t.arg.id({ required: true, validate: z.uuid() }),
      producerId: t.arg.string({ required: true }),
      rtpCapabilities: t.arg({ type: "JSON", required: true, validate: json }),
    },
    resolve: (_r, args, ctx) =>
      asParty(ctx, String(args.callId), (media, partyId) => media.consume(String(args.callId), partyId, args.producerId, args.rtpCapabilities as MediaJson)),
  }),
  resumeCallAudio: t.boolean({
    authScopes: { authenticated: true },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }), consumerId: t.arg.string({ required: true }) },
    resolve: (_r, args, ctx) =>
      asParty(ctx, String(args.callId), async (media, partyId) => {
        await media.resume(String(args.callId), partyId, args.consumerId);
        return true;
      }),
  }),
}));

const CallPing = builder.objectRef<{ callId: string; state: "RINGING" | "ACTIVE" | "ENDED" }>("CallPing").implement({
  fields: (t) => ({ callId: t.exposeID("callId"), state: t.expose("state", { type: CallStateEnum }) }),
});
const CallMediaPing = builder.objectRef<{ partyId: string; producerId: string }>("CallMediaPing").implement({
  fields: (t) => ({ partyId: t.exposeID("partyId"), producerId: t.exposeString("producerId") }),
});

builder.subscriptionFields((t) => ({
  liveCallsChanged: t.field({
    type: "Boolean",
    description: "A call of the organisation started, changed or ended: refetch liveCalls.",
    authScopes: { anyPermission: ["agents.monitor_team", "agents.monitor_all"] },
    subscribe: (_r, _a, ctx) =>
      authorizedStream(ctx, ctx.app.pubsub.subscribe("orgCalls", viewerOf(ctx).organizationId), (viewer) =>
        can(viewer, "agents.monitor_team") || can(viewer, "agents.monitor_all") ? "deliver" : new DomainError("FORBIDDEN", "You may no longer watch calls"),
      ),
    resolve: (payload) => !!unlessRevoked(payload),
  }),
  myCalls: t.field({
    type: CallPing,
    description: "A call you are on rang, was answered or ended: refetch myCall.",
    authScopes: { authenticated: true },
    subscribe: (_r, _a, ctx) => authorizedStream(ctx, ctx.app.pubsub.subscribe("myCalls", viewerOf(ctx).userId), () => "deliver"),
    resolve: (payload) => unlessRevoked(payload),
  }),
  callMedia: t.field({
    type: CallMediaPing,
    description: "Audio to consume on your live call.",
    authScopes: { authenticated: true },
    args: { callId: t.arg.id({ required: true, validate: z.uuid() }) },
    subscribe: async (_r, args, ctx) => {
      await livePartyOf(viewerOf(ctx), String(args.callId), ctx.app.db.prisma);
      return authorizedStream(ctx, ctx.app.pubsub.subscribe("callMedia", String(args.callId)), async (viewer) => {
        try {
          await livePartyOf(viewer, String(args.callId), ctx.app.db.prisma);
          return "deliver";
        } catch {
          return new DomainError("NOT_FOUND", "You are no longer on this call");
        }
      });
    },
    resolve: (payload) => unlessRevoked(payload),
  }),
}));
