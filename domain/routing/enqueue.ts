import type { Channel } from "../queues/save-queue.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";

export type EnqueueResult = { queued: true; queueId: string; itemId: string } | { queued: false; reason: "MAX_LENGTH" | "INACTIVE"; message: string };

/**
 * Puts an interaction in a queue (inside the caller's transaction). A full queue sends it to its
 * overflow queue — one step only, so two queues overflowing into each other cannot loop.
 */
export async function enqueue(
  tx: Db,
  /** `priority`: added to the queue's own (an IVR flow raising some callers). */
  input: { organizationId: string; queueId: string; interactionId: string; channel: Channel; vip: boolean; now: Date; priority?: number },
  events: PendingEvents,
  overflowed = false,
): Promise<EnqueueResult> {
  const queue = await tx.queue.findFirst({
    where: { id: input.queueId, organizationId: input.organizationId },
    select: { id: true, active: true, priority: true, maxQueueLength: true, overflowQueueId: true, overflowMessage: true },
  });
  if (!queue?.active) return { queued: false, reason: "INACTIVE", message: "" };
  if (queue.maxQueueLength !== null) {
    const length = await tx.queueItem.count({ where: { queueId: queue.id, state: { in: ["WAITING", "OFFERED"] } } });
    if (length >= queue.maxQueueLength) {
      events.add("routing.overflowed", {
        organizationId: input.organizationId,
        queueId: queue.id,
        interactionId: input.interactionId,
        toQueueId: queue.overflowQueueId,
        reason: "MAX_LENGTH",
      });
      await tx.interactionEvent.create({
        data: {
          organizationId: input.organizationId,
          interactionId: input.interactionId,
          type: "overflowed",
          queueId: queue.id,
          at: input.now,
          data: { reason: "MAX_LENGTH", to: queue.overflowQueueId },
        },
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
    },
  });
  await tx.interaction.update({ where: { id: input.interactionId }, data: { queueId: queue.id, state: "QUEUED" } });
  await tx.interactionEvent.create({
    data: { organizationId: input.organizationId, interactionId: input.interactionId, type: "queued", queueId: queue.id, at: input.now },
  });
  events.add("routing.item_queued", { organizationId: input.organizationId, queueId: queue.id, itemId: item.id, interactionId: input.interactionId });
  events.add("routing.wake", { organizationId: input.organizationId, queueIds: [queue.id] });
  return { queued: true, queueId: queue.id, itemId: item.id };
}
