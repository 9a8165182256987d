// The automatic acknowledgement of a new e-mail case: rendered from the mailbox's template, into
// the outbox (threaded under the customer's mail, to its answer address), never more than a few an
// hour to one contact whatever their mail looks like.
import { secretFieldNames, withoutSecretFields } from "../contacts/contact-secrets.ts";
import type { Db } from "../shared/tx.ts";
import { answerAddresses } from "./classify-email.ts";
import { composeEmail } from "./compose-email.ts";
import type { InboundEmail } from "./inbound-email.ts";
import { renderTemplate } from "./render-template.ts";
import { newMessageId, replySubject } from "./threading.ts";

type AckMailbox = { id: string; organizationId: string; queueId: string; acknowledgement?: { fromAddress: string; fromName: string; body: string } | null };

/** At most this many automatic answers to one contact an hour, whatever their mail looks like. */
const ACKS_PER_CONTACT_PER_HOUR = 3;

/** The automatic acknowledgement of a new case, into the outbox (threaded under the customer's mail). */
export async function acknowledge(
  tx: Db,
  input: { mailbox: AckMailbox; caseId: string; contactId: string; email: InboundEmail; interactionId: string | null; now: Date },
): Promise<string | null> {
  const ack = input.mailbox.acknowledgement!;
  const recent = await tx.emailMessage.count({
    where: {
      direction: "OUTBOUND",
      message: { authorType: "SYSTEM", case: { contactId: input.contactId } },
      createdAt: { gt: new Date(input.now.getTime() - 3600_000) },
    },
  });
  if (recent >= ACKS_PER_CONTACT_PER_HOUR) return null;
  const [kase, contact, queue] = await Promise.all([
    tx.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { number: true, subject: true } }),
    tx.contact.findUniqueOrThrow({
      where: { id: input.contactId },
      select: { firstName: true, lastName: true, fields: true, organization: { select: { secretContactFields: true } } },
    }),
    tx.queue.findUnique({ where: { id: input.mailbox.queueId }, select: { name: true, emailSignature: true } }),
  ]);
  const values = {
    firstName: contact.firstName,
    lastName: contact.lastName,
    caseNumber: kase.number,
    subject: kase.subject,
    queueName: queue?.name,
    contactFields: withoutSecretFields(contact.fields, secretFieldNames(contact.organization.secretContactFields)),
  };
  const body = renderTemplate(ack.body, values);
  const { text, html } = composeEmail({
    body,
    signature: renderTemplate(queue?.emailSignature ?? "", values),
    original: null,
    forward: false,
    locale: "en",
    timeZone: "UTC",
  });
  const m = await tx.message.create({
    data: {
      organizationId: input.mailbox.organizationId,
      caseId: input.caseId,
      interactionId: input.interactionId,
      authorType: "SYSTEM",
      body,
      createdAt: input.now,
    },
  });
  const answered = input.email.messageId;
  await tx.emailMessage.create({
    data: {
      id: m.id,
      organizationId: input.mailbox.organizationId,
      entryPointId: input.mailbox.id,
      direction: "OUTBOUND",
      kind: "AUTO_REPLY",
      internetMessageId: newMessageId(ack.fromAddress),
      inReplyTo: answered ?? "",
      references: answered ? [...input.email.references.slice(-19), answered] : [],
      subject: replySubject(input.email.subject || kase.subject, kase.number),
      text,
      html,
      fromAddress: ack.fromAddress,
      fromName: ack.fromName,
      to: answerAddresses(input.email),
      deliveryState: "QUEUED",
      nextAttemptAt: input.now,
    },
  });
  return m.id;
}
