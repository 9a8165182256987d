// Whether a queue has anyone to take new work: asked before a customer is let in to wait (a chat
// started, a call answered), whatever the channel.
import type { Db } from "../shared/tx.ts";

/** Someone is working the queue: a member who is Ready, or busy with live work right now. */
export async function isStaffed(tx: Db, queueId: string): Promise<boolean> {
  const n = await tx.queueMember.count({
    where: {
      queueId,
      // Agents in wrap-up are staff about to be free: the customer waits for them.
      user: { active: true, OR: [{ presence: { state: { in: ["READY", "WRAP_UP"] } } }, { interactions: { some: { state: "ACTIVE" } } }] },
    },
  });
  return n > 0;
}
