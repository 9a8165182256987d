// The e-mail channel's API: a message's e-mail side (addresses, sanitised HTML, delivery state),
// replies and forwards through the outbox, templates and signatures filled in for a case, and mailboxes for admins (with "test connection").
import { z } from "zod";
import { testMailbox } from "../../channels/email/test-mailbox.ts";
import { retryEmail } from "../../domain/email/deliver-outbox.ts";
import { visibleCase } from "../../domain/cases/case-access.ts";
import { caseReplyTemplates, emailSignature } from "../../domain/email/case-templates.ts";
import { replyByEmail } from "../../domain/email/reply-by-email.ts";
import { sanitizeEmailHtml } from "../../domain/email/sanitize-email-html.ts";
import { readMailboxConfig } from "../../domain/entry-points/mailbox-config.ts";
import { prepareMailboxTest } from "../../domain/entry-points/prepare-mailbox-test.ts";
import { saveMailbox } from "../../domain/entry-points/save-mailbox.ts";
import { notFound } from "../../domain/shared/errors.ts";
import { builder } from "../builder.ts";
import { DirectionEnum } from "./enums.ts";
import { viewerOf } from "./helpers.ts";

const EmailAddress = builder.objectRef<{ address: string; name: string }>("EmailAddress").implement({
  fields: (t) => ({ address: t.exposeString("address"), name: t.exposeString("name") }),
});
const addresses = (v: unknown) => (Array.isArray(v) ? (v as { address: string; name: string }[]) : []);

const EmailKindEnum = builder.enumType("EmailKind", { values: ["NORMAL", "AUTO_REPLY", "BOUNCE"] as const });
const DeliveryStateEnum = builder.enumType("DeliveryState", { values: ["QUEUED", "SENT", "FAILED"] as const });

// Reached only through a Message, which is reached only through a case the viewer may see.
builder.prismaObject("EmailMessage", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    direction: t.expose("direction", { type: DirectionEnum }),
    kind: t.expose("kind", { type: EmailKindEnum }),
    subject: t.exposeString("subject"),
    from: t.field({ type: EmailAddress, resolve: (e) => ({ address: e.fromAddress, name: e.fromName }) }),
    to: t.field({ type: [EmailAddress], resolve: (e) => addresses(e.to) }),
    cc: t.field({ type: [EmailAddress], resolve: (e) => addresses(e.cc) }),
    bcc: t.field({ type: [EmailAddress], resolve: (e) => (e.direction === "OUTBOUND" ? addresses(e.bcc) : []) }),
    html: t.string({
      nullable: true,
      description: "Sanitised; show it in a sandboxed frame.",
      // Sanitised again as it is read: mail stored under older, looser rules gets today's.
      resolve: (e) => (e.html !== null && e.direction === "INBOUND" ? sanitizeEmailHtml(e.html) : e.html),
    }),
    text: t.exposeString("text", { nullable: true, description: "Outgoing: the text part as sent (words, signature, quote)." }),
    hasOriginal: t.boolean({ resolve: (e) => !!e.rawStorageKey }),
    malformed: t.exposeBoolean("malformed", { description: "Broken MIME: the body shown is the raw text of the mail." }),
    deliveryState: t.expose("deliveryState", { type: DeliveryStateEnum, nullable: true }),
    deliveryError: t.exposeString("deliveryError"),
    attempts: t.exposeInt("attempts"),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObjectField("Message", "email", (t) => t.relation("email", { nullable: true }));

const MailboxStatus = builder.objectRef<{ lastSyncAt: Date | null; lastError: string; lastErrorAt: Date | null }>("MailboxStatus").implement({
  fields: (t) => ({
    lastSyncAt: t.expose("lastSyncAt", { type: "DateTime", nullable: true }),
    lastError: t.exposeString("lastError"),
    lastErrorAt: t.expose("lastErrorAt", { type: "DateTime", nullable: true }),
  }),
});

const Mailbox = builder.prismaObject("EntryPoint", {
  variant: "Mailbox",
  authScopes: { permission: "entry_points.manage" },
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    active: t.exposeBoolean("active"),
    queue: t.relation("queue"),
    config: t.field({ type: "JSON", nullable: true, description: "IMAP/SMTP settings; never passwords.", resolve: (e) => readMailboxConfig(e.config) }),
    status: t.field({
      type: MailboxStatus,
      nullable: true,
      resolve: (e, _a, ctx) =>
        ctx.app.db.prisma.mailboxSync.findUnique({ where: { entryPointId: e.id }, select: { lastSyncAt: true, lastError: true, lastErrorAt: true } }),
    }),
  }),
});

const ProbeResult = builder.objectRef<{ ok: boolean; step: string | null; message: string }>("MailProbeResult").implement({
  fields: (t) => ({ ok: t.exposeBoolean("ok"), step: t.exposeString("step", { nullable: true }), message: t.exposeString("message") }),
});
const MailboxTest = builder
  .objectRef<{ imap: { ok: boolean; step: string | null; message: string }; smtp: { ok: boolean; step: string | null; message: string } | null }>("MailboxTest")
  .implement({
    fields: (t) => ({
      imap: t.field({ type: ProbeResult, resolve: (r) => r.imap }),
      smtp: t.field({ type: ProbeResult, nullable: true, resolve: (r) => r.smtp }),
    }),
  });

const MailboxInput = builder.inputType("MailboxInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    queueId: t.id({ required: true }),
    active: t.boolean({ required: true }),
    config: t.field({ type: "JSON", required: true }),
    imapPassword: t.string({ required: false, description: "Empty or left out: keep the stored one." }),
    smtpPassword: t.string({ required: false }),
  }),
});
const EmailReplyInput = builder.inputType("EmailReplyInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    body: t.string({ required: true }),
    to: t.stringList({ required: false }),
    cc: t.stringList({ required: false }),
    bcc: t.stringList({ required: false }),
    forward: t.boolean({ required: false }),
    forwardMessageId: t.id({ required: false, description: "The mail to forward; the customer's last one when left out." }),
    signature: t.boolean({ required: false, description: "Add the agent's and the queue's signature (default true)." }),
    attachmentIds: t.idList({ required: false }),
  }),
});

const ReplyTemplate = builder.objectRef<{ id: string; title: string; body: string }>("ReplyTemplate").implement({
  description: "A canned reply filled in for one case and the agent asking.",
  fields: (t) => ({ id: t.exposeID("id"), title: t.exposeString("title"), body: t.exposeString("body") }),
});

builder.queryFields((t) => ({
  replyTemplates: t.field({
    type: [ReplyTemplate],
    description: "Canned replies for a case (the organisation's and its queue's), variables filled in.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { caseId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      const kase = await visibleCase(viewerOf(ctx), String(args.caseId), ctx.app.db.prisma);
      return caseReplyTemplates(viewerOf(ctx), kase, ctx.app.db.prisma);
    },
  }),
  emailSignature: t.string({
    description: "The signature an e-mail from this case would carry (the agent's own, then the queue's), filled in.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { caseId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, args, ctx) => {
      const kase = await visibleCase(viewerOf(ctx), String(args.caseId), ctx.app.db.prisma);
      return emailSignature(viewerOf(ctx), kase, ctx.app.db.prisma);
    },
  }),
  mailboxes: t.prismaField({
    type: [Mailbox],
    authScopes: { permission: "entry_points.manage" },
    resolve: (query, _r, _a, ctx) =>
      ctx.app.db.prisma.entryPoint.findMany({ ...query, where: { organizationId: viewerOf(ctx).organizationId, kind: "MAILBOX" }, orderBy: { name: "asc" } }),
  }),
}));

const optionalId = { required: false, validate: z.uuid().nullish() } as const;

builder.mutationFields((t) => ({
  saveMailbox: t.prismaField({
    type: Mailbox,
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: MailboxInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const ep = await saveMailbox(
        viewerOf(ctx),
        id ? String(id) : null,
        {
          ...input,
          queueId: String(input.queueId),
          config: input.config as never,
          imapPassword: input.imapPassword ?? "",
          smtpPassword: input.smtpPassword ?? "",
        },
        ctx.app.deps,
        ctx.ip,
      );
      return ctx.app.db.prisma.entryPoint.findUniqueOrThrow({ ...query, where: { id: ep.id } });
    },
  }),
  testMailbox: t.field({
    type: MailboxTest,
    description:
      "Connects with these settings (passwords left empty: the stored mailbox's, only for the server they were saved for) and says which step fails.",
    authScopes: { permission: "entry_points.manage" },
    args: { id: t.arg.id(optionalId), input: t.arg({ type: MailboxInput, required: true }) },
    resolve: async (_r, { id, input }, ctx) => {
      const { config, credentials } = await prepareMailboxTest(
        viewerOf(ctx),
        id ? String(id) : null,
        { config: input.config, imapPassword: input.imapPassword ?? "", smtpPassword: input.smtpPassword ?? "" },
        ctx.app.deps,
      );
      return testMailbox(config, credentials);
    },
  }),
  replyByEmail: t.prismaField({
    type: "Message",
    description: "An e-mail to the customer (or a forward), sent through the outbox; its delivery state shows on message.email.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { input: t.arg({ type: EmailReplyInput, required: true }) },
    resolve: async (query, _r, { input }, ctx) => {
      const m = await replyByEmail(
        viewerOf(ctx),
        {
          caseId: String(input.caseId),
          body: input.body,
          to: input.to ?? [],
          cc: input.cc ?? [],
          bcc: input.bcc ?? [],
          forward: input.forward ?? false,
          forwardMessageId: input.forwardMessageId ? String(input.forwardMessageId) : undefined,
          signature: input.signature ?? true,
          attachmentIds: (input.attachmentIds ?? []).map(String),
        },
        ctx.app.deps,
      );
      return ctx.app.db.prisma.message.findUniqueOrThrow({ ...query, where: { id: m.id } });
    },
  }),
  retryEmail: t.boolean({
    description: "Puts a failed e-mail back into the outbox.",
    authScopes: { anyPermission: ["agents.work", "cases.manage"] },
    args: { messageId: t.arg.id({ required: true, validate: z.uuid() }) },
    resolve: async (_r, { messageId }, ctx) => {
      const viewer = viewerOf(ctx);
      const m = await ctx.app.db.prisma.message.findFirst({
        where: { id: String(messageId), organizationId: viewer.organizationId },
        select: { caseId: true },
      });
      if (!m) throw notFound("Message");
      await visibleCase(viewer, m.caseId, ctx.app.db.prisma);
      return retryEmail(viewer.organizationId, String(messageId), ctx.app.deps);
    },
  }),
}));
