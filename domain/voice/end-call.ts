// Ending a call inside the caller's transaction: the call and every party's presence on it end
// once (a second end is a no-op), and the call's people are told after commit.
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";

/** Returns the ended call's interaction (a customer's call) or null; null too when already ended. */
export async function endCallTx(
  tx: Db,
  input: { callId: string; reason: string; endedById: string | null; now: Date },
  events: PendingEvents,
): Promise<{ interactionId: string | null } | null> {
  const ended = await tx.call.updateMany({
    where: { id: input.callId, state: { in: ["RINGING", "ACTIVE"] } },
    data: { state: "ENDED", endedAt: input.now, endReason: input.reason, endedById: input.endedById },
  });
  if (ended.count !== 1) return null;
  await tx.callParty.updateMany({ where: { callId: input.callId, leftAt: null }, data: { leftAt: input.now } });
  const call = await tx.call.findUniqueOrThrow({ where: { id: input.callId }, include: { parties: { select: { userId: true, visitorId: true } } } });
  events.add("call.updated", { organizationId: call.organizationId, callId: call.id, state: "ENDED" });
  return { interactionId: call.interactionId };
}
