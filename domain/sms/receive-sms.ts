// An SMS arriving: each part is stored as it comes (the provider is answered only after, so a
// crash makes it deliver again, and a part delivered twice is stored once); the part that
// completes a message joins it, in the same transaction, and the message goes into a case. A
// message some of whose parts never come is joined with what did after PART_WAIT_MINUTES
// (joinStaleParts), the gaps marked: nothing that arrived is ever dropped.
//
// Into a case: the customer's SMS case when they texted or were texted within the number's
// thread window (reopened if resolved), else a new case on the number's queue, routed by the ACD
// like an e-mail (an answer to an SMS campaign's text: on the campaign's queue). STOP / NIE / СТОП opts the number out of SMS (START back in): kept on the case,
// recorded, not routed.
import { z } from "zod";
import { matchContact } from "../contacts/match-contact.ts";
import { type InboundWay, continueCaseWith, openInboundInteraction } from "../interactions/inbound-message.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { optIntent } from "./opt-out.ts";
import type { IncomingSmsPart, IncomingSmsText } from "./sms-provider.ts";
import { isReplyable, joinArrived, smsAddress } from "./sms-rules.ts";
import { concatInfo, decodePayload, countSms } from "./sms-text.ts";

export const PART_WAIT_MINUTES = 60;
/** Joined parts are kept this long, so one delivered again is known and not taken for a new message. */
const JOINED_KEEP_HOURS = 24;
const MAX_BODY_CHARS = 50_000;

export type SmsAccountRef = { id: string; organizationId: string };
export type ReceiveOutcome = { outcome: "PART" | "DUPLICATE_PART" | "DUPLICATE" | "CREATED" | "THREADED"; caseId: string | null; messageId: string | null };

/** What an SMS number's settings say (EntryPoint.config). */
export const smsNumberConfig = z.object({
  /** A text within this many hours of the last SMS with the customer continues that case. */
  threadHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90)
    .default(72),
});
export const readSmsNumberConfig = (config: unknown) => smsNumberConfig.parse(config ?? {});

export async function receiveSmsPart(account: SmsAccountRef, part: IncomingSmsPart, deps: Deps): Promise<ReceiveOutcome> {
  const events = new PendingEvents();
  const now = deps.now();
  const from = smsAddress(part.from);
  const to = smsAddress(part.to);
  const concat = part.udh ? concatInfo(part.udh) : null;
  const result = await deps.db.$transaction(async (tx) => {
    if (!concat || concat.total <= 1) {
      const text = decodePayload(part.payload, part.dataCoding);
      return takeInSms(tx, account, { from, to, text, missing: [], now }, events);
    }
    // One message's parts are stored and joined one at a time (two may arrive at once).
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`sms:${account.id}:${from}:${concat.ref}:${concat.total}`}))`;
    const stored = await tx.smsInboundPart.createMany({
      data: [
        { accountId: account.id, fromNumber: from, toNumber: to, ...concat, dataCoding: part.dataCoding, payload: Buffer.from(part.payload), receivedAt: now },
      ],
      skipDuplicates: true,
    });
    if (!stored.count) return { outcome: "DUPLICATE_PART" as const, caseId: null, messageId: null };
    const parts = await tx.smsInboundPart.findMany({
      where: { accountId: account.id, fromNumber: from, ref: concat.ref, total: concat.total, messageId: null },
      orderBy: { seq: "asc" },
    });
    if (parts.length < concat.total) return { outcome: "PART" as const, caseId: null, messageId: null };
    return joinAndTakeIn(tx, account, parts, now, events);
  });
  events.publishTo(deps.events);
  return result;
}

/**
 * A whole text from an HTTP provider (it joined the parts). Its id names it: a webhook delivered
 * again, even at the same moment, is stored once.
 */
export async function receiveSmsText(account: SmsAccountRef, sms: IncomingSmsText, deps: Deps): Promise<ReceiveOutcome> {
  const events = new PendingEvents();
  const now = deps.now();
  const result = await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`sms:${account.id}:id:${sms.providerId}`}))`;
    const known = await tx.smsMessage.findUnique({
      where: { accountId_providerId: { accountId: account.id, providerId: sms.providerId } },
      select: { id: true, message: { select: { caseId: true } } },
    });
    if (known) return { outcome: "DUPLICATE" as const, caseId: known.message.caseId, messageId: known.id };
    return takeInSms(tx, account, { from: smsAddress(sms.from), to: smsAddress(sms.to), text: sms.text, missing: [], now, providerId: sms.providerId }, events);
  });
  events.publishTo(deps.events);
  return result;
}

type StoredPart = { id: string; fromNumber: string; toNumber: string; seq: number; total: number; dataCoding: number; payload: Uint8Array };

async function joinAndTakeIn(tx: Db, account: SmsAccountRef, parts: StoredPart[], now: Date, events: PendingEvents): Promise<ReceiveOutcome> {
  const first = parts[0]!;
  const { text, missing } = joinArrived(parts, first.total, first.dataCoding);
  const r = await takeInSms(tx, account, { from: first.fromNumber, to: first.toNumber, text, missing, now }, events);
  await tx.smsInboundPart.updateMany({ where: { id: { in: parts.map((p) => p.id) } }, data: { messageId: r.messageId } });
  return r;
}

/** Messages whose parts stopped coming: joined with what arrived. Joined parts past their keep go. */
export async function joinStaleParts(deps: Deps): Promise<{ joined: number; purged: number }> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - PART_WAIT_MINUTES * 60_000);
  const groups = await deps.db.smsInboundPart.groupBy({
    by: ["accountId", "fromNumber", "ref", "total"],
    where: { messageId: null, receivedAt: { lt: cutoff } },
    orderBy: [{ accountId: "asc" }, { fromNumber: "asc" }, { ref: "asc" }, { total: "asc" }],
    take: 200,
  });
  let joined = 0;
  for (const g of groups) {
    const account = await deps.db.smsAccount.findUnique({ where: { id: g.accountId }, select: { id: true, organizationId: true } });
    if (!account) {
      await deps.db.smsInboundPart.deleteMany({ where: { accountId: g.accountId } });
      continue;
    }
    const events = new PendingEvents();
    const done = await deps.db.$transaction(async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`sms:${g.accountId}:${g.fromNumber}:${g.ref}:${g.total}`}))`;
      const parts = await tx.smsInboundPart.findMany({ where: { ...g, messageId: null }, orderBy: { seq: "asc" } });
      // A part that came meanwhile restarts the wait.
      if (!parts.length || parts.some((p) => p.receivedAt >= cutoff)) return false;
      await joinAndTakeIn(tx, account, parts, now, events);
      return true;
    });
    events.publishTo(deps.events);
    if (done) joined++;
  }
  const purged = await deps.db.smsInboundPart.deleteMany({
    where: { messageId: { not: null }, receivedAt: { lt: new Date(now.getTime() - JOINED_KEEP_HOURS * 3_600_000) } },
  });
  return { joined, purged: purged.count };
}

/** A whole message into its case (inside the caller's transaction). */
async function takeInSms(
  tx: Db,
  account: SmsAccountRef,
  sms: { from: string; to: string; text: string; missing: number[]; now: Date; providerId?: string },
  events: PendingEvents,
): Promise<ReceiveOutcome> {
  const { organizationId } = account;
  const { from, to, now } = sms;
  const number = await smsNumberFor(tx, account, to);
  const intent = optIntent(sms.text);
  if (intent === "STOP") {
    await tx.smsOptOut.upsert({
      where: { organizationId_number: { organizationId, number: from } },
      create: { organizationId, number: from, keyword: sms.text.trim().slice(0, 40) },
      update: {},
    });
  } else if (intent === "START") {
    await tx.smsOptOut.deleteMany({ where: { organizationId, number: from } });
  }
  const way: InboundWay = { organizationId, channel: "SMS", entryPointId: number?.id ?? null, queueId: number?.queueId ?? null, routed: !intent, now };
  const threadHours = readSmsNumberConfig(number?.config).threadHours;
  const previous = await tx.smsMessage.findFirst({
    where: { organizationId, customerNumber: from, createdAt: { gte: new Date(now.getTime() - threadHours * 3_600_000) } },
    orderBy: { createdAt: "desc" },
    select: { message: { select: { caseId: true } } },
  });
  let caseId = previous?.message.caseId ?? null;
  let interactionId: string | null;
  // An answer to a campaign's text (none with the customer since): a case on the campaign's queue,
  // which opens with what the campaign sent, so the agent reads what is being answered.
  const campaignText = caseId ? null : await answeredCampaignText(tx, organizationId, from, now, threadHours);
  // A number new to us that answers a campaign is the list's person: their name and e-mail come from its row.
  const listed = campaignText?.contact.entry;
  const { contactId } = isReplyable(from)
    ? await matchContact(tx, organizationId, { phone: from, name: listed?.name || undefined, email: listed?.email || undefined })
    : { contactId: null };
  if (caseId) {
    interactionId = await continueCaseWith(tx, caseId, way, events);
  } else {
    const queueId = campaignText?.campaign.queueId ?? way.queueId;
    const opened = await openInboundInteraction(tx, { new: { subject: subjectOf(sms.text), contactId, queueId } }, { ...way, queueId }, events);
    caseId = opened.caseId;
    interactionId = opened.interactionId;
    if (campaignText) await openWithCampaignText(tx, organizationId, campaignText, caseId, now);
  }
  const message = await tx.message.create({
    data: { organizationId, caseId, interactionId, authorType: "CONTACT", body: sms.text.slice(0, MAX_BODY_CHARS), createdAt: now },
  });
  const count = countSms(sms.text);
  await tx.smsMessage.create({
    data: {
      id: message.id,
      organizationId,
      accountId: account.id,
      entryPointId: number?.id ?? null,
      direction: "INBOUND",
      customerNumber: from,
      ownNumber: to,
      coding: count.coding,
      parts: count.parts,
      state: "RECEIVED",
      missingParts: sms.missing,
      providerId: sms.providerId ?? null,
      createdAt: now,
    },
  });
  if (intent === "STOP") await tx.smsOptOut.update({ where: { organizationId_number: { organizationId, number: from } }, data: { messageId: message.id } });
  await tx.case.update({ where: { id: caseId }, data: { lastActivityAt: now } });
  events.add("message.created", { organizationId, caseId, messageId: message.id, interactionId, kind: "MESSAGE", authorType: "CONTACT" });
  events.add("case.updated", { organizationId, caseId });
  return { outcome: previous ? "THREADED" : "CREATED", caseId, messageId: message.id };
}

/** The newest campaign text sent to this number within the thread window. */
async function answeredCampaignText(tx: Db, organizationId: string, from: string, now: Date, threadHours: number) {
  return tx.campaignSms.findFirst({
    where: { organizationId, customerNumber: from, sentAt: { gte: new Date(now.getTime() - threadHours * 3_600_000) } },
    orderBy: { sentAt: "desc" },
    select: {
      id: true,
      text: true,
      sentAt: true,
      replyCaseId: true,
      campaign: { select: { queueId: true, name: true } },
      contact: { select: { entry: { select: { name: true, email: true } } } },
    },
  });
}

/** The reply's case starts with the campaign's text (as the organisation's), and the text knows its answer. */
async function openWithCampaignText(
  tx: Db,
  organizationId: string,
  text: { id: string; text: string; sentAt: Date | null; replyCaseId: string | null; campaign: { name: string } },
  caseId: string,
  now: Date,
) {
  const sentAt = text.sentAt ?? now;
  await tx.message.create({
    data: {
      organizationId,
      caseId,
      authorType: "SYSTEM",
      body: `${text.campaign.name}: ${text.text}`,
      createdAt: new Date(Math.min(sentAt.getTime(), now.getTime() - 1)),
    },
  });
  if (!text.replyCaseId) await tx.campaignSms.update({ where: { id: text.id }, data: { replyCaseId: caseId, repliedAt: now } });
}

/** The number it was sent to, on this account; else the account's first number (its queue takes it). */
async function smsNumberFor(tx: Db, account: SmsAccountRef, to: string) {
  const numbers = await tx.entryPoint.findMany({
    where: { organizationId: account.organizationId, kind: "SMS", smsAccountId: account.id, active: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, key: true, queueId: true, config: true },
  });
  return numbers.find((n) => smsAddress(n.key) === to) ?? numbers[0] ?? null;
}

function subjectOf(text: string): string {
  const line = text.trim().split("\n")[0]!.trim();
  return `SMS: ${line.length > 80 ? `${line.slice(0, 79)}…` : line}`;
}
