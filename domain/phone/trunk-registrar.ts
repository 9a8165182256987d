// In a cluster, one media node keeps each registering trunk's registration. Two nodes registering
// one account would give the provider two contacts (calls in reach either, or only the last to
// register) and two nodes writing the trunk's status. So a node registers a trunk only while it
// holds the trunk's registrar lease: it takes one nobody holds, one whose lease lapsed or whose
// node no longer beats, renews it every few seconds while its phone gateway works, and gives it
// up when it stops. Calls out on a registering trunk go through the same node (voice/media-owner).
// One process writes no lease: it registers every trunk itself.
import type { Deps } from "../ports.ts";
import type { Db } from "../shared/tx.ts";
import { setTrunkStatus } from "./trunk-status.ts";

/** How long a registration stays its node's after the node's last renewal. */
export const REGISTRAR_LEASE_MS = 15_000;

/**
 * Takes or keeps the registration of `trunkIds` for `nodeId` (a trunk nobody holds, this node's,
 * or one whose lease lapsed or whose node is not among `liveNodeIds`), renewing the lease to
 * `now + leaseMs`, and lets go of this node's other trunks. Returns the trunks this node holds.
 * Concurrent claims of one trunk have one winner: the update re-reads the row it waited for.
 */
export async function holdRegistrars(
  db: Db,
  o: { nodeId: string; trunkIds: string[]; liveNodeIds: string[]; now: Date; leaseMs?: number },
): Promise<Set<string>> {
  const leaseUntil = new Date(o.now.getTime() + (o.leaseMs ?? REGISTRAR_LEASE_MS));
  await db.trunkRegistrar.deleteMany({ where: { nodeId: o.nodeId, trunkId: { notIn: o.trunkIds } } });
  if (!o.trunkIds.length) return new Set();
  // A stale leaseUntil: the update below takes it over at once (a row only appears unheld).
  await db.trunkRegistrar.createMany({ data: o.trunkIds.map((trunkId) => ({ trunkId, nodeId: o.nodeId, leaseUntil })), skipDuplicates: true });
  await db.trunkRegistrar.updateMany({
    where: {
      trunkId: { in: o.trunkIds },
      OR: [{ nodeId: o.nodeId }, { leaseUntil: { lt: o.now } }, { nodeId: { notIn: [...o.liveNodeIds, o.nodeId] } }],
    },
    data: { nodeId: o.nodeId, leaseUntil },
  });
  const held = await db.trunkRegistrar.findMany({ where: { nodeId: o.nodeId, trunkId: { in: o.trunkIds } }, select: { trunkId: true } });
  return new Set(held.map((r) => r.trunkId));
}

/** This node stops: its trunks may be registered by another at once. */
export async function releaseRegistrars(db: Db, nodeId: string): Promise<void> {
  await db.trunkRegistrar.deleteMany({ where: { nodeId } });
}

/** The node keeping `trunkId`'s registration now (null: none, or its lease lapsed). */
export async function registrarOf(db: Db, trunkId: string, now: Date): Promise<string | null> {
  const row = await db.trunkRegistrar.findUnique({ where: { trunkId } });
  return row && row.leaseUntil > now ? row.nodeId : null;
}

/**
 * Trunks whose registrar stopped renewing (its node died and no other took the trunk over) say so:
 * a status of REGISTERED would be a lie the admin's alarm never sees. Returns how many changed.
 */
export async function trunksWithoutRegistrar(deps: Pick<Deps, "db" | "events" | "now" | "log">): Promise<number> {
  const lapsed = await deps.db.trunkRegistrar.findMany({
    where: { leaseUntil: { lt: deps.now() }, trunk: { active: true, register: true, status: { in: ["REGISTERED", "REGISTERING"] } } },
    select: { trunkId: true },
  });
  for (const r of lapsed) await setTrunkStatus(r.trunkId, "FAILED", "No media node keeps the registration (the one that did stopped)", deps);
  return lapsed.length;
}
