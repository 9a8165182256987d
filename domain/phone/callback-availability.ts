import type { Db } from "../shared/tx.ts";

/** Whether a widget can take call-back requests: a line to call out on, and a queue that takes calls. */
export async function callbacksAvailable(db: Db, organizationId: string, queueId: string): Promise<boolean> {
  const [trunk, queue] = await Promise.all([
    db.sipTrunk.findFirst({ where: { organizationId, active: true }, select: { id: true } }),
    db.queue.findFirst({ where: { id: queueId, organizationId, active: true }, select: { channels: true } }),
  ]);
  return !!trunk && !!queue?.channels.includes("VOICE");
}
