// "call.dialing" is a durable event: it may be delivered again after a crash, or heard by more
// than one media node. Whoever places the SIP call claims the telephone first, so it rings once.
import type { Deps } from "../ports.ts";

/** True for the one caller that may ring this telephone (not yet dialled, still on the call). */
export async function claimDialling(partyId: string, deps: Pick<Deps, "db" | "now">): Promise<boolean> {
  const r = await deps.db.callParty.updateMany({ where: { id: partyId, dialledAt: null, leftAt: null }, data: { dialledAt: deps.now() } });
  return r.count === 1;
}
