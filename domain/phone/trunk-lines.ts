// A trunk's lines: how many its live calls hold (every telephone on a live call through it —
// callers, numbers called or consulted), and how many are left under its limit. Fax calls hold no
// call row: the media node counts its own against what is left (media/phone/fax-calls.ts).
import type { Deps } from "../ports.ts";
import type { Db } from "../shared/tx.ts";

export function trunkLinesInUse(db: Db, trunkId: string): Promise<number> {
  return db.callParty.count({ where: { trunkId, phone: { not: null }, leftAt: null, call: { state: { in: ["RINGING", "ACTIVE"] } } } });
}

/** Lines the trunk's calls leave free (0 for a trunk switched off or gone). */
export async function trunkFreeLines(trunkId: string, deps: Pick<Deps, "db">): Promise<number> {
  const trunk = await deps.db.sipTrunk.findUnique({ where: { id: trunkId }, select: { active: true, maxCalls: true } });
  if (!trunk?.active) return 0;
  return Math.max(0, trunk.maxCalls - (await trunkLinesInUse(deps.db, trunkId)));
}
