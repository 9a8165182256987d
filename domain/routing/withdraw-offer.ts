import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { recordEvent } from "../interactions/record-event.ts";

/**
 * Takes an offer back from an agent (rejected, timed out, or they left): the item waits again,
 * or, for a transfer to one person, goes back to the agent who was transferring it.
 */
export async function withdrawOffer(
  tx: Db,
  input: { itemId: string; agentId: string; organizationId: string; reason: "TIMEOUT" | "REJECTED" | "CANCELLED"; now: Date },
  events: PendingEvents,
): Promise<boolean> {
  const item = await tx.queueItem.findFirst({
    where: { id: input.itemId, organizationId: input.organizationId, offeredToId: input.agentId, state: "OFFERED" },
  });
  if (!item) return false;
  const directTransfer = item.targetAgentId !== null && item.transferFromId !== null;
  const updated = await tx.queueItem.updateMany({
    where: { id: item.id, state: "OFFERED", offeredToId: input.agentId },
    data: directTransfer
      ? {
          state: "ASSIGNED",
          assignedToId: item.transferFromId,
          offeredToId: null,
          offerExpiresAt: null,
          targetAgentId: null,
          transferFromId: null,
          transferNote: "",
        }
      : { state: "WAITING", offeredToId: null, offerExpiresAt: null, declinedBy: { push: input.agentId } },
  });
  if (updated.count !== 1) return false;
  const type = input.reason === "TIMEOUT" ? "offer_timeout" : input.reason === "REJECTED" ? "rejected" : "offer_cancelled";
  await recordEvent(tx, {
    organizationId: input.organizationId,
    interactionId: item.interactionId,
    type,
    agentId: input.agentId,
    queueId: item.queueId,
    at: input.now,
  });
  events.add("routing.offer_withdrawn", {
    organizationId: input.organizationId,
    queueId: item.queueId,
    itemId: item.id,
    interactionId: item.interactionId,
    agentId: input.agentId,
    reason: input.reason,
  });
  if (directTransfer) {
    const interaction = await tx.interaction.findUniqueOrThrow({ where: { id: item.interactionId }, select: { caseId: true } });
    await recordEvent(tx, {
      organizationId: input.organizationId,
      interactionId: item.interactionId,
      type: "transfer_failed",
      agentId: item.transferFromId,
      at: input.now,
    });
    events.add("routing.transfer_failed", {
      organizationId: input.organizationId,
      interactionId: item.interactionId,
      caseId: interaction.caseId,
      agentId: item.transferFromId!,
    });
  } else {
    events.add("routing.wake", { organizationId: input.organizationId, queueIds: [item.queueId] });
  }
  return true;
}
