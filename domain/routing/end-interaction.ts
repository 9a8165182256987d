// The end of an interaction, whatever its channel and whoever ends it: out of its queue, its agent
// freed (and into wrap-up after a call), its call ended with it.
import { beginWrapUp } from "../agents/wrap-up.ts";
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { queuePlace } from "./queue-place.ts";
import { releaseAgent } from "./release-agent.ts";
import { withdrawOffer } from "./withdraw-offer.ts";
import { type InteractionState, endingOf } from "../interactions/interaction-state.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** Takes a waiting interaction out of its queue (an offer in flight is withdrawn). */
export async function dropFromQueue(tx: Db, interactionId: string, organizationId: string, now: Date, events: PendingEvents) {
  const item = await tx.queueItem.findUnique({ where: { interactionId } });
  if (!item) return;
  if (item.state === "OFFERED" && item.offeredToId)
    await withdrawOffer(tx, { itemId: item.id, agentId: item.offeredToId, organizationId, reason: "CANCELLED", now }, events);
  await tx.queueItem.update({ where: { id: item.id }, data: { state: "DONE", offeredToId: null, offerExpiresAt: null } });
}

/**
 * Ends a conversation, whoever ends it: a queued one is abandoned (the customer left before an
 * agent answered), a live one ends and frees its agent; a call ends with it.
 */
export async function endInteraction(
  interactionId: string,
  endedBy: "CONTACT" | "AGENT" | "SYSTEM",
  deps: Deps,
  /** For a call: why it ended and who ended it, when the caller knows better than `endedBy`;
   * `keepCall`: the agent's conversation ends but the call goes on (handed to an outside number). */
  callEnd?: { reason: string; endedById: string | null } | { keepCall: true },
) {
  const events = new PendingEvents();
  const now = deps.now();
  const ended = await deps.db.$transaction(async (tx) => {
    // NO KEY UPDATE: it serialises with other writers of the interaction (an agent accepting it)
    // yet lets the router note an offer's event meanwhile (a foreign-key share lock), which would
    // otherwise deadlock with it on the queue item.
    const [row] = await tx.$queryRaw<{ state: InteractionState }[]>`select "state" from "Interaction" where "id" = ${interactionId}::uuid for no key update`;
    const state = row && endingOf(row.state);
    if (!state) return null;
    const i = await tx.interaction.findUniqueOrThrow({ where: { id: interactionId } });
    // Where a caller who gives up was in the queue, for the report's unanswered calls.
    const place = state === "ABANDONED" ? await queuePlace(tx, i.id, now) : null;
    await dropFromQueue(tx, i.id, i.organizationId, now, events);
    await tx.interaction.update({ where: { id: i.id }, data: { state, endedAt: now, endedBy } });
    await recordEvent(tx, {
      organizationId: i.organizationId,
      interactionId: i.id,
      type: state === "ABANDONED" ? "abandoned" : "ended",
      agentId: i.agentId,
      at: now,
      data: place ? { by: endedBy, place: place.place } : { by: endedBy },
    });
    // The channel's part: a call ends with its conversation (unless it is kept).
    const { hadCall } = await deps.work.ended(tx, { interactionId: i.id, state, endedBy, agentId: i.agentId, callEnd, now }, events);
    if (i.agentId) await releaseAgent(tx, i.agentId, now);
    // A call the agent had (not a chat: agents hold several) is followed by the queue's wrap-up.
    if (i.agentId && hadCall && state === "ENDED")
      await beginWrapUp(tx, { organizationId: i.organizationId, agentId: i.agentId, interactionId: i.id, queueId: i.queueId, now }, events);
    await tx.case.update({ where: { id: i.caseId }, data: { lastActivityAt: now } });
    events.add("interaction.ended", { organizationId: i.organizationId, caseId: i.caseId, interactionId: i.id, agentId: i.agentId, endedBy });
    events.add("case.updated", { organizationId: i.organizationId, caseId: i.caseId });
    if (i.agentId) events.add("routing.wake", { organizationId: i.organizationId, queueIds: "all" });
    return i;
  });
  events.publishTo(deps.events);
  return ended;
}
