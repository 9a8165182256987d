// When an agent goes offline (signs out, loses the connection, is deactivated), the customers they
// were serving must not be left talking to nobody: their conversations wait in the queue again,
// and offers made to them go to someone else.
import type { Deps } from "../ports.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { releaseAgent } from "./release-agent.ts";
import { withdrawOffer } from "./withdraw-offer.ts";
import { recordEvent } from "../interactions/record-event.ts";

export async function requeueAgentWork(organizationId: string, agentId: string, deps: Deps): Promise<number> {
  const events = new PendingEvents();
  const now = deps.now();
  const moved = await deps.db.$transaction(async (tx) => {
    const offers = await tx.queueItem.findMany({ where: { offeredToId: agentId, state: "OFFERED" }, select: { id: true } });
    for (const o of offers) await withdrawOffer(tx, { itemId: o.id, agentId, organizationId, reason: "CANCELLED", now }, events);
    // Live conversations only; e-mail and other asynchronous work stays assigned.
    const active = await tx.interaction.findMany({
      where: { agentId, state: "ACTIVE", channel: "CHAT" },
      select: { id: true, caseId: true, queueItem: { select: { id: true, queueId: true } } },
    });
    for (const i of active) {
      if (!i.queueItem) continue;
      await tx.queueItem.update({
        where: { id: i.queueItem.id },
        data: {
          state: "WAITING",
          assignedToId: null,
          offeredToId: null,
          enqueuedAt: now,
          declinedBy: [agentId],
          targetAgentId: null,
          transferFromId: null,
          transferNote: "",
        },
      });
      await tx.interaction.update({ where: { id: i.id }, data: { state: "QUEUED", agentId: null } });
      await recordEvent(tx, {
        organizationId,
        interactionId: i.id,
        type: "requeued",
        agentId,
        queueId: i.queueItem.queueId,
        at: now,
        data: { reason: "AGENT_OFFLINE" },
      });
      events.add("routing.item_queued", { organizationId, queueId: i.queueItem.queueId, itemId: i.queueItem.id, interactionId: i.id });
      events.add("case.updated", { organizationId, caseId: i.caseId });
    }
    await releaseAgent(tx, agentId, now);
    return active.length;
  });
  events.add("routing.wake", { organizationId, queueIds: "all" });
  events.publishTo(deps.events);
  return moved;
}
