// The dialer places a campaign's calls: it claims contacts that are due (no other node or pass can
// claim them too), checks each number against the do-not-call and block lists once more, and for
// each opens an outbound interaction on the contact's case and a call with the number being rung and
// no agent on it yet. The media role rings it on "call.dialing", as it does an agent's call out;
// what the called side says on answer decides whether an agent gets it (campaign-calls.ts).
import type { CampaignMode } from "../../../generated/prisma/client.ts";
import { matchContact } from "../../contacts/match-contact.ts";
import { openInteraction } from "../../interactions/open-interaction.ts";
import { recordEvent } from "../../interactions/record-event.ts";
import { activeBlocksWhere } from "../../phone/blocked-numbers.ts";
import type { Deps } from "../../ports.ts";
import { PendingEvents } from "../../shared/pending-events.ts";
import type { Db } from "../../shared/tx.ts";

export interface DialingCampaign {
  id: string;
  organizationId: string;
  name: string;
  mode: CampaignMode;
  queueId: string;
  trunkId: string;
  callerId: string;
}

export interface Claimed {
  id: string;
  entryId: string;
  phone: string;
  attempts: number;
  callback: boolean;
}

/**
 * Claims up to `count` due contacts and places a call to each. `reservedSlots` of them may be
 * contacts whose earlier call was abandoned: those are called only when an agent is free for them
 * (Ofcom's 72-hour rule), so the caller passes how many agents are free and not yet spoken for.
 * Returns the calls placed.
 */
export async function placeCampaignCalls(campaign: DialingCampaign, count: number, reservedSlots: number, deps: Deps): Promise<string[]> {
  if (count <= 0) return [];
  const now = deps.now();
  const events = new PendingEvents();
  const calls = await deps.db.$transaction(async (tx) => {
    const claimed = await claim(tx, campaign.id, now, Math.min(count, reservedSlots), true);
    claimed.push(...(await claim(tx, campaign.id, now, count - claimed.length, false)));
    if (!claimed.length) return [];
    const barred = await barredNumbers(
      tx,
      campaign,
      claimed.map((c) => c.phone),
      now,
    );
    const placed: string[] = [];
    for (const contact of claimed) {
      if (barred.has(contact.phone)) {
        await tx.campaignContact.update({ where: { id: contact.id }, data: { state: "DONE", done: "DO_NOT_CALL", lastOutcome: "DO_NOT_CALL" } });
        continue;
      }
      placed.push(await placeOne(tx, campaign, contact, now, events));
    }
    return placed;
  });
  events.publishTo(deps.events);
  return calls;
}

export async function claim(tx: Db, campaignId: string, now: Date, limit: number, reserved: boolean): Promise<Claimed[]> {
  if (limit <= 0) return [];
  // Call-backs first, then retries by their time, then new numbers in the file's order. A contact kept
  // for one agent (a call-back promised by them) waits for that agent's preview.
  return reserved
    ? tx.$queryRaw<Claimed[]>`
        update "CampaignContact" set "state" = 'DIALLING', "updatedAt" = ${now}
        where "id" in (
          select "id" from "CampaignContact"
          where "campaignId" = ${campaignId}::uuid and "state" = 'WAITING' and "callbackAgentId" is null
            and ("nextAttemptAt" is null or "nextAttemptAt" <= ${now}) and "agentReservedUntil" > ${now}
          order by "callback" desc, "nextAttemptAt" asc nulls first, "sortKey" asc
          limit ${limit} for update skip locked)
        returning "id", "entryId", "phone", "attempts", "callback"`
    : tx.$queryRaw<Claimed[]>`
        update "CampaignContact" set "state" = 'DIALLING', "updatedAt" = ${now}
        where "id" in (
          select "id" from "CampaignContact"
          where "campaignId" = ${campaignId}::uuid and "state" = 'WAITING' and "callbackAgentId" is null
            and ("nextAttemptAt" is null or "nextAttemptAt" <= ${now}) and ("agentReservedUntil" is null or "agentReservedUntil" <= ${now})
          order by "callback" desc, "nextAttemptAt" asc nulls first, "sortKey" asc
          limit ${limit} for update skip locked)
        returning "id", "entryId", "phone", "attempts", "callback"`;
}

/** Of these numbers, those that may not be called now: on the organisation's or the campaign's
 * do-not-call list (added since the list was imported), or blocked. */
export async function barredNumbers(tx: Db, campaign: { id: string; organizationId: string }, phones: string[], now: Date): Promise<Set<string>> {
  const [dnc, own, blocked] = await Promise.all([
    tx.doNotCallNumber.findMany({ where: { organizationId: campaign.organizationId, number: { in: phones } }, select: { number: true } }),
    tx.campaignDoNotCall.findMany({ where: { campaignId: campaign.id, number: { in: phones } }, select: { number: true } }),
    tx.blockedNumber.findMany({ where: { ...activeBlocksWhere(campaign.organizationId, now), number: { in: phones } }, select: { number: true } }),
  ]);
  return new Set([...dnc, ...own, ...blocked].map((r) => r.number));
}

async function placeOne(tx: Db, campaign: DialingCampaign, contact: Claimed, now: Date, events: PendingEvents): Promise<string> {
  const opened = await openAttempt(tx, campaign, contact, "ACTIVE", now, events);
  return ringContact(tx, campaign, { ...opened, phone: contact.phone, agentId: null }, now, events);
}

/** The case (the contact's earlier one, or a new one), the outbound interaction and the attempt,
 * before any call: live at once (the dialer rings it), or queued for an agent's preview. */
export async function openAttempt(
  tx: Db,
  campaign: DialingCampaign,
  contact: Claimed,
  state: "ACTIVE" | "QUEUED",
  now: Date,
  events: PendingEvents,
): Promise<{ attemptId: string; interactionId: string; caseId: string }> {
  const entry = await tx.contactListEntry.findUniqueOrThrow({ where: { id: contact.entryId }, select: { name: true, email: true } });
  // Every attempt at one contact continues one case: its history is the campaign's story with them.
  const earlier = await tx.campaignAttempt.findFirst({
    where: { contactId: contact.id, interactionId: { not: null } },
    orderBy: { startedAt: "desc" },
    select: { interactionId: true },
  });
  const earlierCase = earlier?.interactionId ? await tx.interaction.findUnique({ where: { id: earlier.interactionId }, select: { caseId: true } }) : null;
  const contactId = earlierCase
    ? null
    : (await matchContact(tx, campaign.organizationId, { name: entry.name, email: entry.email, phone: contact.phone })).contactId;
  const { interaction, caseId } = await openInteraction(
    tx,
    {
      organizationId: campaign.organizationId,
      case: earlierCase
        ? { id: earlierCase.caseId }
        : { new: { subject: `${campaign.name}: ${entry.name || contact.phone}`, contactId, queueId: campaign.queueId } },
      channel: "VOICE",
      direction: "OUTBOUND",
      // A dialled call is live from the start, though no agent has it yet: it is in the queue only
      // once a person answers. A preview waits in the queue for an agent to look at it.
      state,
      data: { phone: contact.phone, callerId: campaign.callerId, campaignId: campaign.id, campaignContactId: contact.id, name: entry.name },
      now,
    },
    events,
  );
  const attempt = await tx.campaignAttempt.create({
    data: {
      organizationId: campaign.organizationId,
      campaignId: campaign.id,
      contactId: contact.id,
      mode: campaign.mode,
      interactionId: interaction.id,
      startedAt: now,
    },
  });
  events.add("case.updated", { organizationId: campaign.organizationId, caseId });
  return { attemptId: attempt.id, interactionId: interaction.id, caseId };
}

/** Rings the contact of an opened attempt: the call, with the agent on it already (a preview) or
 * no one yet; the media role places it on "call.dialing". */
export async function ringContact(
  tx: Db,
  campaign: Pick<DialingCampaign, "organizationId" | "callerId"> & { trunkId: string | null },
  a: { attemptId: string; interactionId: string; phone: string; agentId: string | null },
  now: Date,
  events: PendingEvents,
): Promise<string> {
  await recordEvent(tx, {
    organizationId: campaign.organizationId,
    interactionId: a.interactionId,
    type: "dialled",
    ...(a.agentId ? { agentId: a.agentId } : {}),
    at: now,
    data: { number: a.phone, callerId: campaign.callerId || null },
  });
  const call = await tx.call.create({
    data: {
      organizationId: campaign.organizationId,
      interactionId: a.interactionId,
      createdAt: now,
      trunkId: campaign.trunkId,
      remoteNumber: a.phone,
      localNumber: campaign.callerId,
      parties: {
        create: [
          ...(a.agentId ? [{ role: "CALLER" as const, userId: a.agentId, joinedAt: now }] : []),
          { role: "CALLEE" as const, phone: a.phone, trunkId: campaign.trunkId },
        ],
      },
    },
  });
  const attempt = await tx.campaignAttempt.update({
    where: { id: a.attemptId },
    data: { callId: call.id, ...(a.agentId ? { agentId: a.agentId, connectedAt: now } : {}) },
    select: { contactId: true, contact: { select: { callback: true } } },
  });
  // A call-back is an appointment, not another try.
  await tx.campaignContact.update({
    where: { id: attempt.contactId },
    data: attempt.contact.callback ? { callback: false } : { attempts: { increment: 1 } },
  });
  events.add("call.updated", { organizationId: campaign.organizationId, callId: call.id, state: "RINGING" });
  await events.addDurable(tx, "call.dialing", { organizationId: campaign.organizationId, callId: call.id });
  return call.id;
}
