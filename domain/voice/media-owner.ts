// Which media node carries a call, when media runs on nodes of their own. The first node to
// claim a live call owns it (a conditional update: one winner); the owner renews its calls' lease
// while it runs, and a live call whose lease lapsed lost its media with its node: it ends as
// MEDIA_FAILED, like a call whose media engine died.
import type { Deps } from "../ports.ts";
import type { Db } from "../shared/tx.ts";
import { endCall } from "./calls.ts";

/** Claims the live call for `nodeId` unless a node has it; returns its owner (null: no live call). */
export async function claimCallMedia(db: Db, callId: string, nodeId: string, leaseUntil: Date): Promise<string | null> {
  await db.call.updateMany({ where: { id: callId, mediaNodeId: null, state: { not: "ENDED" } }, data: { mediaNodeId: nodeId, mediaLeaseUntil: leaseUntil } });
  const call = await db.call.findUnique({ where: { id: callId }, select: { mediaNodeId: true, state: true } });
  return call && call.state !== "ENDED" ? call.mediaNodeId : null;
}

/** What a live call without a media node needs of one: the trunk of its telephone (the one
 * rung or called in on) and the node keeping that trunk's registration now (null: the trunk does
 * not register, or no node holds it). Null: no telephone on the call. */
export async function callPhoneNeed(db: Db, callId: string, now: Date): Promise<{ trunkId: string; registrar: string | null } | null> {
  const call = await db.call.findUnique({
    where: { id: callId },
    select: { trunkId: true, parties: { where: { phone: { not: null }, trunkId: { not: null } }, select: { trunkId: true }, take: 1 } },
  });
  const trunkId = call?.trunkId ?? call?.parties[0]?.trunkId ?? null;
  if (!trunkId) return null;
  const trunk = await db.sipTrunk.findUnique({ where: { id: trunkId }, select: { register: true, registrar: { select: { nodeId: true, leaseUntil: true } } } });
  const registrar = trunk?.register && trunk.registrar && trunk.registrar.leaseUntil > now ? trunk.registrar.nodeId : null;
  return { trunkId, registrar };
}

/** The node carrying the call now (null: none yet). */
export async function callMediaOwner(db: Db, callId: string): Promise<{ owner: string | null; live: boolean } | null> {
  const call = await db.call.findUnique({ where: { id: callId }, select: { mediaNodeId: true, state: true } });
  return call && { owner: call.mediaNodeId, live: call.state !== "ENDED" };
}

/** The node still carries its live calls: their lease runs until `leaseUntil`. */
export async function renewMediaLeases(db: Db, nodeId: string, leaseUntil: Date): Promise<number> {
  const { count } = await db.call.updateMany({ where: { mediaNodeId: nodeId, state: { not: "ENDED" } }, data: { mediaLeaseUntil: leaseUntil } });
  return count;
}

/** Ends the live calls whose media node stopped renewing their lease. */
export async function endCallsWithoutMedia(deps: Deps): Promise<number> {
  const lapsed = await deps.db.call.findMany({
    where: { state: { not: "ENDED" }, mediaLeaseUntil: { lt: deps.now() } },
    select: { id: true, mediaNodeId: true },
    take: 500,
  });
  let ended = 0;
  for (const call of lapsed) {
    deps.log.error({ callId: call.id, mediaNodeId: call.mediaNodeId }, "call failed: the media node carrying it is gone");
    if (await endCall(call.id, "MEDIA_FAILED", null, deps)) ended++;
    // Its recording's parts were on that node: nobody will make the file. It fails, saying why,
    // rather than staying "recording" for ever.
    await deps.db.recording.updateMany({
      where: { callId: call.id, state: { in: ["RECORDING", "PROCESSING"] } },
      data: { state: "FAILED", error: "The media node carrying the call stopped; the recording could not be saved", endedAt: deps.now() },
    });
  }
  return ended;
}
