// The SMS channel's API: a message's SMS side (numbers, coding and parts, delivery state with the
// provider's reason), replies and "send again" through the outbox, and for admins the accounts at
// providers (the link's state; the password is write-only) and the numbers customers text.
import { z } from "zod";
import { writableCase } from "../../domain/cases/case-access.ts";
import { retrySms } from "../../domain/sms/deliver-sms.ts";
import { readSmsNumberConfig } from "../../domain/sms/receive-sms.ts";
import { replyBySms } from "../../domain/sms/reply-by-sms.ts";
import { smsWebhookUrl } from "../../domain/sms/sms-webhook.ts";
import { addSmsOptOuts, removeSmsOptOut, smsOptOuts } from "../../domain/sms/opt-outs.ts";
import { deleteSmsAccount, deleteSmsNumber, saveSmsAccount, saveSmsNumber } from "../../domain/sms/sms-accounts.ts";
import { notFound } from "../../domain/shared/errors.ts";
import { builder } from "../builder.ts";
import { DoNotCallAdded } from "./contact-lists.ts";
import { DirectionEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

export const SmsStateEnum = builder.enumType("SmsState", { values: ["RECEIVED", "QUEUED", "SENT", "DELIVERED", "FAILED"] as const });
const SmsLinkStatusEnum = builder.enumType("SmsLinkStatus", { values: ["OFF", "CONNECTING", "BOUND", "DOWN"] as const });
const SmsProviderKindEnum = builder.enumType("SmsProviderKind", {
  values: { SMPP: { description: "SMPP 3.4 to an SMSC or a GSM gateway." }, HTTP: { description: "A REST provider with signed webhooks." } } as const,
});

// Reached only through a Message, which is reached only through a case the viewer may see.
builder.prismaObject("SmsMessage", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    direction: t.expose("direction", { type: DirectionEnum }),
    customerNumber: t.exposeString("customerNumber"),
    ownNumber: t.exposeString("ownNumber"),
    coding: t.exposeString("coding", { description: "GSM7 or UCS2 (Polish letters, Cyrillic: 70 characters a part)." }),
    parts: t.exposeInt("parts"),
    state: t.expose("state", { type: SmsStateEnum }),
    error: t.exposeString("error", { description: "Why it failed, in the provider's words; the last failure while it is retried." }),
    attempts: t.exposeInt("attempts"),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
    deliveredAt: t.expose("deliveredAt", { type: "DateTime", nullable: true }),
    missingParts: t.exposeIntList("missingParts", { description: "Incoming: parts that never came (the text marks the gaps)." }),
  }),
});

builder.prismaObjectField("Message", "sms", (t) => t.relation("sms", { nullable: true }));

builder.prismaObject("SmsAccount", {
  authScopes: { permission: "entry_points.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: SmsProviderKindEnum }),
    host: t.exposeString("host"),
    port: t.exposeInt("port"),
    systemId: t.exposeString("systemId"),
    url: t.exposeString("url", { description: "HTTP: the provider's API address." }),
    hasSecret: t.boolean({
      description: "A password (SMPP) or API token (HTTP) is stored (it is never shown).",
      select: { secret: true },
      resolve: (a) => !!a.secret,
    }),
    hasWebhookSecret: t.boolean({
      description: "HTTP: a webhook key is stored (it is never shown).",
      select: { webhookSecret: true },
      resolve: (a) => !!a.webhookSecret,
    }),
    webhookUrl: t.string({
      description: "HTTP: where the provider must send its webhooks (signed with the webhook key).",
      select: { id: true, kind: true },
      resolve: (a, _args, ctx) => (a.kind === "HTTP" ? smsWebhookUrl(ctx.app.config.publicUrl, a.id) : ""),
    }),
    systemType: t.exposeString("systemType"),
    ratePerSecond: t.exposeInt("ratePerSecond"),
    window: t.exposeInt("window"),
    active: t.exposeBoolean("active"),
    status: t.expose("status", { type: SmsLinkStatusEnum }),
    statusDetail: t.exposeString("statusDetail", { description: "Why the link is down, in the provider's words." }),
    statusAt: t.expose("statusAt", { type: "DateTime", nullable: true }),
    numbers: t.relation("numbers", { type: SmsNumber, query: { where: { kind: "SMS" }, orderBy: { key: "asc" } } }),
  }),
});

const SmsNumber = builder.prismaObject("EntryPoint", {
  variant: "SmsNumber",
  authScopes: { permission: "entry_points.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    number: t.exposeString("key", { description: "E.164, or a sender name (sending only)." }),
    name: t.exposeString("name"),
    active: t.exposeBoolean("active"),
    account: t.relation("smsAccount", { nullable: true }),
    queue: t.relation("queue"),
    threadHours: t.int({ select: { config: true }, resolve: (ep) => readSmsNumberConfig(ep.config).threadHours }),
  }),
});

builder.queryFields((t) => ({
  smsQueues: t.prismaField({
    type: ["Queue"],
    description: "The queues an SMS number can send its texts to (those that take SMS).",
    authScopes: { permission: "entry_points.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.queue.findMany({
        ...query,
        where: { organizationId: viewerOf(ctx).organizationId, channels: { has: "SMS" } },
        orderBy: { name: "asc" },
      }),
  }),
  smsAccounts: t.prismaField({
    type: ["SmsAccount"],
    authScopes: { permission: "entry_points.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.smsAccount.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId }, orderBy: { name: "asc" } }),
  }),
  smsNumbers: t.prismaField({
    type: [SmsNumber],
    authScopes: { permission: "entry_points.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.entryPoint.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId, kind: "SMS" }, orderBy: { key: "asc" } }),
  }),
}));

const SmsAccountInput = builder.inputType("SmsAccountInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: SmsProviderKindEnum, required: false, description: "SMPP when not given." }),
    host: t.string({ required: false, description: "SMPP." }),
    port: t.int({ required: false, description: "SMPP." }),
    systemId: t.string({ required: false, description: "SMPP." }),
    url: t.string({ required: false, description: "HTTP: the provider's API address; messages are POSTed to <url>/messages." }),
    secret: t.string({ required: false, description: "SMPP password or HTTP API token. Empty: keep the stored one." }),
    webhookSecret: t.string({ required: false, description: "HTTP: the key the provider signs webhooks with. Empty: keep the stored one." }),
    systemType: t.string({ required: false }),
    ratePerSecond: t.int({ required: false }),
    window: t.int({ required: false }),
    active: t.boolean({ required: false }),
  }),
});

const SmsNumberInput = builder.inputType("SmsNumberInput", {
  fields: (t) => ({
    number: t.string({ required: true }),
    name: t.string({ required: false }),
    accountId: t.id({ required: true }),
    queueId: t.id({ required: true }),
    threadHours: t.int({ required: false, description: "A text within this many hours of the last SMS with the customer continues their case (default 72)." }),
    active: t.boolean({ required: false }),
  }),
});

const optionalId = { required: false, validate: z.uuid().nullish() } as const;
const requiredId = { required: true, validate: z.uuid() } as const;
const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };

builder.mutationFields((t) => ({
  replyBySms: t.prismaField({
    type: "Message",
    description: "An SMS to the customer, sent through the outbox; its state shows on message.sms.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { caseId: t.arg.id({ required: true, validate: z.uuid() }), body: t.arg.string({ required: true }) },
    resolve: async (query, _r, { caseId, body }, ctx) => {
      const m = await replyBySms(viewerOf(ctx), { caseId: String(caseId), body }, ctx.app.deps);
      return ctx.app.db.prisma.message.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
  retrySms: t.boolean({
    description: "Puts a failed SMS back into the outbox.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { messageId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, { messageId }, ctx) => {
      const viewer = viewerOf(ctx);
      const m = await ctx.app.db.prisma.message.findFirst({
        where: { id: String(messageId), organizationId: viewer.organizationId },
        select: { caseId: true },
      });
      if (!m) throw notFound("Message");
      await writableCase(viewer, m.caseId, ctx.app.db.prisma);
      return retrySms(viewer.organizationId, String(messageId), ctx.app.deps);
    },
  }),
  saveSmsAccount: t.prismaField({
    type: "SmsAccount",
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: SmsAccountInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const account = await saveSmsAccount(viewerOf(ctx), id ? String(id) : null, defined(input), ctx.app.deps, ctx.ip);
      return ctx.app.db.prisma.smsAccount.findUniqueOrThrow({ ...query, where: { id: account.id } });
    },
  }),
  deleteSmsAccount: t.boolean({
    description: "Refused (CONFLICT, reason IN_USE) while numbers are on it.",
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id(requiredId) },
    resolve: async (_r, { id }, ctx) => {
      await deleteSmsAccount(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
  saveSmsNumber: t.prismaField({
    type: SmsNumber,
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: SmsNumberInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const ep = await saveSmsNumber(
        viewerOf(ctx),
        id ? String(id) : null,
        { ...defined(input), accountId: String(input.accountId), queueId: String(input.queueId) },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.entryPoint.findUniqueOrThrow({ ...query, where: { id: ep.id } });
    },
  }),
  deleteSmsNumber: t.boolean({
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id(requiredId) },
    resolve: async (_r, { id }, ctx) => {
      await deleteSmsNumber(viewerOf(ctx), String(id), ctx.app.deps, ctx.ip);
      return true;
    },
  }),
}));

// Numbers that may not be texted, shown beside the do-not-call list (domain/sms/opt-outs.ts).
type OptOut = Awaited<ReturnType<typeof smsOptOuts>>["items"][number];
const SmsOptOut = builder.objectRef<OptOut>("SmsOptOut").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    number: t.exposeString("number"),
    keyword: t.exposeString("keyword", { description: "What the customer texted to opt out (empty: added by a user)." }),
    note: t.exposeString("note"),
    addedBy: t.exposeString("addedBy", { nullable: true, description: "The user who added it." }),
    caseId: t.exposeID("caseId", { nullable: true, description: "The case the customer's opt-out text is on." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
const SmsOptOutPage = builder.objectRef<{ total: number; items: OptOut[] }>("SmsOptOutPage").implement({
  fields: (t) => ({ total: t.exposeInt("total"), items: t.field({ type: [SmsOptOut], resolve: (p) => p.items }) }),
});
const campaigns = { permission: "campaigns.manage" } as const;

builder.queryField("smsOptOuts", (t) =>
  t.field({
    type: SmsOptOutPage,
    authScopes: campaigns,
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(64).nullish() }),
      offset: t.arg.int({ required: false, validate: z.number().int().min(0).max(1_000_000).nullish() }),
      limit: t.arg.int({ required: false, validate: z.number().int().min(1).max(200).nullish() }),
    },
    resolve: (_r, a, ctx) => smsOptOuts(viewerOf(ctx), a, ctx.app.deps),
  }),
);

builder.mutationFields((t) => ({
  addSmsOptOuts: t.field({
    type: DoNotCallAdded,
    authScopes: campaigns,
    description: "Numbers not to text, on the customer's word elsewhere (one per line, or separated by , or ;); without a country code, `country`'s.",
    args: { numbers: t.arg.stringList({ required: true }), note: t.arg.string({ required: false }), country: t.arg.string({ required: false }) },
    resolve: (_r, a, ctx) => addSmsOptOuts(viewerOf(ctx), { numbers: a.numbers, note: a.note ?? "", country: a.country ?? "PL" }, ctx.app.deps, ctx.ip),
  }),
  removeSmsOptOut: t.boolean({
    description: "The number may be texted again.",
    authScopes: campaigns,
    args: { id: t.arg.id(requiredId) },
    resolve: (_r, a, ctx) => removeSmsOptOut(viewerOf(ctx), String(a.id), ctx.app.deps, ctx.ip),
  }),
}));
