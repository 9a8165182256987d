// An SMS campaign sending: run by the node that holds the campaign's SMS account link (with the
// account's outbox, lib/sms/sms-links.ts), every few seconds. Per running campaign, inside its
// dates and sending hours and at its pace: due retries first, then new contacts in the list's
// order — each taken (DIALLING) together with its text (CampaignSms, rendered from the template)
// in one transaction, so a crash leaves a queued text that is sent later, never a contact lost.
// Numbers that opted out of SMS, or are on a do-not-call list or blocked, are done without a
// text. A text is sent like an outbox message (the same idempotency key on every try, retried
// after 1, 2, 5, 10, 30, 60 minutes while the provider is unreachable, failed at once when it
// refuses), and its receipts move it to delivered or failed (deliver-sms.ts). The campaign
// completes once every contact is done.
import { randomInt } from "node:crypto";
import type { Campaign } from "../../../generated/prisma/client.ts";
import { businessHoursSchema, isOpen } from "../../entry-points/business-hours.ts";
import type { Deps } from "../../ports.ts";
import { DeliveryError } from "../../ports.ts";
import type { Db } from "../../shared/tx.ts";
import { OPTED_OUT, type SmsSender, afterSendFailure, recordSentParts, refuseIfOptedOut, settleCampaignSms } from "../../sms/deliver-sms.ts";
import { accountSender } from "../../sms/notices.ts";
import { smsAddress } from "../../sms/sms-rules.ts";
import { countSms } from "../../sms/sms-text.ts";
import { barredNumbers, claim } from "../dialer/place-calls.ts";
import { MAX_CAMPAIGN_PARTS, entryFields, paceBudget, renderCampaignSms } from "./campaign-text.ts";

export const CAMPAIGN_TICK_MS = 5_000;
/** A text handed to the link is not taken again before this (a crash mid-send only delays it). */
const CLAIM_MINUTES = 10;
/** At most this many texts a campaign hands over in one tick, whatever its pace. */
const MAX_PER_TICK = 500;
export const ENDED_TEXT = "not sent: the campaign's end came first";

type TextOutcome = "sent" | "failed" | "retrying" | "held";
export interface CampaignTextsTally {
  sent: number;
  failed: number;
  retrying: number;
  /** Contacts done without a text: opted out, do not call, blocked, nothing to send. */
  skipped: number;
  completed: number;
}

type Running = Campaign & { organization: { timezone: string } };

export async function sendCampaignTexts(accountId: string, sender: SmsSender, deps: Deps, tickMs = CAMPAIGN_TICK_MS): Promise<CampaignTextsTally> {
  const tally: CampaignTextsTally = { sent: 0, failed: 0, retrying: 0, skipped: 0, completed: 0 };
  const running = await deps.db.campaign.findMany({
    where: { status: "RUNNING", mode: "SMS", smsAccountId: accountId },
    include: { organization: { select: { timezone: true } } },
  });
  for (const c of running) {
    try {
      const now = deps.now();
      if (await completeIfDone(c, now, deps)) {
        tally.completed++;
        continue;
      }
      if (c.startsAt && c.startsAt > now) continue;
      if (!isOpen(businessHoursSchema.parse(c.callingHours ?? {}), c.organization.timezone, now)) continue;
      const handed = await deps.db.campaignSms.count({ where: { campaignId: c.id, lastAttemptAt: { gt: new Date(now.getTime() - 60_000) } } });
      const budget = Math.min(MAX_PER_TICK, paceBudget(c.smsPerMinute, handed, tickMs));
      if (!budget) continue;
      const { ids, skipped } = await takeTexts(c, accountId, budget, now, deps);
      tally.skipped += skipped;
      // All at once: the link keeps to the account's window and rate.
      const outcomes = await Promise.all(ids.map((id) => sendText(id, accountId, sender, deps)));
      for (const o of outcomes) if (o !== "held") tally[o]++;
      if (ids.length || skipped) deps.events.publish("campaign.texts_changed", { organizationId: c.organizationId, campaignId: c.id });
    } catch (err) {
      deps.log.error({ err, campaignId: c.id }, "SMS campaign round failed");
    }
  }
  return tally;
}

/**
 * Running SMS campaigns whose end has come, completed wherever their link is (an account switched
 * off has no link to do it): run by the dialer's pass on every worker.
 */
export async function endLapsedTextCampaigns(deps: Deps): Promise<number> {
  const lapsed = await deps.db.campaign.findMany({
    where: { status: "RUNNING", mode: "SMS", endsAt: { lte: deps.now() } },
    include: { organization: { select: { timezone: true } } },
  });
  let ended = 0;
  for (const c of lapsed) if (await completeIfDone(c, deps.now(), deps)) ended++;
  return ended;
}

/** Completed when every contact is done, or its end has come (what was left is done for want of a window). */
async function completeIfDone(c: Running, now: Date, deps: Deps): Promise<boolean> {
  const ended = c.endsAt !== null && c.endsAt <= now;
  if (!ended && (await deps.db.campaignContact.count({ where: { campaignId: c.id, state: { not: "DONE" } } }))) return false;
  const done = await deps.db.$transaction(async (tx) => {
    const r = await tx.campaign.updateMany({ where: { id: c.id, status: "RUNNING" }, data: { status: "COMPLETED", finishedAt: now } });
    if (!r.count) return false;
    await tx.campaignSms.updateMany({ where: { campaignId: c.id, state: "QUEUED" }, data: { state: "FAILED", error: ENDED_TEXT, nextAttemptAt: null } });
    await tx.campaignContact.updateMany({ where: { campaignId: c.id, state: { not: "DONE" } }, data: { state: "DONE", done: "NO_WINDOW" } });
    return true;
  });
  if (done) deps.events.publish("campaign.texts_changed", { organizationId: c.organizationId, campaignId: c.id });
  return done;
}

/** Texts to hand over now: due retries, then new contacts with their texts written. */
async function takeTexts(c: Running, accountId: string, budget: number, now: Date, deps: Deps): Promise<{ ids: string[]; skipped: number }> {
  const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
  return deps.db.$transaction(async (tx) => {
    const retries = await tx.$queryRaw<{ id: string }[]>`
      update "CampaignSms" set "nextAttemptAt" = ${until}, "lastAttemptAt" = ${now}
      where "id" in (
        select "id" from "CampaignSms"
        where "campaignId" = ${c.id}::uuid and "state" = 'QUEUED' and "nextAttemptAt" <= ${now}
        order by "nextAttemptAt" limit ${budget} for update skip locked)
      returning "id"`;
    const fresh = await claim(tx, c.id, now, budget - retries.length, false);
    if (!fresh.length) return { ids: retries.map((r) => r.id), skipped: 0 };
    const phones = fresh.map((f) => f.phone);
    const [barred, optedOut, entries, from] = await Promise.all([
      barredNumbers(tx, c, phones, now),
      tx.smsOptOut.findMany({ where: { organizationId: c.organizationId, number: { in: phones } }, select: { number: true } }),
      tx.contactListEntry.findMany({
        where: { id: { in: fresh.map((f) => f.entryId) } },
        select: { id: true, name: true, phone: true, email: true, externalId: true, fields: true },
      }),
      ownNumber(tx, c, accountId),
    ]);
    const noSms = new Set(optedOut.map((o) => o.number));
    const entryOf = new Map(entries.map((e) => [e.id, e]));
    const texts = [];
    let skipped = 0;
    for (const contact of fresh) {
      const done = barred.has(contact.phone) ? ("DO_NOT_CALL" as const) : noSms.has(contact.phone) ? ("OPTED_OUT" as const) : null;
      const entry = entryOf.get(contact.entryId);
      const text = entry ? renderCampaignSms(c.smsTemplate, entryFields(entry), c.smsPlainLetters) : "";
      const count = countSms(text);
      const unsendable = !text ? "nothing to send: the text came out empty" : count.parts > MAX_CAMPAIGN_PARTS ? `too long: ${count.parts} parts` : "";
      if (done) {
        await tx.campaignContact.update({ where: { id: contact.id }, data: { state: "DONE", done, updatedAt: now } });
        skipped++;
        continue;
      }
      texts.push({
        organizationId: c.organizationId,
        campaignId: c.id,
        contactId: contact.id,
        accountId,
        customerNumber: contact.phone,
        ownNumber: from,
        text,
        coding: count.coding,
        parts: count.parts,
        ref: randomInt(256),
        // Kept with its reason, so the results say why this contact got nothing.
        ...(unsendable ? { state: "FAILED" as const, error: unsendable } : { nextAttemptAt: until, lastAttemptAt: now }),
        createdAt: now,
      });
      if (unsendable) {
        await tx.campaignContact.update({ where: { id: contact.id }, data: { state: "DONE", done: "FAILED", updatedAt: now } });
        skipped++;
      }
    }
    // A contact that was texted before (sent again after a stop) keeps its one row: it is replaced.
    await tx.campaignSms.deleteMany({ where: { contactId: { in: texts.map((t) => t.contactId) } } });
    await tx.campaignSms.createMany({ data: texts });
    const queued = await tx.campaignSms.findMany({
      where: { contactId: { in: texts.filter((t) => !("error" in t)).map((t) => t.contactId) } },
      select: { id: true },
    });
    return { ids: [...retries.map((r) => r.id), ...queued.map((q) => q.id)], skipped };
  });
}

/** The campaign's own sender, else the account's first SMS number. */
const ownNumber = (tx: Db, c: Running, accountId: string): Promise<string> =>
  c.smsFrom ? Promise.resolve(smsAddress(c.smsFrom)) : accountSender(tx, c.organizationId, accountId);

async function sendText(id: string, accountId: string, sender: SmsSender, deps: Deps): Promise<TextOutcome> {
  const text = await deps.db.campaignSms.findUniqueOrThrow({ where: { id }, include: { campaign: { select: { status: true } } } });
  // Paused (or stopped) since it was taken: it waits for the campaign to run again.
  if (text.campaign.status !== "RUNNING" || text.state !== "QUEUED") {
    if (text.state === "QUEUED") await deps.db.campaignSms.update({ where: { id }, data: { nextAttemptAt: deps.now() } });
    return "held";
  }
  const attempts = text.attempts + 1;
  try {
    await refuseIfOptedOut(deps.db, text.organizationId, text.customerNumber);
    if (!text.ownNumber) throw new DeliveryError("there is no SMS number to text from", false);
    const sent = await sender.send({ to: text.customerNumber, from: text.ownNumber, text: text.text, ref: text.ref, key: id });
    await deps.db.$transaction(async (tx) => {
      await recordSentParts(tx, accountId, { campaignSmsId: id }, sent.partIds);
      const now = deps.now();
      await tx.campaignSms.update({
        where: { id },
        data: { state: "SENT", sentAt: now, attempts, error: "", nextAttemptAt: null, parts: sent.parts ?? sent.partIds.length },
      });
      await settleCampaignSms(tx, id, now);
      await tx.campaignContact.update({
        where: { id: text.contactId },
        data: { state: "DONE", done: "REACHED", attempts: { increment: 1 }, lastOutcome: "REACHED", updatedAt: now },
      });
    });
    return "sent";
  } catch (err) {
    const optedOut = err instanceof DeliveryError && err.message === OPTED_OUT;
    const { giveUp, data } = afterSendFailure(err, attempts, deps.now());
    deps.log.warn({ err, campaignSmsId: id, attempts }, giveUp ? "campaign SMS failed for good" : "campaign SMS not sent; will retry");
    const now = deps.now();
    await deps.db.$transaction(async (tx) => {
      await tx.campaignSms.update({ where: { id }, data });
      if (giveUp)
        await tx.campaignContact.update({
          where: { id: text.contactId },
          data: { state: "DONE", done: optedOut ? "OPTED_OUT" : "FAILED", attempts: { increment: 1 }, updatedAt: now },
        });
    });
    return giveUp ? "failed" : "retrying";
  }
}
