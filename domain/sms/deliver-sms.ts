// The SMS outbox: outgoing messages wait as SmsMessage rows (QUEUED) until their account's link
// takes them. Only the node holding the link sends (lib/sms/sms-links.ts); it claims due rows
// (pushing their next attempt forward, so a crash only delays them), sends them, and records the
// parts' ids and SENT, or the provider's answer with a later retry, or FAILED when the provider
// refused for good or retrying has gone on long enough. Receipts then move each part, and the
// message with them (sms-rules.ts sentMessageState).
import { Prisma, type SmsState } from "../../generated/prisma/client.ts";
import type { Deps } from "../ports.ts";
import { DeliveryError } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import type { OutgoingSms, SentSms, SmsReceipt } from "./sms-provider.ts";
import { canonicalPartId, receiptIdForms, sentMessageState } from "./sms-rules.ts";

/** Minutes before each retry: about two hours in all (an SMS late by more is rarely still wanted). */
const RETRY_MINUTES = [1, 2, 5, 10, 30, 60];
const CLAIM_MINUTES = 10;
export const SMS_BATCH = 50;
const FINAL: string[] = ["DELIVERED", "FAILED"];
export const OPTED_OUT = "the number has opted out of SMS";

/** What sends: a provider link. Throws DeliveryError (permanent: refused for good) or anything (retry). */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<SentSms>;
}

export async function deliverDueSms(accountId: string, sender: SmsSender, deps: Deps): Promise<{ sent: number; failed: number; retrying: number }> {
  const claimed = await claimDue(deps.db, "SmsMessage", accountId);
  const tally = { sent: 0, failed: 0, retrying: 0 };
  // All at once: the link keeps to its window and rate.
  const outcomes = await Promise.all(claimed.map(({ id }) => sendOne(id, accountId, sender, deps)));
  for (const o of outcomes) tally[o]++;
  return tally;
}

/**
 * An account's due outgoing rows (the outbox's or the notices'), claimed: their next attempt is
 * pushed past the claim, so another round does not take them meanwhile and a crash only delays them.
 */
export function claimDue(db: Db, table: "SmsMessage" | "NoticeSms", accountId: string): Promise<{ id: string }[]> {
  const t = Prisma.raw(`"${table}"`);
  return db.$queryRaw<{ id: string }[]>`
    update ${t} set "nextAttemptAt" = now() + make_interval(mins => ${CLAIM_MINUTES})
    where "id" in (
      select "id" from ${t}
      where "accountId" = ${accountId}::uuid and "state" = 'QUEUED' and "nextAttemptAt" <= now()
      order by "nextAttemptAt" limit ${SMS_BATCH} for update skip locked)
    returning "id"`;
}

async function sendOne(id: string, accountId: string, sender: SmsSender, deps: Deps): Promise<"sent" | "failed" | "retrying"> {
  const sms = await deps.db.smsMessage.findUniqueOrThrow({ where: { id }, include: { message: { select: { body: true, caseId: true } } } });
  const attempts = sms.attempts + 1;
  try {
    await refuseIfOptedOut(deps.db, sms.organizationId, sms.customerNumber);
    // The same key on every automatic retry (a send whose answer was lost is not sent twice);
    // a new one after "send again".
    const key = sms.resends ? `${id}.${sms.resends}` : id;
    const sent = await sender.send({ to: sms.customerNumber, from: sms.ownNumber, text: sms.message.body, ref: sms.ref, key });
    await deps.db.$transaction(async (tx) => {
      await recordSentParts(tx, accountId, { smsMessageId: id }, sent.partIds);
      await tx.smsMessage.update({
        where: { id },
        data: { state: "SENT", sentAt: deps.now(), attempts, error: "", nextAttemptAt: null, parts: sent.parts ?? sent.partIds.length },
      });
      await settle(tx, id, deps.now());
    });
    publish(sms.organizationId, sms.message.caseId, deps);
    return "sent";
  } catch (err) {
    const failure = afterSendFailure(err, attempts, deps.now());
    deps.log.warn({ err, smsId: id, attempts }, failure.giveUp ? "SMS failed for good" : "SMS not sent; will retry");
    await deps.db.smsMessage.update({ where: { id }, data: failure.data });
    publish(sms.organizationId, sms.message.caseId, deps);
    return failure.giveUp ? "failed" : "retrying";
  }
}

/**
 * What a send that threw comes to (an outbox message or a campaign text alike): failed for good when
 * the provider refused or retrying has gone on long enough, else tried again after the next delay.
 */
export function afterSendFailure(err: unknown, attempts: number, now: Date) {
  const giveUp = (err instanceof DeliveryError && err.permanent) || attempts > RETRY_MINUTES.length;
  const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
  const data = giveUp
    ? { state: "FAILED" as const, attempts, error, nextAttemptAt: null }
    : { attempts, error, nextAttemptAt: new Date(now.getTime() + RETRY_MINUTES[attempts - 1]! * 60_000) };
  return { giveUp, data };
}

/**
 * The ids the provider gave a sent message's (or a campaign text's) parts, recorded; a receipt that
 * came first is kept and joined, whatever form its id took. Inside the caller's transaction.
 */
export async function recordSentParts(
  tx: Db,
  accountId: string,
  owner: { smsMessageId: string } | { campaignSmsId: string } | { noticeSmsId: string },
  partIds: string[],
) {
  await lockPartIds(tx, accountId, partIds);
  // Sent again after a failure: the earlier parts and their receipts no longer count.
  await tx.smsPart.deleteMany({ where: { ...owner, providerId: { notIn: partIds } } });
  for (const [i, providerId] of partIds.entries()) {
    const early = await tx.smsPart.findFirst({
      where: { accountId, smsMessageId: null, campaignSmsId: null, noticeSmsId: null, providerId: { in: receiptIdForms(providerId) } },
      select: { id: true },
    });
    if (early) {
      await tx.smsPart.update({ where: { id: early.id }, data: { ...owner, seq: i + 1 } });
      continue;
    }
    await tx.smsPart.upsert({
      where: { accountId_providerId: { accountId, providerId } },
      create: { accountId, providerId, ...owner, seq: i + 1 },
      update: { ...owner, seq: i + 1 },
    });
  }
}

/** A delivery receipt: its part moves, and the message (or campaign text, or notice) with it. */
export async function recordSmsReceipt(accountId: string, receipt: SmsReceipt, deps: Deps) {
  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    await lockPartIds(tx, accountId, [receipt.partId]);
    // SMSCs may name a part otherwise in its receipt than in the answer to its send (hex there,
    // decimal here, zero-padded): any form matches, a part already on a message first.
    const known = await tx.smsPart.findFirst({
      where: { accountId, providerId: { in: receiptIdForms(receipt.partId) } },
      orderBy: [
        { smsMessageId: { sort: "asc", nulls: "last" } },
        { campaignSmsId: { sort: "asc", nulls: "last" } },
        { noticeSmsId: { sort: "asc", nulls: "last" } },
      ],
      select: { id: true, state: true },
    });
    // Reports may come out of order: a late "sent" does not undo "delivered" or "failed".
    if (known && !FINAL.includes(receipt.state) && FINAL.includes(known.state)) return;
    const data = { state: receipt.state, detail: receipt.detail.slice(0, 200), updatedAt: deps.now() };
    const part = known
      ? await tx.smsPart.update({ where: { id: known.id }, data, select: { smsMessageId: true, campaignSmsId: true, noticeSmsId: true } })
      : // Kept without leading zeros, so the send's answer finds it in whichever form it names it.
        await tx.smsPart.create({
          data: { accountId, providerId: canonicalPartId(receipt.partId), ...data },
          select: { smsMessageId: true, campaignSmsId: true, noticeSmsId: true },
        });
    if (part.campaignSmsId) {
      const text = await settleCampaignSms(tx, part.campaignSmsId, deps.now());
      if (text) events.add("campaign.texts_changed", text);
      return;
    }
    if (part.noticeSmsId) return void (await settleNotice(tx, part.noticeSmsId, deps.now()));
    if (!part.smsMessageId) return;
    const sms = await settle(tx, part.smsMessageId, deps.now());
    if (sms) events.add("case.updated", { organizationId: sms.organizationId, caseId: sms.caseId });
  });
  events.publishTo(deps.events);
}

/**
 * A receipt and the send's record of the same part, one after the other, whatever form each names
 * it in: a receipt can come while the send is being recorded, and each must see the other's row.
 * (Locks taken in one order, so two transactions never wait on each other crosswise.)
 */
async function lockPartIds(tx: Db, accountId: string, ids: string[]) {
  const keys = ids.flatMap((id) => receiptIdForms(id).map((form) => `sms-part:${accountId}:${form}`));
  await tx.$executeRaw`select pg_advisory_xact_lock(h) from (select distinct hashtext(k) as h from unnest(${keys}::text[]) as k order by h) as locks`;
}

/** The message's state from its parts' (a sent message only: a queued or failed one stays). */
async function settle(tx: Db, id: string, now: Date) {
  const sms = await tx.smsMessage.findUniqueOrThrow({
    where: { id },
    select: { organizationId: true, state: true, deliveredAt: true, message: { select: { caseId: true } }, partsSent: { select: PART_RECEIPT } },
  });
  if (!isSent(sms.state)) return null;
  const data = receiptsUpdate(sms, now);
  if (data) await tx.smsMessage.update({ where: { id }, data });
  return { organizationId: sms.organizationId, caseId: sms.message.caseId };
}

/** A campaign text's state from its parts' receipts (sent ones only), as for a case's message. */
export async function settleCampaignSms(tx: Db, id: string, now: Date) {
  const text = await tx.campaignSms.findUniqueOrThrow({
    where: { id },
    select: { organizationId: true, campaignId: true, state: true, deliveredAt: true, partsSent: { select: PART_RECEIPT } },
  });
  if (!isSent(text.state)) return null;
  const data = receiptsUpdate(text, now);
  if (data) await tx.campaignSms.update({ where: { id }, data });
  return { organizationId: text.organizationId, campaignId: text.campaignId };
}

/** A notice's state from its parts' receipts (sent ones only). */
export async function settleNotice(tx: Db, id: string, now: Date) {
  const notice = await tx.noticeSms.findUniqueOrThrow({ where: { id }, select: { state: true, deliveredAt: true, partsSent: { select: PART_RECEIPT } } });
  if (!isSent(notice.state)) return;
  const data = receiptsUpdate(notice, now);
  if (data) await tx.noticeSms.update({ where: { id }, data });
}

const PART_RECEIPT = { seq: true, state: true, detail: true } as const;
const isSent = (state: SmsState) => state === "SENT" || state === "DELIVERED";

/**
 * What a sent message's, campaign text's or notice's parts' receipts move it to (null: it stays
 * as it is). One receipt per id the provider gave: per part (SMPP) or per message (HTTP).
 */
function receiptsUpdate(row: { state: SmsState; deliveredAt: Date | null; partsSent: { seq: number; state: string; detail: string }[] }, now: Date) {
  const next = sentMessageState(Math.max(1, row.partsSent.length), row.partsSent);
  if (next.state === row.state) return null;
  return { state: next.state, error: next.error, deliveredAt: next.state === "DELIVERED" ? (row.deliveredAt ?? now) : null };
}

/** Refused for good, before it is sent: the number asked for no more SMS (STOP, or a user's entry),
 * even if that came after the text was written. */
export async function refuseIfOptedOut(db: Db, organizationId: string, number: string) {
  if (await db.smsOptOut.count({ where: { organizationId, number } })) throw new DeliveryError(OPTED_OUT, true);
}

const publish = (organizationId: string, caseId: string, deps: Pick<Deps, "events">) => deps.events.publish("case.updated", { organizationId, caseId });

/** "Send again" on a failed message: back into the outbox now. */
export async function retrySms(organizationId: string, id: string, deps: Deps) {
  const events = new PendingEvents();
  const count = await deps.db.$transaction(async (tx) => {
    const r = await tx.smsMessage.updateMany({
      where: { id, organizationId, direction: "OUTBOUND", state: "FAILED" },
      data: { state: "QUEUED", nextAttemptAt: deps.now(), attempts: 0, error: "", resends: { increment: 1 } },
    });
    if (r.count) await events.addDurable(tx, "sms.queued", { organizationId, messageId: id });
    return r.count;
  });
  events.publishTo(deps.events);
  return count === 1;
}
