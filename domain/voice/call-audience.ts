// Who is told of a change to a call: everyone who has been on it — staff by user id, web callers
// by visitor id — read when the event is delivered, so it is worked out here and nowhere else
// (a call.updated event carries only ids).
import type { Db } from "../shared/tx.ts";

export type CallAudience = { userIds: string[]; visitorIds: string[] };

export async function callAudience(db: Db, callId: string): Promise<CallAudience> {
  const parties = await db.callParty.findMany({ where: { callId }, select: { userId: true, visitorId: true } });
  return {
    userIds: [...new Set(parties.flatMap((p) => (p.userId ? [p.userId] : [])))],
    visitorIds: [...new Set(parties.flatMap((p) => (p.visitorId ? [p.visitorId] : [])))],
  };
}
