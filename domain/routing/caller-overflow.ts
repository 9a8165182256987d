// A caller on a call the queue cannot keep (it is full, or they waited its longest), when the queue
// sends such callers to voicemail or offers them a call-back: routing decides and takes the call
// out of the queue into the IVR state; the IVR (ivr/overflow.ts) then runs the overflow flow on it.
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { recordEvent } from "../interactions/record-event.ts";

export type OverflowAction = "VOICEMAIL" | "CALLBACK";

/** A caller who waits on after a call-back offer is offered again after the next long wait, this often at most. */
const OFFERS_PER_CALL = 3;

/**
 * The queue's overflow for a caller on a call in, when it is voicemail or a call-back offer (never
 * for chats). A full queue sends a caller there once; a long wait up to OFFERS_PER_CALL times — after
 * that the queue's plain overflow applies (so a caller the flow puts back cannot loop).
 */
export async function callerOverflowOf(tx: Db, queueId: string, interactionId: string, reason: "MAX_LENGTH" | "MAX_WAIT"): Promise<OverflowAction | null> {
  const queue = await tx.queue.findUnique({ where: { id: queueId }, select: { overflowAction: true } });
  if (!queue || queue.overflowAction === "QUEUE") return null;
  const call = await tx.call.findFirst({
    where: { interactionId, state: { not: "ENDED" } },
    select: { parties: { select: { role: true, phone: true, visitorId: true } } },
  });
  // Only a caller on a call in (a telephone, or a browser from the widget) can be sent to
  // voicemail or offered a call-back here; chats, call-backs and calls out keep the plain overflow.
  if (!call?.parties.some((p) => p.role === "CALLER" && (p.phone || p.visitorId))) return null;
  const before = await tx.interactionEvent.count({ where: { interactionId, queueId, type: "ivr_started" } });
  if (before >= (reason === "MAX_LENGTH" ? 1 : OFFERS_PER_CALL)) return null;
  return queue.overflowAction as OverflowAction;
}

/**
 * Inside the transaction that took the caller out of the queue: their call goes (back) into the
 * IVR state, so the media role runs the overflow flow on it ("routing.overflowed" with the call).
 */
export async function sendCallToOverflow(
  tx: Db,
  input: { organizationId: string; queueId: string; interactionId: string; action: OverflowAction; reason: "MAX_LENGTH" | "MAX_WAIT"; now: Date },
  events: PendingEvents,
) {
  const call = await tx.call.findFirst({
    where: { interactionId: input.interactionId, state: { not: "ENDED" } },
    include: { parties: { select: { userId: true, visitorId: true } } },
  });
  if (!call) return;
  await tx.call.update({ where: { id: call.id }, data: { ivr: true } });
  await tx.interaction.update({ where: { id: input.interactionId }, data: { queueId: input.queueId, state: "QUEUED" } });
  await recordEvent(tx, {
    organizationId: input.organizationId,
    interactionId: input.interactionId,
    type: "ivr_started",
    queueId: input.queueId,
    at: input.now,
    data: { overflow: input.action, reason: input.reason },
  });
  events.add("routing.overflowed", {
    organizationId: input.organizationId,
    queueId: input.queueId,
    interactionId: input.interactionId,
    toQueueId: null,
    reason: input.reason,
    to: input.action,
    callId: call.id,
  });
  events.add("call.updated", { organizationId: input.organizationId, callId: call.id, state: call.state });
}
