// An agent answers (or forwards) an e-mail case. The reply is stored at once — as the case's
// message (the agent's words) and as an outgoing EmailMessage in the outbox (the mail as sent:
// words, signature, the customer's mail quoted or forwarded with its attachments) — and sent by
// the outbox worker, so a mail server that is down never loses it; its delivery state shows on
// the message.
import { z } from "zod";
import type { Viewer } from "../access/viewer.ts";
import { bindAttachments } from "../cases/attachments.ts";
import { writableCase } from "../cases/case-access.ts";
import { readMailboxConfig } from "../entry-points/mailbox-config.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { parseInput } from "../shared/parse.ts";
import type { Address } from "./inbound-email.ts";
import { emailSignature } from "./case-templates.ts";
import { composeEmail } from "./compose-email.ts";
import { newMessageId, replySubject } from "./threading.ts";
import { advanceCaseSla } from "../cases/case-sla.ts";

const address = z.email("not a valid e-mail address").trim().max(254);
const replySchema = z.object({
  caseId: z.uuid(),
  body: z.string().trim().min(1, "required").max(100_000, "at most 100000 characters"),
  /** Empty: the sender of the last mail in the case. Set for a forward. */
  to: z.array(address).max(20).default([]),
  cc: z.array(address).max(20).default([]),
  bcc: z.array(address).max(20).default([]),
  forward: z.boolean().default(false),
  /** The mail to forward; the customer's last one when left out. */
  forwardMessageId: z.uuid().optional(),
  /** Add the agent's and the queue's signature. */
  signature: z.boolean().default(true),
  attachmentIds: z.array(z.uuid()).max(10).default([]),
});
export type ReplyByEmailInput = z.input<typeof replySchema>;

export async function replyByEmail(viewer: Viewer, raw: ReplyByEmailInput, deps: Deps) {
  const input = parseInput(replySchema, raw);
  const kase = await writableCase(viewer, input.caseId, deps.db);
  const withMessage = { message: { select: { body: true, createdAt: true, attachments: true } } } as const;
  const last = await deps.db.emailMessage.findFirst({
    where: { message: { caseId: kase.id }, direction: "INBOUND", kind: "NORMAL" },
    orderBy: { createdAt: "desc" },
    include: withMessage,
  });
  const original =
    input.forward && input.forwardMessageId
      ? await deps.db.emailMessage.findFirst({ where: { id: input.forwardMessageId, message: { caseId: kase.id } }, include: withMessage })
      : last;
  if (input.forward && input.forwardMessageId && !original) throw fieldError("input.forwardMessageId", "not found", "That mail is not in this case");
  const mailbox = await deps.db.entryPoint.findFirst({
    where: {
      organizationId: viewer.organizationId,
      kind: "MAILBOX",
      id: last?.entryPointId ?? undefined,
      ...(last ? {} : { queueId: kase.queueId ?? undefined }),
    },
  });
  const config = mailbox ? readMailboxConfig(mailbox.config) : null;
  if (!mailbox || !config) throw new DomainError("CONFLICT", "This case has no mailbox to answer from", { reason: "NO_MAILBOX" });
  // A reply goes where the mail asked answers to go (Reply-To), else to its sender.
  const lastReplyTo = (last?.replyTo ?? []) as Address[];
  const to: Address[] =
    input.forward || input.to.length
      ? input.to.map((a) => ({ address: a, name: "" }))
      : last
        ? lastReplyTo.length
          ? lastReplyTo
          : [{ address: last.fromAddress, name: last.fromName }]
        : [];
  if (!to.length) throw fieldError("input.to", "required", "Whom should it go to?");

  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: viewer.organizationId }, select: { locale: true, timezone: true } });
  const contact = kase.contactId ? await deps.db.contact.findUnique({ where: { id: kase.contactId }, select: { language: true } }) : null;
  const composed = composeEmail({
    body: input.body,
    signature: input.signature ? await emailSignature(viewer, kase, deps.db) : "",
    original: original
      ? {
          fromName: original.fromName,
          fromAddress: original.fromAddress,
          date: original.message.createdAt,
          subject: original.subject,
          to: (original.to as Address[]).map((a) => a.address),
          text: original.message.body,
        }
      : null,
    forward: input.forward,
    locale: contact?.language ?? org.locale,
    timeZone: org.timezone,
  });

  const now = deps.now();
  const subjectBase = (input.forward ? original?.subject : last?.subject) || kase.subject;
  const subject = input.forward ? `Fwd: ${subjectBase}` : replySubject(subjectBase, kase.number);
  const events = new PendingEvents();
  const message = await deps.db.$transaction(async (tx) => {
    const interaction = await tx.interaction.findFirst({
      where: { caseId: kase.id, channel: "EMAIL", state: { in: ["ACTIVE", "QUEUED"] } },
      orderBy: { arrivedAt: "desc" },
      select: { id: true },
    });
    const m = await tx.message.create({
      data: {
        organizationId: viewer.organizationId,
        caseId: kase.id,
        interactionId: interaction?.id ?? null,
        authorType: "AGENT",
        authorUserId: viewer.userId,
        body: input.body,
        createdAt: now,
      },
    });
    await bindAttachments(tx, { caseId: kase.id, messageId: m.id, ids: input.attachmentIds });
    if (input.forward && original?.message.attachments.length) {
      // The forwarded mail's files go along: new rows over the same stored bytes.
      await tx.attachment.createMany({
        data: original.message.attachments.map(({ id: _id, createdAt: _at, messageId: _m, ...a }) => ({
          ...a,
          caseId: kase.id,
          messageId: m.id,
          createdAt: now,
        })),
      });
    }
    await tx.emailMessage.create({
      data: {
        id: m.id,
        organizationId: viewer.organizationId,
        entryPointId: mailbox.id,
        direction: "OUTBOUND",
        internetMessageId: newMessageId(config.fromAddress),
        inReplyTo: input.forward ? "" : (last?.internetMessageId ?? ""),
        references: input.forward || !last ? [] : [...last.references, last.internetMessageId].slice(-20),
        subject,
        text: composed.text,
        html: composed.html,
        fromAddress: config.fromAddress,
        fromName: config.fromName,
        to,
        cc: input.cc.map((a) => ({ address: a, name: "" })),
        bcc: input.bcc.map((a) => ({ address: a, name: "" })),
        deliveryState: "QUEUED",
        nextAttemptAt: now,
      },
    });
    await tx.case.update({ where: { id: kase.id }, data: { lastActivityAt: now } });
    // A reply answers the customer (a forward goes to someone else): it stops the first-response clock.
    if (!input.forward) await advanceCaseSla(tx, kase.id, { type: "first_response" }, now);
    await events.addDurable(tx, "email.queued", { organizationId: viewer.organizationId, messageId: m.id });
    events.add("message.created", {
      organizationId: viewer.organizationId,
      caseId: kase.id,
      messageId: m.id,
      interactionId: m.interactionId,
      kind: "MESSAGE",
      authorType: "AGENT",
    });
    return m;
  });
  events.publishTo(deps.events);
  return message;
}
