// The clock side of routing, run by the node that holds the queue's lease: offers that timed out
// go to the next agent (and an agent who lets them time out repeatedly is paused), and items that
// waited past the queue's limit overflow.
import { changeAgentState } from "../agents/set-agent-state.ts";
import { MISSED_OFFERS } from "../cases/default-process.ts";
import { callerOverflowOf, sendCallToOverflow } from "./caller-overflow.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { acceptOffer } from "./respond-to-offer.ts";
import { withdrawOffer } from "./withdraw-offer.ts";
import { RoutingRepository } from "./routing-repository.ts";
import { recordEvent } from "../interactions/record-event.ts";

export async function expireOffers(queueId: string, deps: Deps): Promise<number> {
  const now = deps.now();
  const expired = await deps.db.queueItem.findMany({
    where: { queueId, state: "OFFERED", offerExpiresAt: { lt: now } },
    select: { id: true, organizationId: true, offeredToId: true },
  });
  // A campaign's preview with a countdown is called when its time is up, not taken back.
  const countdown = expired.length
    ? await deps.db.campaign.count({ where: { queueId, mode: "PREVIEW", previewSeconds: { not: null }, status: { in: ["RUNNING", "PAUSED"] } } })
    : 0;
  let count = 0;
  for (const item of expired) {
    if (!item.offeredToId) continue;
    if (countdown) {
      await acceptOffer({ userId: item.offeredToId, organizationId: item.organizationId }, item.id, deps, true).catch((err: unknown) =>
        deps.log.info({ err, itemId: item.id }, "a preview's countdown could not place its call"),
      );
      continue;
    }
    const events = new PendingEvents();
    const agentId = item.offeredToId;
    const missed = await deps.db.$transaction(async (tx) => {
      const done = await withdrawOffer(tx, { itemId: item.id, agentId, organizationId: item.organizationId, reason: "TIMEOUT", now }, events);
      if (!done) return null;
      const presence = await tx.agentPresence.update({
        where: { userId: agentId },
        data: { missedOffers: { increment: 1 } },
        select: { missedOffers: true, state: true },
      });
      return presence;
    });
    events.publishTo(deps.events);
    if (!missed) continue;
    count++;
    await pauseIfTooManyMissed(item.organizationId, agentId, missed, deps);
  }
  return count;
}

async function pauseIfTooManyMissed(organizationId: string, agentId: string, presence: { missedOffers: number; state: string }, deps: Deps) {
  const org = await deps.db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { missedOffersBeforePause: true } });
  if (presence.state !== "READY" || presence.missedOffers < org.missedOffersBeforePause) return;
  const code = await deps.db.pauseCode.findFirst({ where: { organizationId, systemKey: MISSED_OFFERS } });
  if (!code) return;
  // The agent is evidently not at the desk: stop offering them work until they come back.
  await changeAgentState(
    {
      userId: agentId,
      organizationId,
      state: "PAUSE",
      pauseCodeId: code.id,
      source: "SYSTEM",
      changedById: null,
      seen: false,
      onlyIf: (p) => p.state === "READY",
    },
    deps,
  );
  await deps.db.agentPresence.update({ where: { userId: agentId }, data: { missedOffers: 0 } });
  deps.log.warn({ agentId, missed: presence.missedOffers }, "agent paused after missed offers");
}

/** Items waiting past maxWaitSeconds go to the overflow queue, or out with the overflow message. */
export async function overflowLongWaits(queueId: string, deps: Deps): Promise<number> {
  const queue = await new RoutingRepository(deps.db).queue(queueId);
  if (!queue?.maxWaitSeconds) return 0;
  const now = deps.now();
  const cutoff = new Date(now.getTime() - queue.maxWaitSeconds * 1000);
  const stale = await deps.db.queueItem.findMany({
    // Call-backs wait for an agent however long it takes: nobody is holding the line.
    where: { queueId, state: "WAITING", enqueuedAt: { lt: cutoff }, interaction: { direction: "INBOUND" } },
    select: { id: true, interactionId: true },
  });
  for (const item of stale) {
    const events = new PendingEvents();
    await deps.db.$transaction(async (tx) => {
      // A caller on a call (telephone or browser) may be sent to voicemail or offered a call-back instead (the queue says which).
      const callerOverflow = await callerOverflowOf(tx, queueId, item.interactionId, "MAX_WAIT");
      if (callerOverflow) {
        // Out of the queue altogether: the overflow flow may put the caller back in (one item per interaction).
        const taken = await tx.queueItem.deleteMany({ where: { id: item.id, state: "WAITING" } });
        if (taken.count !== 1) return;
        await recordEvent(tx, {
          organizationId: queue.organizationId,
          interactionId: item.interactionId,
          type: "overflowed",
          queueId,
          at: now,
          data: { reason: "MAX_WAIT", to: callerOverflow },
        });
        await sendCallToOverflow(
          tx,
          { organizationId: queue.organizationId, queueId, interactionId: item.interactionId, action: callerOverflow, reason: "MAX_WAIT", now },
          events,
        );
        return;
      }
      // Never into a queue the item has already been through: two queues overflowing into each other would loop.
      const visited = new Set(
        (await tx.interactionEvent.findMany({ where: { interactionId: item.interactionId, type: "queued" }, select: { queueId: true } })).map((e) => e.queueId),
      );
      const target = queue.overflowQueueId && !visited.has(queue.overflowQueueId) ? await tx.queue.findUnique({ where: { id: queue.overflowQueueId } }) : null;
      const moved = await tx.queueItem.updateMany({
        where: { id: item.id, state: "WAITING" },
        data: target?.active ? { queueId: target.id, priority: target.priority, enqueuedAt: now, declinedBy: [] } : { state: "DONE" },
      });
      if (moved.count !== 1) return;
      const toQueueId = target?.active ? target.id : null;
      await recordEvent(tx, {
        organizationId: queue.organizationId,
        interactionId: item.interactionId,
        type: "overflowed",
        queueId,
        at: now,
        data: { reason: "MAX_WAIT", to: toQueueId },
      });
      if (toQueueId) {
        await tx.interaction.update({ where: { id: item.interactionId }, data: { queueId: toQueueId } });
        await recordEvent(tx, { organizationId: queue.organizationId, interactionId: item.interactionId, type: "queued", queueId: toQueueId, at: now });
        events.add("routing.wake", { organizationId: queue.organizationId, queueIds: [toQueueId] });
      }
      events.add("routing.overflowed", { organizationId: queue.organizationId, queueId, interactionId: item.interactionId, toQueueId, reason: "MAX_WAIT" });
    });
    events.publishTo(deps.events);
  }
  return stale.length;
}
