// Preview dialling: an agent sees the contact first (their fields, earlier attempts, the script)
// and then calls — or skips. The dialer keeps one contact waiting in the campaign's queue per free
// agent of it; routing offers it like any work. Accepting places the call with the agent on it
// (channel-work.ts); with the campaign's countdown the call is placed by itself when the offer's
// time is up (maintain-queue.ts). A contact skipped (declined, or let run out without a countdown)
// goes back to the list for later and its empty attempt is dropped.
import { dropFromQueue } from "../../routing/end-interaction.ts";
import { enqueue } from "../../routing/enqueue.ts";
import type { Deps } from "../../ports.ts";
import { PendingEvents } from "../../shared/pending-events.ts";
import type { Db } from "../../shared/tx.ts";
import { recordEvent } from "../../interactions/record-event.ts";
import { type DialingCampaign, barredNumbers, claim, openAttempt, ringContact } from "./place-calls.ts";

/** A skipped contact is offered again after this. */
export const SKIPPED_RETRY_MINUTES = 30;

/** Contacts for the campaign's free agents to preview: as many as agents are free and have none
 * waiting for them already. Returns how many were queued. */
export async function queuePreviews(campaign: DialingCampaign, deps: Deps): Promise<number> {
  const db = deps.db;
  const members = await db.queueMember.findMany({ where: { queueId: campaign.queueId }, select: { userId: true } });
  const ready = await db.agentPresence.findMany({ where: { userId: { in: members.map((m) => m.userId) }, state: "READY" }, select: { userId: true } });
  const ids = ready.map((r) => r.userId);
  const [working, waiting] = await Promise.all([
    db.interaction.findMany({ where: { agentId: { in: ids }, state: "ACTIVE", channel: "VOICE" }, select: { agentId: true }, distinct: ["agentId"] }),
    db.queueItem.count({ where: { queueId: campaign.queueId, state: { in: ["WAITING", "OFFERED"] } } }),
  ]);
  const wanted = ids.length - working.length - waiting;
  if (wanted <= 0) return 0;
  const now = deps.now();
  const events = new PendingEvents();
  const queued = await db.$transaction(async (tx) => {
    // An agent is there for each: contacts kept for an agent after an abandoned call may come too.
    const claimed = await claim(tx, campaign.id, now, wanted, true);
    claimed.push(...(await claim(tx, campaign.id, now, wanted - claimed.length, false)));
    const barred = claimed.length
      ? await barredNumbers(
          tx,
          campaign,
          claimed.map((c) => c.phone),
          now,
        )
      : new Set<string>();
    let n = 0;
    for (const contact of claimed) {
      if (barred.has(contact.phone)) {
        await tx.campaignContact.update({ where: { id: contact.id }, data: { state: "DONE", done: "DO_NOT_CALL", lastOutcome: "DO_NOT_CALL" } });
        continue;
      }
      const opened = await openAttempt(tx, campaign, contact, "QUEUED", now, events);
      await enqueue(
        tx,
        { organizationId: campaign.organizationId, queueId: campaign.queueId, interactionId: opened.interactionId, channel: "VOICE", vip: false, now },
        events,
      );
      n++;
    }
    return n;
  });
  events.publishTo(deps.events);
  return queued;
}

/** The agent took a preview (inside the accepting transaction): the contact is rung with them on the call. */
export async function placePreviewCall(tx: Db, input: { interactionId: string; agentId: string; now: Date }, events: PendingEvents) {
  const attempt = await tx.campaignAttempt.findUnique({
    where: { interactionId: input.interactionId },
    select: {
      id: true,
      callId: true,
      contact: { select: { phone: true } },
      campaign: { select: { organizationId: true, trunkId: true, callerId: true } },
    },
  });
  if (!attempt || attempt.callId) return;
  const c = attempt.campaign;
  const trunk = await tx.sipTrunk.findFirst({
    where: { organizationId: c.organizationId, active: true, ...(c.trunkId ? { id: c.trunkId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, callerIds: true },
  });
  await ringContact(
    tx,
    { organizationId: c.organizationId, trunkId: trunk?.id ?? null, callerId: c.callerId || trunk?.callerIds[0] || "" },
    { attemptId: attempt.id, interactionId: input.interactionId, phone: attempt.contact.phone, agentId: input.agentId },
    input.now,
    events,
  );
}

/** Previews an agent declined (or let run out) — or, once the campaign is not running, every
 * preview still waiting: the conversation ended, the attempt (no call was made) dropped, and the
 * contact back to the list for later (or done, if the campaign was stopped). Returns how many. */
export async function releaseSkippedPreviews(campaignId: string, deps: Deps, all: "STOPPED" | "PAUSED" | null = null): Promise<number> {
  const skipped = await deps.db.campaignAttempt.findMany({
    where: { campaignId, callId: null, endedAt: null, interactionId: { not: null } },
    select: { id: true, interactionId: true },
  });
  let n = 0;
  for (const a of skipped) {
    const item = await deps.db.queueItem.findUnique({ where: { interactionId: a.interactionId! }, select: { state: true, declinedBy: true } });
    // Routing offers work again to those who declined it when nobody else may take it: a preview
    // declined once is skipped, whether it waits or is on offer again.
    if ((item?.state !== "WAITING" && item?.state !== "OFFERED") || (!all && item.declinedBy.length === 0)) continue;
    const now = deps.now();
    const events = new PendingEvents();
    const released = await deps.db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ state: string }[]>`select "state" from "Interaction" where "id" = ${a.interactionId}::uuid for no key update`;
      const still = await tx.queueItem.findUnique({ where: { interactionId: a.interactionId! }, select: { state: true } });
      if (row?.state !== "QUEUED" || (still?.state !== "WAITING" && still?.state !== "OFFERED")) return false;
      const i = await tx.interaction.findUniqueOrThrow({ where: { id: a.interactionId! }, select: { organizationId: true, caseId: true } });
      await dropFromQueue(tx, a.interactionId!, i.organizationId, now, events);
      await tx.interaction.update({ where: { id: a.interactionId! }, data: { state: "ENDED", endedAt: now, endedBy: "AGENT" } });
      await recordEvent(tx, { organizationId: i.organizationId, interactionId: a.interactionId!, type: "ended", at: now, data: { by: "AGENT" } });
      const attempt = await tx.campaignAttempt.delete({ where: { id: a.id }, select: { contactId: true } });
      await tx.campaignContact.update({
        where: { id: attempt.contactId },
        data:
          all === "STOPPED"
            ? { state: "DONE", done: "STOPPED" }
            : { state: "WAITING", nextAttemptAt: all ? null : new Date(now.getTime() + SKIPPED_RETRY_MINUTES * 60_000) },
      });
      events.add("case.updated", { organizationId: i.organizationId, caseId: i.caseId });
      return true;
    });
    events.publishTo(deps.events);
    if (released) n++;
  }
  return n;
}
