// A customer's call offered by the ACD is accepted: the agent joins it as the answering party and
// the call goes live (inside the accepting transaction). A transfer hands it to the new agent.
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";

export async function connectAgentToCall(
  tx: Db,
  input: { interactionId: string; agentId: string; previousAgentId: string | null; now: Date },
  events: PendingEvents,
) {
  const call = await tx.call.findUnique({ where: { interactionId: input.interactionId }, include: { parties: true } });
  if (!call || call.state === "ENDED") return;
  if (input.previousAgentId) {
    await tx.callParty.updateMany({ where: { callId: call.id, userId: input.previousAgentId, leftAt: null }, data: { leftAt: input.now } });
  }
  const existing = call.parties.find((p) => p.userId === input.agentId);
  if (existing) await tx.callParty.update({ where: { id: existing.id }, data: { leftAt: null, joinedAt: input.now } });
  else await tx.callParty.create({ data: { callId: call.id, role: "CALLEE", userId: input.agentId, joinedAt: input.now } });
  await tx.call.update({ where: { id: call.id }, data: { state: "ACTIVE", answeredAt: call.answeredAt ?? input.now } });
  // A campaign's call: the person is through to an agent now (the abandon clock stops).
  await tx.campaignAttempt.updateMany({ where: { callId: call.id, connectedAt: null }, data: { connectedAt: input.now, agentId: input.agentId } });
  // The previous agent hears of it too: they stay among the call's parties (left).
  events.add("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ACTIVE" });
}
