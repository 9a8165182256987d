// A caller taken out of the queue before any agent answered, into the system's hands: a fax
// machine heard on a voice number's call (domain/fax/fax-detect.ts). An offer ringing meanwhile is
// withdrawn; nothing routes the call afterwards (it is in the IVR state, like a caller the overflow
// flow holds), and whoever took it ends its conversation.
import type { InteractionState } from "../interactions/interaction-state.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { withdrawOffer } from "./withdraw-offer.ts";

/** Inside the caller's transaction: the queue the call was waiting in (or being offered from), now
 * out of it; null when an agent has it already, or it is over. */
export async function takeCallFromQueue(
  tx: Db,
  input: { callId: string; reason: "FAX"; now: Date },
  events: PendingEvents,
): Promise<{ queueId: string } | null> {
  const call = await tx.call.findUnique({ where: { id: input.callId }, select: { state: true, interactionId: true, organizationId: true } });
  if (!call?.interactionId || call.state === "ENDED") return null;
  // Serialises with an agent accepting it (as endInteraction does).
  const [row] = await tx.$queryRaw<{ state: InteractionState }[]>`select "state" from "Interaction" where "id" = ${call.interactionId}::uuid for no key update`;
  if (row?.state !== "QUEUED") return null;
  const item = await tx.queueItem.findUnique({ where: { interactionId: call.interactionId } });
  if (!item || (item.state !== "WAITING" && item.state !== "OFFERED")) return null;
  if (item.state === "OFFERED" && item.offeredToId)
    await withdrawOffer(tx, { itemId: item.id, agentId: item.offeredToId, organizationId: call.organizationId, reason: "CANCELLED", now: input.now }, events);
  const taken = await tx.queueItem.deleteMany({ where: { id: item.id, state: "WAITING" } });
  if (taken.count !== 1) return null;
  await tx.call.update({ where: { id: input.callId }, data: { ivr: true } });
  events.add("routing.left_queue", { organizationId: call.organizationId, queueId: item.queueId, interactionId: call.interactionId, reason: input.reason });
  return { queueId: item.queueId };
}
