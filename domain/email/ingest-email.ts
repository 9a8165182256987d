// A mail from a mailbox becomes part of a case, exactly once. In one transaction, under the
// mailbox's sync row lock: the mail is skipped if this mailbox position (UIDVALIDITY, UID) or its
// content fingerprint (fingerprint.ts: not the Message-ID alone, which two different mails may
// share) was taken in before; it joins the case it answers (threading.ts) or opens a new one,
// which the ACD routes like a chat; automatic replies and bounces join their case but are never
// routed; the mailbox's position advances with the case, so a crash never loses or repeats one.
import { storeReceivedFile } from "../cases/attachments.ts";
import { createCase } from "../cases/create-case.ts";
import { secretFieldNames, withoutSecretFields } from "../contacts/contact-secrets.ts";
import { isTrustedVip, matchContact, normalizeEmail } from "../contacts/match-contact.ts";
import { readMailboxConfig } from "../entry-points/mailbox-config.ts";
import type { Deps } from "../ports.ts";
import { enqueue } from "../routing/enqueue.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { answerAddresses, classifyEmail, customerAddress, mayAutoReply } from "./classify-email.ts";
import { contentFingerprint } from "./fingerprint.ts";
import { addressKey, isOwnAddress, ownAddresses } from "./own-addresses.ts";
import { readBounce } from "./bounce.ts";
import { composeEmail } from "./compose-email.ts";
import { renderTemplate } from "./render-template.ts";
import type { Address, InboundEmail } from "./inbound-email.ts";
import { sanitizeEmailHtml } from "./sanitize-email-html.ts";
import { answeredIds, caseNumberInSubject, newMessageId, replySubject } from "./threading.ts";

export type Mailbox = {
  id: string;
  organizationId: string;
  queueId: string;
  maxAttachmentBytes: number;
  /** How the mailbox answers automatically (null: it does not). */
  acknowledgement?: { fromAddress: string; fromName: string; body: string } | null;
};
export type MailboxPosition = { uidValidity: bigint; uid: bigint };
export type IngestResult = { outcome: "CREATED" | "THREADED" | "DUPLICATE"; caseId: string | null; messageId: string | null };

const MAX_BODY_CHARS = 200_000;

export async function ingestEmail(mailbox: Mailbox, at: MailboxPosition, email: InboundEmail, deps: Deps): Promise<IngestResult> {
  const events = new PendingEvents();
  const now = deps.now();
  const result = await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`insert into "MailboxSync" ("entryPointId") values (${mailbox.id}::uuid) on conflict do nothing`;
    await tx.$queryRaw`select 1 from "MailboxSync" where "entryPointId" = ${mailbox.id}::uuid for update`;
    const advance = () =>
      tx.mailboxSync.update({
        where: { entryPointId: mailbox.id },
        data: { uidValidity: at.uidValidity, lastUid: at.uid, lastSyncAt: now, lastError: "", lastErrorAt: null },
      });

    const messageId = email.messageId ?? `${at.uidValidity}.${at.uid}.${mailbox.id}@centrala.invalid`;
    const contentHash = contentFingerprint(email);
    const fromAddress = email.from ? normalizeEmail(email.from.address) : "";
    // Our own mail read back (sent from another mail program, or a copy filed in the mailbox).
    const own = isOwnAddress(fromAddress, await organizationAddresses(tx, mailbox.organizationId));
    const seen = await tx.emailMessage.findFirst({
      where: {
        OR: [
          { entryPointId: mailbox.id, uidValidity: at.uidValidity, uid: at.uid },
          // The same mail again (same Message-ID and content, or no Message-ID and the same content).
          { organizationId: mailbox.organizationId, contentHash },
          // A mail Centrala sent, come back.
          ...(own && email.messageId ? [{ organizationId: mailbox.organizationId, direction: "OUTBOUND" as const, internetMessageId: email.messageId }] : []),
          // Mail taken in before fingerprints existed: by its Message-ID, as then.
          ...(email.messageId
            ? [{ organizationId: mailbox.organizationId, direction: "INBOUND" as const, internetMessageId: email.messageId, contentHash: "" }]
            : []),
        ],
      },
      select: { id: true, message: { select: { caseId: true } } },
    });
    if (seen) {
      await advance();
      return { outcome: "DUPLICATE" as const, caseId: seen.message.caseId, messageId: seen.id };
    }

    const kind = classifyEmail(email);
    // Only a customer's own mail is routed to agents; ours and automatic mail are kept with the case.
    const routed = kind === "NORMAL" && !own;
    // A bounce is about the mail that bounced (DSN, or the headers a text bounce quotes), never its sender.
    const bounced = kind === "BOUNCE" ? (email.deliveryReport ?? readBounce([email.text])) : null;
    const existing = await findCase(
      tx,
      mailbox.organizationId,
      bounced
        ? {
            ids: [...(bounced.messageId ? [bounced.messageId] : []), ...[...bounced.references].reverse(), ...answeredIds(email)],
            caseNumber: bounced.caseNumber ?? caseNumberInSubject(email.subject),
            participants: bounced.recipients,
          }
        : // Anyone may type our address into From: our own mail joins a case only by the Message-IDs it answers.
          { ids: answeredIds(email), caseNumber: caseNumberInSubject(email.subject), participants: own || !fromAddress ? [] : [fromAddress] },
    );
    const customer = own || bounced ? null : customerAddress(email);
    const { contactId } = customer?.address
      ? await matchContact(tx, mailbox.organizationId, { name: customer.name, email: normalizeEmail(customer.address) })
      : { contactId: null };

    let caseId = existing;
    let interactionId: string | null = null;
    if (caseId) {
      interactionId = await continueCase(tx, { caseId, mailbox, routed, now }, events);
    } else {
      const kase = await createCase(tx, {
        organizationId: mailbox.organizationId,
        channel: "EMAIL",
        subject: (email.subject || email.text.split("\n")[0] || "(no subject)").slice(0, 200),
        contactId,
        queueId: mailbox.queueId,
        now,
      });
      caseId = kase.id;
      interactionId = await openInteraction(tx, { caseId, mailbox, routed, now }, events);
      events.add("case.created", { organizationId: mailbox.organizationId, caseId });
    }

    const body = (email.parseError ? `[${email.parseError}]\n\n` : "") + (email.text || "").slice(0, MAX_BODY_CHARS);
    const authorType = own ? ("AGENT" as const) : bounced ? ("SYSTEM" as const) : ("CONTACT" as const);
    const message = await tx.message.create({
      data: { organizationId: mailbox.organizationId, caseId, interactionId, authorType, body, createdAt: now },
    });
    const raw = await keepOriginal(mailbox, caseId, message.id, email.raw, deps);
    await tx.emailMessage.create({
      data: {
        id: message.id,
        organizationId: mailbox.organizationId,
        entryPointId: mailbox.id,
        direction: own ? "OUTBOUND" : "INBOUND",
        kind,
        internetMessageId: messageId,
        inReplyTo: email.inReplyTo ?? "",
        references: email.references.slice(0, 100),
        subject: email.subject.slice(0, 998),
        fromAddress,
        fromName: email.from?.name ?? "",
        to: email.to,
        cc: email.cc,
        replyTo: email.replyTo,
        html: email.html ? sanitizeEmailHtml(email.html) : null,
        rawStorageKey: raw.storageKey,
        rawSize: email.raw.length,
        contentHash,
        malformed: email.malformed,
        uidValidity: at.uidValidity,
        uid: at.uid,
        // Ours, sent by another program: already out, never the outbox's to send.
        ...(own ? { deliveryState: "SENT" as const, sentAt: email.date ?? now } : {}),
      },
    });
    const tooLarge: string[] = [];
    for (const a of email.attachments) {
      if (a.bytes.length === 0) continue;
      if (a.bytes.length > mailbox.maxAttachmentBytes) tooLarge.push(`${a.fileName} (${(a.bytes.length / 1048576).toFixed(1)} MB)`);
      else await storeReceivedFile(tx, { organizationId: mailbox.organizationId, caseId, messageId: message.id, fileName: a.fileName, bytes: a.bytes }, deps);
    }
    if (tooLarge.length) {
      // Still inside the kept original; the agent is told where to find them.
      const note = `[Over the mailbox's attachment limit, kept only in the original message: ${tooLarge.join(", ")}]`;
      await tx.message.update({ where: { id: message.id }, data: { body: `${body}\n\n${note}` } });
    }
    if (!existing && mailbox.acknowledgement && contactId && mayAutoReply(email)) {
      const acked = await acknowledge(tx, { mailbox, caseId, contactId, email, interactionId, now });
      if (acked) events.add("email.queued", { organizationId: mailbox.organizationId, messageId: acked });
    }
    await tx.case.update({ where: { id: caseId }, data: { lastActivityAt: now } });
    await advance();
    events.add("message.created", {
      organizationId: mailbox.organizationId,
      caseId,
      messageId: message.id,
      interactionId,
      kind: "MESSAGE",
      authorType,
    });
    events.add("case.updated", { organizationId: mailbox.organizationId, caseId });
    return { outcome: existing ? ("THREADED" as const) : ("CREATED" as const), caseId, messageId: message.id };
  });
  events.publishTo(deps.events);
  return result;
}

/**
 * The case this mail answers: by the Message-IDs it names, else by our subject tag — but anyone
 * can type a tag into a subject, so only if one of `participants` (the sender; for a bounce, whom
 * the bounced mail was for) is in the case already: its customer, someone who wrote in it, or
 * someone we wrote to in it.
 */
async function findCase(tx: Db, organizationId: string, by: { ids: string[]; caseNumber: number | null; participants: string[] }): Promise<string | null> {
  const ids = [...new Set(by.ids)].slice(0, 50);
  if (ids.length) {
    const answered = await tx.emailMessage.findFirst({
      where: { organizationId, internetMessageId: { in: ids } },
      orderBy: { createdAt: "desc" },
      select: { message: { select: { caseId: true } } },
    });
    if (answered) return answered.message.caseId;
  }
  if (by.caseNumber === null || !by.participants.length) return null;
  const wanted = new Set(by.participants.map(addressKey));
  const kase = await tx.case.findFirst({
    where: { organizationId, number: by.caseNumber },
    select: { id: true, contact: { select: { identities: { where: { kind: "EMAIL" }, select: { value: true } } } } },
  });
  if (!kase) return null;
  if (kase.contact?.identities.some((i) => wanted.has(addressKey(i.value)))) return kase.id;
  const mails = await tx.emailMessage.findMany({
    where: { message: { caseId: kase.id } },
    select: { direction: true, fromAddress: true, to: true, cc: true },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const known = mails.some((m) =>
    m.direction === "INBOUND"
      ? wanted.has(addressKey(m.fromAddress))
      : [...(m.to as Address[]), ...(m.cc as Address[])].some((a) => wanted.has(addressKey(a.address))),
  );
  return known ? kase.id : null;
}

/** Every address the organisation reads or sends mail as (own-addresses.ts). */
async function organizationAddresses(tx: Db, organizationId: string): Promise<Set<string>> {
  const mailboxes = await tx.entryPoint.findMany({ where: { organizationId, kind: "MAILBOX" }, select: { config: true } });
  return ownAddresses(mailboxes.map((m) => readMailboxConfig(m.config)).filter((c): c is NonNullable<typeof c> => !!c));
}

/** A mail into an existing case: onto its live e-mail interaction, or a new one routed again (the customer wrote back). */
async function continueCase(tx: Db, input: { caseId: string; mailbox: Mailbox; routed: boolean; now: Date }, events: PendingEvents) {
  const live = await tx.interaction.findFirst({
    where: { caseId: input.caseId, channel: "EMAIL", state: { in: ["QUEUED", "ACTIVE"] } },
    orderBy: { arrivedAt: "desc" },
    select: { id: true },
  });
  if (live) return live.id;
  if (!input.routed) {
    const last = await tx.interaction.findFirst({ where: { caseId: input.caseId }, orderBy: { arrivedAt: "desc" }, select: { id: true } });
    return last?.id ?? null;
  }
  await reopen(tx, input.caseId);
  return openInteraction(tx, input, events);
}

async function openInteraction(tx: Db, input: { caseId: string; mailbox: Mailbox; routed: boolean; now: Date }, events: PendingEvents) {
  const routed = input.routed;
  const interaction = await tx.interaction.create({
    data: {
      organizationId: input.mailbox.organizationId,
      caseId: input.caseId,
      channel: "EMAIL",
      entryPointId: input.mailbox.id,
      queueId: input.mailbox.queueId,
      arrivedAt: input.now,
      // Automatic replies, bounces and our own mail are kept, never routed to an agent.
      ...(routed ? {} : { state: "ENDED" as const, endedAt: input.now, endedBy: "SYSTEM" }),
    },
  });
  await tx.interactionEvent.create({
    data: {
      organizationId: input.mailbox.organizationId,
      interactionId: interaction.id,
      type: "arrived",
      at: input.now,
      data: { entryPoint: input.mailbox.id },
    },
  });
  if (routed) {
    const kase = await tx.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { contactVerified: true, contact: { select: { vip: true } } } });
    await enqueue(
      tx,
      {
        organizationId: input.mailbox.organizationId,
        queueId: input.mailbox.queueId,
        interactionId: interaction.id,
        channel: "EMAIL",
        vip: isTrustedVip(kase),
        now: input.now,
      },
      events,
    );
  }
  return interaction.id;
}

/** A customer writing back reopens a resolved, closed or pending case. */
async function reopen(tx: Db, caseId: string) {
  const kase = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { processId: true, status: { select: { category: true } } } });
  if (kase.status.category === "NEW" || kase.status.category === "OPEN") return;
  const open = await tx.caseStatus.findFirst({ where: { processId: kase.processId, category: "OPEN" }, orderBy: { sortOrder: "asc" }, select: { id: true } });
  if (open) await tx.case.update({ where: { id: caseId }, data: { statusId: open.id, closedAt: null } });
}

async function keepOriginal(mailbox: Mailbox, caseId: string, messageId: string, raw: Uint8Array, deps: Pick<Deps, "files">) {
  const storageKey = `${mailbox.organizationId}/${caseId}/${messageId}.eml`;
  await deps.files.save(storageKey, raw);
  return { storageKey };
}

/** At most this many automatic answers to one contact an hour, whatever their mail looks like. */
const ACKS_PER_CONTACT_PER_HOUR = 3;

/** The automatic acknowledgement of a new case, into the outbox (threaded under the customer's mail). */
async function acknowledge(
  tx: Db,
  input: { mailbox: Mailbox; caseId: string; contactId: string; email: InboundEmail; interactionId: string | null; now: Date },
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
