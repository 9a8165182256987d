import type { Db } from "../shared/tx.ts";

/** After an agent's work ends or moves to someone else: idle from now, if nothing else is theirs. */
export async function releaseAgent(tx: Db, agentId: string, now: Date) {
  const still = await tx.interaction.count({ where: { agentId, state: "ACTIVE" } });
  if (still === 0) await tx.agentPresence.updateMany({ where: { userId: agentId }, data: { idleSince: now } });
}
