// Which music a caller on hold or waiting hears: their queue's uploaded music, when it has one
// (null: the product's own). Only the sound's id and version are read here; the media role loads
// (and caches) the bytes.
import type { Db } from "../shared/tx.ts";

export async function callHoldMusic(callId: string, db: Db): Promise<{ id: string; updatedAt: Date } | null> {
  const call = await db.call.findUnique({ where: { id: callId }, select: { interactionId: true } });
  if (!call?.interactionId) return null;
  const interaction = await db.interaction.findUnique({ where: { id: call.interactionId }, select: { queueId: true } });
  if (!interaction?.queueId) return null;
  const queue = await db.queue.findUnique({ where: { id: interaction.queueId }, select: { musicOnHold: { select: { id: true, updatedAt: true } } } });
  return queue?.musicOnHold ?? null;
}
