// A customer's call changes hands without going back to the queue: an agent completes a
// consult-then-transfer, or a supervisor takes the call over. The new person becomes the answering
// party and owns the conversation and the case; the ones they replace leave the call.
import type { InteractionEventData } from "../interactions/event-types.ts";
import { releaseAgent } from "../routing/release-agent.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { recordEvent } from "../interactions/record-event.ts";

export async function handOverCall(
  tx: Db,
  input: {
    callId: string;
    interactionId: string;
    /** The party taking the call (already on it: consulted, or monitoring). */
    toPartyId: string;
    toUserId: string;
    /** The agents leaving it. */
    fromUserIds: string[];
    event: { type: "transferred"; data: InteractionEventData<"transferred"> } | { type: "taken_over"; data: InteractionEventData<"taken_over"> };
    now: Date;
  },
  events: PendingEvents,
) {
  const { now } = input;
  const interaction = await tx.interaction.findUniqueOrThrow({ where: { id: input.interactionId } });
  await tx.callParty.updateMany({ where: { callId: input.callId, userId: { in: input.fromUserIds }, leftAt: null }, data: { leftAt: now } });
  await tx.callParty.update({ where: { id: input.toPartyId }, data: { role: "CALLEE", mode: null, leftAt: null, joinedAt: now } });
  const call = await tx.call.update({
    where: { id: input.callId },
    data: { held: false },
    include: { parties: { select: { userId: true, visitorId: true } } },
  });
  await tx.interaction.update({ where: { id: interaction.id }, data: { agentId: input.toUserId } });
  await tx.queueItem.updateMany({ where: { interactionId: interaction.id, state: "ASSIGNED" }, data: { assignedToId: input.toUserId } });
  await tx.case.update({ where: { id: interaction.caseId }, data: { assigneeId: input.toUserId, lastActivityAt: now } });
  await recordEvent(tx, {
    organizationId: interaction.organizationId,
    interactionId: interaction.id,
    agentId: input.toUserId,
    queueId: interaction.queueId,
    at: now,
    ...input.event,
  });
  for (const id of input.fromUserIds) await releaseAgent(tx, id, now);
  await tx.agentPresence.updateMany({ where: { userId: input.toUserId }, data: { idleSince: null } });
  events.add("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ACTIVE" });
  events.add("case.updated", { organizationId: interaction.organizationId, caseId: interaction.caseId });
  events.add("routing.wake", { organizationId: interaction.organizationId, queueIds: "all" });
  return interaction;
}
