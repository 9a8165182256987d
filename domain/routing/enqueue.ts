import { type OverflowAction, callerOverflowOf, sendCallToOverflow } from "./caller-overflow.ts";
import type { Channel } from "../queues/save-queue.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { dueAt } from "./scheduled.ts";
import { recordEvent } from "../interactions/record-event.ts";

export type EnqueueResult =
  | { queued: true; queueId: string; itemId: string }
  /** `overflow`: the caller (on a call) now runs the queue's voicemail / call-back flow (see caller-overflow.ts). */
  | { queued: false; reason: "MAX_LENGTH" | "INACTIVE"; message: string; overflow?: OverflowAction };

/**
 * Puts an interaction in a queue (inside the caller's transaction). A full queue sends it to its
 * overflow queue — one step only, so two queues overflowing into each other cannot loop.
 * Work with a time of its own (`notBefore`: a call-back) holds no line, so a full queue takes it
 * all the same; it is offered from that time on (see scheduled.ts).
 */
export async function enqueue(
  tx: Db,
  /** `priority`: added to the queue's own (an IVR flow raising some callers). */
  input: {
    organizationId: string;
    queueId: string;
    interactionId: string;
    channel: Channel;
    vip: boolean;
    now: Date;
    priority?: number;
    notBefore?: Date | null;
  },
  events: PendingEvents,
  overflowed = false,
): Promise<EnqueueResult> {
  const queue = await tx.queue.findFirst({
    where: { id: input.queueId, organizationId: input.organizationId },
    select: { id: true, active: true, priority: true, maxQueueLength: true, overflowQueueId: true, overflowMessage: true },
  });
  if (!queue?.active) return { queued: false, reason: "INACTIVE", message: "" };
  if (queue.maxQueueLength !== null && !input.notBefore) {
    // Call-backs due later are not waiting yet: they do not fill the queue.
    const length = await tx.queueItem.count({ where: { queueId: queue.id, state: { in: ["WAITING", "OFFERED"] }, ...dueAt(input.now) } });
    if (length >= queue.maxQueueLength) {
      // A caller on a call (telephone or browser) may be sent to voicemail or offered a call-back instead (the queue says which).
      const callerOverflow = input.channel === "VOICE" ? await callerOverflowOf(tx, queue.id, input.interactionId, "MAX_LENGTH") : null;
      const to = callerOverflow ?? queue.overflowQueueId;
      await recordEvent(tx, {
        organizationId: input.organizationId,
        interactionId: input.interactionId,
        type: "overflowed",
        queueId: queue.id,
        at: input.now,
        data: { reason: "MAX_LENGTH", to },
      });
      if (callerOverflow) {
        await sendCallToOverflow(
          tx,
          {
            organizationId: input.organizationId,
            queueId: queue.id,
            interactionId: input.interactionId,
            action: callerOverflow,
            reason: "MAX_LENGTH",
            now: input.now,
          },
          events,
        );
        return { queued: false, reason: "MAX_LENGTH", message: queue.overflowMessage, overflow: callerOverflow };
      }
      events.add("routing.overflowed", {
        organizationId: input.organizationId,
        queueId: queue.id,
        interactionId: input.interactionId,
        toQueueId: queue.overflowQueueId,
        reason: "MAX_LENGTH",
      });
      if (queue.overflowQueueId && !overflowed) return enqueue(tx, { ...input, queueId: queue.overflowQueueId }, events, true);
      return { queued: false, reason: "MAX_LENGTH", message: queue.overflowMessage };
    }
  }
  const item = await tx.queueItem.create({
    data: {
      organizationId: input.organizationId,
      queueId: queue.id,
      interactionId: input.interactionId,
      channel: input.channel,
      vip: input.vip,
      priority: queue.priority + (input.priority ?? 0),
      enqueuedAt: input.now,
      notBefore: input.notBefore ?? null,
    },
  });
  await tx.interaction.update({ where: { id: input.interactionId }, data: { queueId: queue.id, state: "QUEUED" } });
  await recordEvent(tx, {
    organizationId: input.organizationId,
    interactionId: input.interactionId,
    type: "queued",
    queueId: queue.id,
    at: input.now,
    ...(input.notBefore ? { data: { notBefore: input.notBefore.toISOString() } } : {}),
  });
  events.add("routing.item_queued", { organizationId: input.organizationId, queueId: queue.id, itemId: item.id, interactionId: input.interactionId });
  events.add("routing.wake", { organizationId: input.organizationId, queueIds: [queue.id] });
  return { queued: true, queueId: queue.id, itemId: item.id };
}
