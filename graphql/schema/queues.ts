import { z } from "zod";
import { deleteQueue, saveQueue } from "../../domain/queues/save-queue.ts";
import { readSlaSettings } from "../../domain/queues/sla-settings.ts";
import { readBoardSettings } from "../../domain/wallboard/board-settings.ts";
import { builder } from "../builder.ts";
import { RecordingPolicyEnum } from "./recordings.ts";
import { ChannelEnum, RoutingStrategyEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const SEE_QUEUES = ["queues.manage", "users.read", "users.manage"] as const;

const OverflowActionEnum = builder.enumType("OverflowAction", {
  description:
    "What a phone caller meets when the queue is full or they waited its longest: the overflow queue (or the message), voicemail, or an offer to be called back.",
  values: ["QUEUE", "VOICEMAIL", "CALLBACK"] as const,
});

builder.prismaObject("Queue", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    channels: t.expose("channels", { type: [ChannelEnum] }),
    priority: t.exposeInt("priority"),
    active: t.exposeBoolean("active"),
    strategy: t.expose("strategy", { type: RoutingStrategyEnum }),
    offerTimeoutSeconds: t.exposeInt("offerTimeoutSeconds"),
    maxQueueLength: t.exposeInt("maxQueueLength", { nullable: true }),
    maxWaitSeconds: t.exposeInt("maxWaitSeconds", { nullable: true }),
    overflowQueueId: t.exposeID("overflowQueueId", { nullable: true }),
    overflowMessage: t.exposeString("overflowMessage"),
    emailSignature: t.exposeString("emailSignature", { authScopes: { anyPermission: [...SEE_QUEUES] } }),
    recordingPolicy: t.expose("recordingPolicy", { type: RecordingPolicyEnum }),
    recordNumbers: t.exposeStringList("recordNumbers", {
      description: "For LISTED: the customers' numbers (E.164) whose calls are recorded.",
      authScopes: { anyPermission: [...SEE_QUEUES] },
    }),
    recordingRetentionDays: t.exposeInt("recordingRetentionDays", {
      nullable: true,
      description: "Days recordings are kept; null: the organisation's setting.",
    }),
    wrapUpSeconds: t.exposeInt("wrapUpSeconds", { description: "Seconds of wrap-up after a call before the agent's next offer (0: none)." }),
    serviceLevelSeconds: t.exposeInt("serviceLevelSeconds", { description: "Calls answered within this many seconds meet the service level." }),
    serviceLevelPercent: t.exposeInt("serviceLevelPercent", { description: "The service level aimed at, in percent." }),
    shortAbandonSeconds: t.exposeInt("shortAbandonSeconds", { description: "Hang-ups sooner than this are short abandons (left out of the service level)." }),
    requireDisposition: t.exposeBoolean("requireDisposition", { description: "Wrap-up lasts until the agent gives a disposition." }),
    announceEverySeconds: t.exposeInt("announceEverySeconds", {
      nullable: true,
      description: "Phone callers waiting hear their place and the expected wait this often; null: never.",
    }),
    overflowAction: t.expose("overflowAction", { type: OverflowActionEnum, description: "What an overflowing phone caller meets." }),
    voicemailEmail: t.exposeString("voicemailEmail", { authScopes: { anyPermission: [...SEE_QUEUES] } }),
    musicOnHoldId: t.exposeID("musicOnHoldId", { nullable: true, description: "Uploaded music callers hear while waiting; null: the product's own." }),
    callbackRetries: t.exposeInt("callbackRetries", { description: "Unanswered call-backs are tried again this many times." }),
    callbackRetryMinutes: t.exposeInt("callbackRetryMinutes", { description: "Minutes between tries of an unanswered call-back." }),
    sla: t.field({
      type: "JSON",
      description: "Service-level targets: { firstResponseMinutes, resolutionMinutes, channels: { CHAT?: {…} }, businessHours } (minutes; null: none).",
      authScopes: { anyPermission: [...SEE_QUEUES] },
      select: { sla: true },
      resolve: (q) => readSlaSettings(q.sla),
    }),
    wallboard: t.field({
      type: "JSON",
      description:
        "The wall-board's colours: { waiting, longestWait, serviceLevel: { amber, red } } (the target is serviceLevelSeconds / serviceLevelPercent).",
      authScopes: { anyPermission: [...SEE_QUEUES] },
      select: { wallboard: true },
      resolve: (q) => readBoardSettings(q.wallboard),
    }),
    members: t.relation("members", { authScopes: { anyPermission: [...SEE_QUEUES] }, query: { orderBy: { skillLevel: "desc" } } }),
  }),
});

builder.prismaObject("QueueMember", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    queue: t.relation("queue"),
    user: t.relation("user"),
    skillLevel: t.exposeInt("skillLevel"),
    viaTeam: t.exposeBoolean("viaTeam", { description: "A member through a team the queue follows, not named." }),
  }),
});

export const QueueMemberInput = builder.inputType("QueueMemberInput", {
  fields: (f) => ({ userId: f.id({ required: true }), skillLevel: f.int({ required: true }) }),
});

const QueueInput = builder.inputType("QueueInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    channels: t.field({ type: [ChannelEnum], required: true }),
    priority: t.int({ required: true }),
    active: t.boolean({ required: false }),
    strategy: t.field({ type: RoutingStrategyEnum, required: true }),
    offerTimeoutSeconds: t.int({ required: true }),
    maxQueueLength: t.int({ required: false, description: "null: no limit" }),
    maxWaitSeconds: t.int({ required: false, description: "null: no limit" }),
    overflowQueueId: t.id({ required: false }),
    overflowMessage: t.string({ required: false }),
    emailSignature: t.string({ required: false, description: "Under e-mails from this queue's cases; template variables allowed." }),
    recordingPolicy: t.field({ type: RecordingPolicyEnum, required: false }),
    recordNumbers: t.stringList({ required: false, description: "For LISTED: customers' numbers, with country code; normalised to E.164." }),
    recordingRetentionDays: t.int({ required: false, description: "null: the organisation's setting" }),
    wrapUpSeconds: t.int({ required: false, description: "0–3600; 0 by default" }),
    serviceLevelSeconds: t.int({ required: false, description: "1–3600; 20 by default" }),
    serviceLevelPercent: t.int({ required: false, description: "1–100; 80 by default" }),
    shortAbandonSeconds: t.int({ required: false, description: "0–60; 5 by default" }),
    requireDisposition: t.boolean({ required: false }),
    announceEverySeconds: t.int({ required: false, description: "10–600; null: never" }),
    overflowAction: t.field({ type: OverflowActionEnum, required: false }),
    voicemailEmail: t.string({ required: false }),
    musicOnHoldId: t.id({ required: false }),
    callbackRetries: t.int({ required: false, description: "0–10; 2 by default" }),
    callbackRetryMinutes: t.int({ required: false, description: "1–1440; 10 by default" }),
    sla: t.field({ type: "JSON", required: false, description: "Service-level targets (see Queue.sla); left out: none." }),
    wallboard: t.field({ type: "JSON", required: false, description: "Wall-board colours (see Queue.wallboard); left out: unchanged." }),
    members: t.field({
      type: [QueueMemberInput],
      required: true,
    }),
  }),
});

builder.queryFields((t) => ({
  queues: t.prismaField({
    type: ["Queue"],
    authScopes: { anyPermission: [...SEE_QUEUES] },
    resolve: (query, _root, _args, ctx) =>
      ctx.app.db.prisma.queue.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: [{ priority: "desc" }, { name: "asc" }] }),
  }),
}));

builder.mutationFields((t) => ({
  saveQueue: t.prismaField({
    type: "Queue",
    description: "Create a queue (no id) or replace an existing one's settings and members.",
    authScopes: { permission: "queues.manage" },
    args: { id: t.arg.id({ required: false, validate: z.uuid().nullish() }), input: t.arg({ type: QueueInput, required: true }) },
    resolve: async (query, _root, { id, input }, ctx) => {
      const queue = await saveQueue(
        viewerOf(ctx),
        id ? String(id) : null,
        {
          ...input,
          description: input.description ?? "",
          active: input.active ?? true,
          maxQueueLength: input.maxQueueLength ?? null,
          maxWaitSeconds: input.maxWaitSeconds ?? null,
          overflowQueueId: input.overflowQueueId ? String(input.overflowQueueId) : null,
          overflowMessage: input.overflowMessage ?? "",
          emailSignature: input.emailSignature ?? "",
          recordingPolicy: input.recordingPolicy ?? "NONE",
          recordNumbers: input.recordNumbers ?? [],
          recordingRetentionDays: input.recordingRetentionDays ?? null,
          wrapUpSeconds: input.wrapUpSeconds ?? 0,
          serviceLevelSeconds: input.serviceLevelSeconds ?? 20,
          serviceLevelPercent: input.serviceLevelPercent ?? 80,
          shortAbandonSeconds: input.shortAbandonSeconds ?? 5,
          requireDisposition: input.requireDisposition ?? false,
          announceEverySeconds: input.announceEverySeconds ?? null,
          overflowAction: input.overflowAction ?? "QUEUE",
          voicemailEmail: input.voicemailEmail ?? "",
          musicOnHoldId: input.musicOnHoldId ? String(input.musicOnHoldId) : null,
          callbackRetries: input.callbackRetries ?? 2,
          callbackRetryMinutes: input.callbackRetryMinutes ?? 10,
          sla: input.sla ?? undefined,
          wallboard: (input.wallboard ?? undefined) as never,
          members: input.members.map((m) => ({ userId: String(m.userId), skillLevel: m.skillLevel })),
        },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.queue.findUniqueOrThrow({ ...query, where: { id: queue.id } });
    },
  }),
  deleteQueue: t.boolean({
    authScopes: { permission: "queues.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_root, { id }, ctx) => {
      await deleteQueue(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));
