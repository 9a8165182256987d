// What admins configure for chat and routing: widgets, case statuses, canned replies, capacities.
import { z } from "zod";
import { deleteCannedReply, saveCannedReply } from "../../domain/canned-replies/save-canned-reply.ts";
import { saveCaseStatus } from "../../domain/cases/save-case-status.ts";
import { rotateIdentitySecret, saveEntryPoint } from "../../domain/entry-points/save-entry-point.ts";
import { readWidgetConfig } from "../../domain/entry-points/widget-config.ts";
import { updateOrganizationSettings } from "../../domain/organizations/update-settings.ts";
import { type Blending, effectiveBlending, effectiveCapacity } from "../../domain/routing/capacity.ts";
import { builder } from "../builder.ts";
import { StatusCategoryEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";
import { createRequire } from "node:module";

builder.prismaObject("EntryPoint", {
  name: "ChatWidget",
  authScopes: { permission: "entry_points.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    key: t.exposeString("key", { description: "Goes in the site's script tag; public." }),
    active: t.exposeBoolean("active"),
    queue: t.relation("queue"),
    config: t.field({ type: "JSON", description: "Checked settings (defaults filled in).", resolve: (e) => readWidgetConfig(e.config) }),
    hasIdentitySecret: t.boolean({ resolve: (e) => e.identitySecret !== null }),
    ivrFlowId: t.exposeID("ivrFlowId", { nullable: true, description: "The IVR flow web callers meet first; null: straight to the queue." }),
  }),
});

builder.prismaObject("CannedReply", {
  authScopes: { anyPermission: ["agents.work", "canned_replies.manage"] },
  fields: (t) => ({ id: t.exposeID("id"), title: t.exposeString("title"), body: t.exposeString("body"), queue: t.relation("queue", { nullable: true }) }),
});

const Capacity = builder.objectRef<Record<"VOICE" | "CHAT" | "EMAIL" | "SMS" | "FAX", number>>("Capacity").implement({
  fields: (t) => ({ voice: t.exposeInt("VOICE"), chat: t.exposeInt("CHAT"), email: t.exposeInt("EMAIL"), sms: t.exposeInt("SMS"), fax: t.exposeInt("FAX") }),
});
const CapacityInput = builder.inputType("CapacityInput", {
  fields: (t) => ({
    voice: t.int({ required: true }),
    chat: t.int({ required: true }),
    email: t.int({ required: true }),
    sms: t.int({ required: true }),
    fax: t.int({ required: true }),
  }),
});
export const toCapacity = (c: { voice: number; chat: number; email: number; sms: number; fax: number }) => ({
  VOICE: c.voice,
  CHAT: c.chat,
  EMAIL: c.email,
  SMS: c.sms,
  FAX: c.fax,
});

const BlendingRef = builder.objectRef<Blending>("Blending").implement({
  description: "Blended rules: which live work (calls, chats) may interrupt which other work.",
  fields: (t) => ({
    callsInterrupt: t.exposeBoolean("callsInterrupt", { description: "Calls go to agents who have chats or e-mails open." }),
    chatsInterruptDeferred: t.exposeBoolean("chatsInterruptDeferred", { description: "Chats go to agents who have e-mails, SMS or faxes open." }),
    chatsDuringCall: t.exposeBoolean("chatsDuringCall", { description: "Chats go to agents on a call." }),
    deferredDuringLive: t.exposeBoolean("deferredDuringLive", { description: "E-mails, SMS and faxes go to agents on a call or in a chat." }),
  }),
});
const BlendingInput = builder.inputType("BlendingInput", {
  fields: (t) => ({
    callsInterrupt: t.boolean({ required: true }),
    chatsInterruptDeferred: t.boolean({ required: true }),
    chatsDuringCall: t.boolean({ required: true }),
    deferredDuringLive: t.boolean({ required: true }),
  }),
});

const RoutingSettings = builder
  .objectRef<{ defaultCapacity: unknown; missedOffersBeforePause: number; blending: unknown; recordingRetentionDays: number | null }>("RoutingSettings")
  .implement({
    fields: (t) => ({
      defaultCapacity: t.field({ type: Capacity, resolve: (s) => effectiveCapacity(s.defaultCapacity, null) }),
      missedOffersBeforePause: t.exposeInt("missedOffersBeforePause"),
      blending: t.field({ type: BlendingRef, resolve: (s) => effectiveBlending(s.blending) }),
      recordingRetentionDays: t.exposeInt("recordingRetentionDays", {
        nullable: true,
        description: "Days call recordings are kept unless their queue says otherwise; null: for ever.",
      }),
    }),
  });

builder.queryFields((t) => ({
  chatWidgets: t.prismaField({
    type: ["EntryPoint"],
    authScopes: { permission: "entry_points.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.entryPoint.findMany({
        ...query,
        where: { organizationId: viewerOf(ctx).organizationId, kind: "CHAT_WIDGET" },
        orderBy: { name: "asc" },
      }),
  }),
  cannedReplies: t.prismaField({
    type: ["CannedReply"],
    description: "For a case: the organisation's replies plus its queue's. Without caseQueueId: all.",
    authScopes: { anyPermission: ["agents.work", "canned_replies.manage"] },
    args: { queueId: t.arg.id({ required: false, validate: z.uuid().nullish() }) },
    resolve: (query, _r, args, ctx) =>
      ctx.app.db.prisma.cannedReply.findMany({
        ...query,
        where: { organizationId: viewerOf(ctx).organizationId, ...(args.queueId ? { OR: [{ queueId: null }, { queueId: String(args.queueId) }] } : {}) },
        orderBy: { title: "asc" },
      }),
  }),
  routingSettings: t.field({
    type: RoutingSettings,
    authScopes: { anyPermission: ["queues.manage", "users.manage"] },
    resolve: (_r, _a, ctx) =>
      ctx.app.db.prisma.organization.findUniqueOrThrow({
        where: { id: viewerOf(ctx).organizationId },
        select: { defaultCapacity: true, missedOffersBeforePause: true, blending: true, recordingRetentionDays: true },
      }),
  }),
}));

const ChatWidgetInput = builder.inputType("ChatWidgetInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    queueId: t.id({ required: true }),
    active: t.boolean({ required: true }),
    config: t.field({ type: "JSON", required: true }),
    ivrFlowId: t.id({ required: false, description: "An IVR flow web callers meet first; empty: straight to the queue." }),
  }),
});
const CaseStatusInput = builder.inputType("CaseStatusInput", {
  fields: (t) => ({
    processId: t.id({ required: true }),
    name: t.string({ required: true }),
    translations: t.field({ type: "JSON", required: false, description: "Names in other languages: { pl?, en?, ru? }." }),
    color: t.string({ required: true }),
    category: t.field({ type: StatusCategoryEnum, required: true }),
    sortOrder: t.int({ required: false }),
    active: t.boolean({ required: false }),
  }),
});
const CannedReplyInput = builder.inputType("CannedReplyInput", {
  fields: (t) => ({ title: t.string({ required: true }), body: t.string({ required: true }), queueId: t.id({ required: false }) }),
});

const optionalId = () => ({ required: false, validate: z.uuid().nullish() }) as const;

// The chat widget's own words in each language, for the admin's live preview of a widget.
const widgetTexts = (locale: string): unknown => (createRequire(import.meta.url)(`../../messages/${locale}.json`) as { visitorWidget: unknown }).visitorWidget;
builder.queryField("widgetPreviewTexts", (t) =>
  t.field({
    type: "JSON",
    description: "The chat widget's texts in a language (pl, en, ru), for previewing a widget as visitors see it.",
    authScopes: { permission: "entry_points.manage" },
    args: { locale: t.arg.string({ required: true, validate: z.enum(["pl", "en", "ru"]) }) },
    resolve: (_r, args) => widgetTexts(args.locale),
  }),
);

builder.mutationFields((t) => ({
  saveChatWidget: t.prismaField({
    type: "EntryPoint",
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id(optionalId()), input: t.arg({ type: ChatWidgetInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const ep = await saveEntryPoint(
        viewerOf(ctx),
        id ? String(id) : null,
        { ...input, queueId: String(input.queueId), config: input.config as never, ivrFlowId: input.ivrFlowId ? String(input.ivrFlowId) : null },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.entryPoint.findUniqueOrThrow({ ...query, where: { id: ep.id } });
    },
  }),
  rotateChatWidgetSecret: t.string({
    description: "A new identity-verification secret, shown this once; sites sign their users' ids with it.",
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: (_r, args, ctx) => rotateIdentitySecret(viewerOf(ctx), String(args.id), ctx.app.deps, ctx.ip),
  }),
  saveCaseStatus: t.prismaField({
    type: "CaseStatus",
    authScopes: { permission: "cases.configure" },
    args: { id: t.arg.id(optionalId()), input: t.arg({ type: CaseStatusInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const s = await saveCaseStatus(
        viewerOf(ctx),
        id ? String(id) : null,
        { ...input, processId: String(input.processId), translations: (input.translations ?? {}) as never, sortOrder: input.sortOrder ?? 0, active: input.active ?? true },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.caseStatus.findUniqueOrThrow({ ...query, where: { id: s.id } });
    },
  }),
  saveCannedReply: t.prismaField({
    type: "CannedReply",
    authScopes: { permission: "canned_replies.manage" },
    args: { id: t.arg.id(optionalId()), input: t.arg({ type: CannedReplyInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const r = await saveCannedReply(viewerOf(ctx), id ? String(id) : null, { ...input, queueId: input.queueId ? String(input.queueId) : null }, ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.cannedReply.findUniqueOrThrow({ ...query, where: { id: r.id } });
    },
  }),
  deleteCannedReply: t.boolean({
    authScopes: { permission: "canned_replies.manage" },
    args: { id: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      await deleteCannedReply(viewerOf(ctx), String(args.id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  updateRoutingSettings: t.field({
    type: RoutingSettings,
    authScopes: { permission: "queues.manage" },
    args: {
      defaultCapacity: t.arg({ type: CapacityInput, required: true }),
      missedOffersBeforePause: t.arg.int({ required: true }),
      blending: t.arg({ type: BlendingInput, required: false, description: "Unchanged when left out." }),
      recordingRetentionDays: t.arg.int({ required: false, description: "Days recordings are kept; null: for ever; unchanged when left out." }),
    },
    resolve: (_r, args, ctx) =>
      updateOrganizationSettings(
        viewerOf(ctx),
        {
          defaultCapacity: toCapacity(args.defaultCapacity),
          missedOffersBeforePause: args.missedOffersBeforePause,
          ...(args.blending ? { blending: args.blending } : {}),
          ...(args.recordingRetentionDays !== undefined ? { recordingRetentionDays: args.recordingRetentionDays } : {}),
        },
        ctx.app.deps,
        ctx.ip,
      ),
  }),
}));

export { Capacity, CapacityInput };
