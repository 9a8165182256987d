// An agent answers (or forwards) an e-mail case. The reply is stored at once — as the case's
// message and as an outgoing EmailMessage in the outbox — and sent by the outbox worker, so a
// mail server that is down never loses it; its delivery state shows on the message.
import { z } from "zod";
import type { Viewer } from "../access/viewer.ts";
import { bindAttachments } from "../cases/attachments.ts";
import { visibleCase } from "../cases/case-access.ts";
import { readMailboxConfig } from "../entry-points/mailbox-config.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import type { Address } from "./inbound-email.ts";
import { newMessageId, replySubject } from "./threading.ts";

const address = z.email("not a valid e-mail address").trim().max(254);
const replySchema = z.object({
  caseId: z.uuid(),
  body: z.string().trim().min(1, "required").max(100_000, "at most 100000 characters"),
  /** Empty: the sender of the last mail in the case. Set for a forward. */
  to: z.array(address).max(20).default([]),
  cc: z.array(address).max(20).default([]),
  bcc: z.array(address).max(20).default([]),
  forward: z.boolean().default(false),
  attachmentIds: z.array(z.uuid()).max(10).default([]),
});
export type ReplyByEmailInput = z.input<typeof replySchema>;

export async function replyByEmail(viewer: Viewer, raw: ReplyByEmailInput, deps: Deps) {
  const input = parseInput(replySchema, raw);
  const kase = await visibleCase(viewer, input.caseId, deps.db);
  const last = await deps.db.emailMessage.findFirst({
    where: { message: { caseId: kase.id }, direction: "INBOUND", kind: "NORMAL" },
    orderBy: { createdAt: "desc" },
  });
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
  const to: Address[] =
    input.forward || input.to.length ? input.to.map((a) => ({ address: a, name: "" })) : last ? [{ address: last.fromAddress, name: last.fromName }] : [];
  if (!to.length) throw fieldError("input.to", "required", "Whom should it go to?");

  const now = deps.now();
  const subjectBase = last?.subject || kase.subject;
  const subject = input.forward ? `Fwd: ${subjectBase}` : replySubject(subjectBase, kase.number);
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
    return m;
  });
  deps.events.publish("message.created", {
    organizationId: viewer.organizationId,
    caseId: kase.id,
    messageId: message.id,
    interactionId: message.interactionId,
    kind: "MESSAGE",
    authorType: "AGENT",
  });
  deps.events.publish("email.queued", { organizationId: viewer.organizationId, messageId: message.id });
  return message;
}
