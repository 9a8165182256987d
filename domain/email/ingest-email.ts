// Mail from a mailbox becomes part of cases, exactly once, a batch at a time (the reader's fetch
// of up to 200). One transaction per batch, under the mailbox's sync row lock: a mail is skipped if
// this mailbox position (UIDVALIDITY, UID) or its content fingerprint (fingerprint.ts: not the
// Message-ID alone, which two different mails may share) was taken in before; it joins the case it
// answers (threading.ts) or opens a new one, which the ACD routes like a chat; automatic replies,
// bounces and our own mail join their case but are never routed; the mailbox's position advances
// with the batch, so a crash never loses or repeats one.
//
// What the batch needs to know (repeats, answered Message-IDs, contacts, the queue) is read in a
// few queries for the whole batch, and the common mail — a customer's new case — is written in
// bulk (one INSERT per table for all of them); every other mail (a reply, a bounce, ours, one with
// a case tag) goes the one-by-one way, after what is pending is written, so order is kept.
import { randomBytes } from "node:crypto";
import { storeReceivedFile } from "../cases/attachments.ts";
import { syncCaseStatusSpans } from "../cases/status-spans.ts";
import { casePlacement, newCaseSla } from "../cases/create-case.ts";
import { isTrustedVip, matchContact, normalizeEmail } from "../contacts/match-contact.ts";
import { readMailboxConfig } from "../entry-points/mailbox-config.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { acknowledge } from "./acknowledge.ts";
import { readBounce } from "./bounce.ts";
import { classifyEmail, customerAddress, mayAutoReply } from "./classify-email.ts";
import { contentFingerprint } from "./fingerprint.ts";
import type { Address, InboundEmail } from "./inbound-email.ts";
import { addressKey, isOwnAddress, ownAddresses } from "./own-addresses.ts";
import { sanitizeEmailHtml } from "./sanitize-email-html.ts";
import { answeredIds, caseNumberInSubject } from "./threading.ts";
import { recordEvents } from "../interactions/record-event.ts";
import { type InboundWay, continueCaseWith, openInboundInteraction } from "../interactions/inbound-message.ts";

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
export type MailAt = { at: MailboxPosition; email: InboundEmail };

const MAX_BODY_CHARS = 200_000;

/** One mail (tests, tools): a batch of one. */
export async function ingestEmail(mailbox: Mailbox, at: MailboxPosition, email: InboundEmail, deps: Deps): Promise<IngestResult> {
  return (await ingestEmails(mailbox, [{ at, email }], deps))[0]!;
}

/** A batch of mails, in mailbox order, in one transaction; the position advances to the last. */
export async function ingestEmails(mailbox: Mailbox, mails: MailAt[], deps: Deps): Promise<IngestResult[]> {
  if (!mails.length) return [];
  const events = new PendingEvents();
  const now = deps.now();
  const results = await deps.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`insert into "MailboxSync" ("entryPointId") values (${mailbox.id}::uuid) on conflict do nothing`;
      await tx.$queryRaw`select 1 from "MailboxSync" where "entryPointId" = ${mailbox.id}::uuid for update`;
      const batch = await Batch.open(tx, mailbox, mails, now);
      const results: IngestResult[] = [];
      for (const mail of batch.mails) results.push(await takeIn(tx, batch, mail, deps, events));
      await batch.flush(tx, deps, events);
      const last = mails[mails.length - 1]!.at;
      await tx.mailboxSync.update({
        where: { entryPointId: mailbox.id },
        data: { uidValidity: last.uidValidity, lastUid: last.uid, lastSyncAt: now, lastError: "", lastErrorAt: null, failingSince: null },
      });
      return results;
    },
    { timeout: 120_000 },
  );
  events.publishTo(deps.events);
  return results;
}

/** A mail with what the rules make of it. */
type Prepared = MailAt & {
  internetMessageId: string;
  contentHash: string;
  fromAddress: string;
  own: boolean;
  kind: ReturnType<typeof classifyEmail>;
  routed: boolean;
  bounced: ReturnType<typeof readBounce> | null;
  lookup: { ids: string[]; caseNumber: number | null; participants: string[] };
  customer: Address | null;
  body: string;
  files: { fileName: string; bytes: Uint8Array; contentId?: string }[];
};

type NewCase = { mail: Prepared; caseId: string; interactionId: string; itemId: string; messageId: string; contactId: string | null; vip: boolean };

/** What a batch read up front, and the new cases waiting to be written in bulk. */
class Batch {
  private pending: NewCase[] = [];

  private constructor(
    readonly mailbox: Mailbox,
    readonly now: Date,
    readonly mails: Prepared[],
    private readonly seen: {
      position: Map<string, { messageId: string; caseId: string }>;
      legacy: Map<string, { messageId: string; caseId: string }>;
      sent: Map<string, { messageId: string; caseId: string }>;
    },
    /** Message-IDs that some case already has (this batch's included): a mail answering one is a reply. */
    private readonly known: Set<string>,
    private readonly contacts: Map<string, { contactId: string; vip: boolean }>,
    /** Where new cases go, when the queue takes them as they come (active, no length limit). */
    private readonly bulk: { processId: string; statusId: string; queuePriority: number; sla: Awaited<ReturnType<typeof newCaseSla>> } | null,
    /** Fingerprints taken in (before, or in this batch): the message and case they went to. */
    private readonly taken: Map<string, { messageId: string; caseId: string }>,
  ) {}

  static async open(tx: Db, mailbox: Mailbox, mails: MailAt[], now: Date): Promise<Batch> {
    const organizationId = mailbox.organizationId;
    const own = await organizationAddresses(tx, organizationId);
    const prepared = mails.map((m) => prepare(mailbox, m, own));
    const messageIds = [...new Set(prepared.flatMap((m) => (m.email.messageId ? [m.email.messageId] : [])))];
    const rows = await tx.emailMessage.findMany({
      where: {
        OR: [
          { entryPointId: mailbox.id, uidValidity: { in: [...new Set(mails.map((m) => m.at.uidValidity))] }, uid: { in: mails.map((m) => m.at.uid) } },
          // The same mail again (same Message-ID and content, or no Message-ID and the same content).
          { organizationId, contentHash: { in: prepared.map((m) => m.contentHash) } },
          // Mail taken in before fingerprints existed: by its Message-ID, as then; and mail Centrala sent, come back.
          ...(messageIds.length
            ? [{ organizationId, internetMessageId: { in: messageIds }, OR: [{ contentHash: "" }, { direction: "OUTBOUND" as const }] }]
            : []),
        ],
      },
      select: {
        id: true,
        entryPointId: true,
        uidValidity: true,
        uid: true,
        contentHash: true,
        direction: true,
        internetMessageId: true,
        message: { select: { caseId: true } },
      },
    });
    const position = new Map<string, { messageId: string; caseId: string }>();
    const legacy = new Map<string, { messageId: string; caseId: string }>();
    const sent = new Map<string, { messageId: string; caseId: string }>();
    const taken = new Map<string, { messageId: string; caseId: string }>();
    for (const r of rows) {
      const hit = { messageId: r.id, caseId: r.message.caseId };
      if (r.entryPointId === mailbox.id && r.uidValidity !== null && r.uid !== null) position.set(`${r.uidValidity}:${r.uid}`, hit);
      if (r.contentHash) taken.set(r.contentHash, hit);
      else if (r.direction === "INBOUND") legacy.set(r.internetMessageId, hit);
      if (r.direction === "OUTBOUND") sent.set(r.internetMessageId, hit);
    }
    const lookupIds = [...new Set(prepared.flatMap((m) => m.lookup.ids))];
    const known = new Set<string>();
    for (let i = 0; i < lookupIds.length; i += 1000) {
      const found = await tx.emailMessage.findMany({
        where: { organizationId, internetMessageId: { in: lookupIds.slice(i, i + 1000) } },
        select: { internetMessageId: true },
      });
      for (const f of found) known.add(f.internetMessageId);
    }
    const customers = [...new Set(prepared.flatMap((m) => (m.customer ? [normalizeEmail(m.customer.address)] : [])))];
    const identities = customers.length
      ? await tx.contactIdentity.findMany({
          where: { organizationId, kind: "EMAIL", value: { in: customers } },
          orderBy: { id: "asc" },
          select: { value: true, contactId: true, contact: { select: { vip: true } } },
        })
      : [];
    const contacts = new Map<string, { contactId: string; vip: boolean }>();
    for (const i of identities) if (!contacts.has(i.value)) contacts.set(i.value, { contactId: i.contactId, vip: i.contact.vip });
    const queue = await tx.queue.findFirst({ where: { id: mailbox.queueId, organizationId }, select: { active: true, maxQueueLength: true, priority: true } });
    const bulk =
      queue?.active && queue.maxQueueLength === null
        ? {
            ...(await casePlacement(tx, organizationId, mailbox.queueId)),
            queuePriority: queue.priority,
            sla: await newCaseSla(tx, organizationId, mailbox.queueId, "EMAIL", now),
          }
        : null;
    return new Batch(mailbox, now, prepared, { position, legacy, sent }, known, contacts, bulk, taken);
  }

  /** The message this mail repeats, if it does. */
  repeatOf(m: Prepared) {
    return (
      this.seen.position.get(`${m.at.uidValidity}:${m.at.uid}`) ??
      this.taken.get(m.contentHash) ??
      (m.email.messageId ? this.seen.legacy.get(m.email.messageId) : undefined) ??
      (m.own && m.email.messageId ? this.seen.sent.get(m.email.messageId) : undefined) ??
      null
    );
  }

  /** Remembers a mail taken in, for the rest of the batch. */
  took(m: Prepared, messageId: string, caseId: string) {
    this.taken.set(m.contentHash, { messageId, caseId });
    this.known.add(m.internetMessageId);
  }

  /** A customer's mail that opens a new case and can wait to be written with the others. */
  canWait(m: Prepared): boolean {
    return !!this.bulk && m.routed && !m.bounced && !!m.customer && m.lookup.caseNumber === null && !m.lookup.ids.some((id) => this.known.has(id));
  }

  async wait(tx: Db, m: Prepared): Promise<IngestResult> {
    const address = normalizeEmail(m.customer!.address);
    let contact = this.contacts.get(address);
    if (!contact) {
      const { contactId } = await matchContact(tx, this.mailbox.organizationId, { name: m.customer!.name, email: address });
      contact = { contactId: contactId!, vip: false };
      this.contacts.set(address, contact);
    }
    const c: NewCase = {
      mail: m,
      caseId: uuid7(),
      interactionId: uuid7(),
      itemId: uuid7(),
      messageId: uuid7(),
      contactId: contact.contactId,
      vip: contact.vip,
    };
    this.pending.push(c);
    this.took(m, c.messageId, c.caseId);
    return { outcome: "CREATED", caseId: c.caseId, messageId: c.messageId };
  }

  /** Writes the waiting new cases: one INSERT per table for all of them. */
  async flush(tx: Db, deps: Deps, events: PendingEvents) {
    if (!this.pending.length) return;
    const pending = this.pending;
    this.pending = [];
    const { mailbox, now } = this;
    const { organizationId, queueId } = mailbox;
    const bulk = this.bulk!;
    const org = await tx.organization.update({
      where: { id: organizationId },
      data: { caseCounter: { increment: pending.length } },
      select: { caseCounter: true },
    });
    const first = org.caseCounter - pending.length + 1;
    await tx.case.createMany({
      data: pending.map((c, i) => ({
        id: c.caseId,
        organizationId,
        number: first + i,
        subject: caseSubject(c.mail.email),
        processId: bulk.processId,
        statusId: bulk.statusId,
        channel: "EMAIL" as const,
        contactId: c.contactId,
        queueId,
        createdAt: now,
        lastActivityAt: now,
        ...bulk.sla,
      })),
    });
    await tx.interaction.createMany({
      data: pending.map((c) => ({
        id: c.interactionId,
        organizationId,
        caseId: c.caseId,
        channel: "EMAIL" as const,
        entryPointId: mailbox.id,
        queueId,
        state: "QUEUED" as const,
        arrivedAt: now,
      })),
    });
    await syncCaseStatusSpans(
      tx,
      pending.map((c) => c.caseId),
    );
    await recordEvents(
      tx,
      pending.flatMap((c) => [
        { organizationId, interactionId: c.interactionId, type: "arrived" as const, at: now, data: { entryPoint: mailbox.id } },
        { organizationId, interactionId: c.interactionId, type: "queued" as const, queueId, at: now },
      ]),
    );
    await tx.queueItem.createMany({
      data: pending.map((c) => ({
        id: c.itemId,
        organizationId,
        queueId,
        interactionId: c.interactionId,
        channel: "EMAIL" as const,
        vip: isTrustedVip({ contactVerified: true, contact: { vip: c.vip } }),
        priority: bulk.queuePriority,
        enqueuedAt: now,
      })),
    });
    const originals = await Promise.all(pending.map((c) => keepOriginal(mailbox, c.caseId, c.messageId, c.mail.email.raw, deps)));
    await tx.message.createMany({
      data: pending.map((c) => ({
        id: c.messageId,
        organizationId,
        caseId: c.caseId,
        interactionId: c.interactionId,
        authorType: "CONTACT" as const,
        body: c.mail.body,
        createdAt: now,
      })),
    });
    await tx.emailMessage.createMany({ data: pending.map((c, i) => emailRow(mailbox, c.mail, c.messageId, originals[i]!.storageKey, now)) });
    for (const c of pending) {
      for (const f of c.mail.files) await storeReceivedFile(tx, { organizationId, caseId: c.caseId, messageId: c.messageId, ...f }, deps);
      if (mailbox.acknowledgement && c.contactId && mayAutoReply(c.mail.email)) {
        const acked = await acknowledge(tx, { mailbox, caseId: c.caseId, contactId: c.contactId, email: c.mail.email, interactionId: c.interactionId, now });
        if (acked) await events.addDurable(tx, "email.queued", { organizationId, messageId: acked });
      }
      events.add("case.created", { organizationId, caseId: c.caseId });
      events.add("routing.item_queued", { organizationId, queueId, itemId: c.itemId, interactionId: c.interactionId });
      events.add("message.created", {
        organizationId,
        caseId: c.caseId,
        messageId: c.messageId,
        interactionId: c.interactionId,
        kind: "MESSAGE",
        authorType: "CONTACT",
      });
      events.add("case.updated", { organizationId, caseId: c.caseId });
    }
    events.add("routing.wake", { organizationId, queueIds: [queueId] });
  }
}

function prepare(mailbox: Mailbox, { at, email }: MailAt, own: Set<string>): Prepared {
  const fromAddress = email.from ? normalizeEmail(email.from.address) : "";
  // Our own mail read back (sent from another mail program, or a copy filed in the mailbox).
  const isOwn = isOwnAddress(fromAddress, own);
  const kind = classifyEmail(email);
  // A bounce is about the mail that bounced (DSN, or the headers a text bounce quotes), never its sender.
  const bounced = kind === "BOUNCE" ? (email.deliveryReport ?? readBounce([email.text])) : null;
  const lookup = bounced
    ? {
        ids: [...new Set([...(bounced.messageId ? [bounced.messageId] : []), ...[...bounced.references].reverse(), ...answeredIds(email)])].slice(0, 50),
        caseNumber: bounced.caseNumber ?? caseNumberInSubject(email.subject),
        participants: bounced.recipients,
      }
    : // Anyone may type our address into From: our own mail joins a case only by the Message-IDs it answers.
      { ids: answeredIds(email), caseNumber: caseNumberInSubject(email.subject), participants: isOwn || !fromAddress ? [] : [fromAddress] };
  const files: Prepared["files"] = [];
  const tooLarge: string[] = [];
  for (const a of email.attachments) {
    if (a.bytes.length === 0) continue;
    if (a.bytes.length > mailbox.maxAttachmentBytes) tooLarge.push(`${a.fileName} (${(a.bytes.length / 1048576).toFixed(1)} MB)`);
    else files.push({ fileName: a.fileName, bytes: a.bytes });
  }
  // Shown in the HTML where it cites them (served by the attachments route, to whoever may see the case).
  for (const i of email.inlineImages)
    if (i.bytes.length > 0 && i.bytes.length <= mailbox.maxAttachmentBytes) files.push({ fileName: i.fileName, bytes: i.bytes, contentId: i.contentId });
  let body = (email.parseError ? `[${email.parseError}]\n\n` : "") + (email.text || "").slice(0, MAX_BODY_CHARS);
  // Still inside the kept original; the agent is told where to find them.
  if (tooLarge.length) body += `\n\n[Over the mailbox's attachment limit, kept only in the original message: ${tooLarge.join(", ")}]`;
  return {
    at,
    email,
    internetMessageId: email.messageId ?? `${at.uidValidity}.${at.uid}.${mailbox.id}@centrala.invalid`,
    contentHash: contentFingerprint(email),
    fromAddress,
    own: isOwn,
    kind,
    // Only a customer's own mail is routed to agents; ours and automatic mail are kept with the case.
    routed: kind === "NORMAL" && !isOwn,
    bounced,
    lookup,
    customer: isOwn || bounced ? null : customerAddress(email),
    body,
    files,
  };
}

const caseSubject = (email: InboundEmail) => (email.subject || email.text.split("\n")[0] || "(no subject)").slice(0, 200);

function emailRow(mailbox: Mailbox, m: Prepared, messageId: string, rawStorageKey: string, now: Date) {
  const { email } = m;
  return {
    id: messageId,
    organizationId: mailbox.organizationId,
    entryPointId: mailbox.id,
    direction: m.own ? ("OUTBOUND" as const) : ("INBOUND" as const),
    kind: m.kind,
    internetMessageId: m.internetMessageId,
    inReplyTo: email.inReplyTo ?? "",
    references: email.references.slice(0, 100),
    subject: email.subject.slice(0, 998),
    fromAddress: m.fromAddress,
    fromName: email.from?.name ?? "",
    to: email.to,
    cc: email.cc,
    replyTo: email.replyTo,
    html: email.html ? sanitizeEmailHtml(email.html) : null,
    rawStorageKey,
    rawSize: email.raw.length,
    contentHash: m.contentHash,
    malformed: email.malformed,
    uidValidity: m.at.uidValidity,
    uid: m.at.uid,
    // Ours, sent by another program: already out, never the outbox's to send.
    ...(m.own ? { deliveryState: "SENT" as const, sentAt: email.date ?? now } : {}),
  };
}

/** One mail, one by one: a repeat, or into the case it answers, or a new case written now. */
async function takeIn(tx: Db, batch: Batch, m: Prepared, deps: Deps, events: PendingEvents): Promise<IngestResult> {
  const repeat = batch.repeatOf(m);
  if (repeat) return { outcome: "DUPLICATE", caseId: repeat.caseId, messageId: repeat.messageId };
  if (batch.canWait(m)) return batch.wait(tx, m);
  // Everything before it is written first: it may answer one of them.
  await batch.flush(tx, deps, events);
  const { mailbox, now } = batch;
  const existing = await findCase(tx, mailbox.organizationId, m.lookup);
  const { contactId } = m.customer?.address
    ? await matchContact(tx, mailbox.organizationId, { name: m.customer.name, email: normalizeEmail(m.customer.address) })
    : { contactId: null };

  let caseId = existing;
  let interactionId: string | null = null;
  if (caseId) {
    interactionId = await continueCaseWith(tx, caseId, mailWay(mailbox, m.routed, now), events);
  } else {
    const opened = await openInboundInteraction(
      tx,
      { new: { subject: caseSubject(m.email), contactId, queueId: mailbox.queueId } },
      mailWay(mailbox, m.routed, now),
      events,
    );
    caseId = opened.caseId;
    interactionId = opened.interactionId;
  }

  const authorType = m.own ? ("AGENT" as const) : m.bounced ? ("SYSTEM" as const) : ("CONTACT" as const);
  const message = await tx.message.create({
    data: { organizationId: mailbox.organizationId, caseId, interactionId, authorType, body: m.body, createdAt: now },
  });
  const raw = await keepOriginal(mailbox, caseId, message.id, m.email.raw, deps);
  await tx.emailMessage.create({ data: emailRow(mailbox, m, message.id, raw.storageKey, now) });
  for (const f of m.files) await storeReceivedFile(tx, { organizationId: mailbox.organizationId, caseId, messageId: message.id, ...f }, deps);
  if (!existing && mailbox.acknowledgement && contactId && mayAutoReply(m.email)) {
    const acked = await acknowledge(tx, { mailbox, caseId, contactId, email: m.email, interactionId, now });
    if (acked) await events.addDurable(tx, "email.queued", { organizationId: mailbox.organizationId, messageId: acked });
  }
  await tx.case.update({ where: { id: caseId }, data: { lastActivityAt: now } });
  batch.took(m, message.id, caseId);
  events.add("message.created", { organizationId: mailbox.organizationId, caseId, messageId: message.id, interactionId, kind: "MESSAGE", authorType });
  events.add("case.updated", { organizationId: mailbox.organizationId, caseId });
  return { outcome: existing ? "THREADED" : "CREATED", caseId, messageId: message.id };
}

/** A time-ordered id (UUID version 7), as the database's own defaults make them. */
function uuid7(): string {
  const b = randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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

/** Automatic replies, bounces and our own mail are kept, never routed to an agent. */
const mailWay = (mailbox: Mailbox, routed: boolean, now: Date): InboundWay => ({
  organizationId: mailbox.organizationId,
  channel: "EMAIL",
  entryPointId: mailbox.id,
  queueId: mailbox.queueId,
  routed,
  now,
});

async function keepOriginal(mailbox: Mailbox, caseId: string, messageId: string, raw: Uint8Array, deps: Pick<Deps, "files">) {
  const storageKey = `${mailbox.organizationId}/${caseId}/${messageId}.eml`;
  await deps.files.save(storageKey, raw);
  return { storageKey };
}
