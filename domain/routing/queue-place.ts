// A waiting interaction's place in its queue (1: next), by the order the router offers work in:
// VIP first, then priority, then the time it joined; a call-back due later is nobody's turn yet.
// Told to phone callers (ivr/announcements.ts) and noted when a caller hangs up (end-interaction.ts).
import type { Db } from "../shared/tx.ts";
import { dueAt } from "./scheduled.ts";

export async function queuePlace(db: Db, interactionId: string, now: Date): Promise<{ place: number; queueId: string } | null> {
  const mine = await db.queueItem.findUnique({
    where: { interactionId },
    select: { queueId: true, vip: true, priority: true, enqueuedAt: true, state: true },
  });
  if (!mine || (mine.state !== "WAITING" && mine.state !== "OFFERED")) return null;
  const ahead = await db.queueItem.count({
    where: {
      queueId: mine.queueId,
      state: { in: ["WAITING", "OFFERED"] },
      interactionId: { not: interactionId },
      AND: [dueAt(now)],
      OR: [
        ...(mine.vip ? [] : [{ vip: true }]),
        { vip: mine.vip, priority: { gt: mine.priority } },
        { vip: mine.vip, priority: mine.priority, enqueuedAt: { lt: mine.enqueuedAt } },
      ],
    },
  });
  return { place: ahead + 1, queueId: mine.queueId };
}
