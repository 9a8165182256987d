// A media node's side of the cluster: it answers other nodes' call-media requests with its own
// media, announces itself (load, voice, phone gateway) by heartbeat, renews the lease of the
// calls it carries at each beat, and takes part in only the call events of calls it owns. At
// each beat it also finishes the rooms of calls that ended where it did not hear of it (ended on
// another node, whose events do not reach this one), so no room outlives its call.
import type { EventListener } from "../../domain/events.ts";
import type { CallMedia } from "../../domain/ports.ts";
import type { Db } from "../../domain/shared/tx.ts";
import { callMediaOwner, callPhoneNeed, claimCallMedia, renewMediaLeases } from "../../domain/voice/media-owner.ts";
import type { Logger } from "../logger.ts";
import type { NodeInfo, NodeRegistry } from "../rpc/node-registry.ts";
import type { RpcNode } from "../rpc/rpc-node.ts";
import { eligibleMediaNodes } from "./pick-node.ts";
import { CALL_METHODS } from "./routed-call-media.ts";

/** This node's rooms, as the heartbeat sees them. */
export interface ServedRooms {
  /** The calls whose rooms are here. */
  callIds(): string[];
  /** The call ended: its recording is finished and its room closed (as on its `call.updated`). */
  ended(call: { id: string; organizationId: string }): Promise<void>;
}

export interface ServeOptions {
  db: Db;
  rpc: RpcNode;
  registry: NodeRegistry;
  local: CallMedia;
  rooms: ServedRooms;
  leaseMs: number;
  log: Logger;
}

export async function serveCallMedia(o: ServeOptions): Promise<{ stop(): Promise<void> }> {
  for (const m of CALL_METHODS) o.rpc.handle(`media.${m}`, (...args: unknown[]) => (o.local[m] as (...a: unknown[]) => unknown)(...args));
  await o.registry.announce(async () => {
    await renewMediaLeases(o.db, o.rpc.id, new Date(Date.now() + o.leaseMs)).catch((err) => o.log.error({ err }, "renewing the calls' media leases failed"));
    await finishEnded(o).catch((err) => o.log.error({ err }, "closing the rooms of ended calls failed"));
    return { id: o.rpc.id, roles: ["media"], load: o.rooms.callIds().length, voice: o.local.status(), phoneProblem: o.local.phoneProblem() };
  });
  return { stop: () => o.registry.withdraw(o.rpc.id, ["media"]) };
}

async function finishEnded(o: ServeOptions) {
  const ids = o.rooms.callIds();
  if (!ids.length) return;
  const ended = await o.db.call.findMany({ where: { id: { in: ids }, state: "ENDED" }, select: { id: true, organizationId: true } });
  for (const call of ended) await o.rooms.ended(call);
}

/** Whether this node carries the call: it does when it owns it, or claims it now (a new call it
 * may carry: a telephone call on a trunk another live node registers is that node's to claim). */
export function callOwnership(db: Db, nodeId: string, leaseMs: number, nodes: () => NodeInfo[]) {
  return async (callId: string): Promise<boolean> => {
    const now = await callMediaOwner(db, callId);
    if (!now) return false;
    if (now.owner) return now.owner === nodeId;
    if (!now.live) return false;
    const eligible = eligibleMediaNodes(nodes(), await callPhoneNeed(db, callId, new Date()));
    if (eligible.length && !eligible.some((n) => n.id === nodeId)) return false;
    return (await claimCallMedia(db, callId, nodeId, new Date(Date.now() + leaseMs))) === nodeId;
  };
}

/** The listener, for the events of calls this node carries only (and every event without a call). */
export function ownedCallsOnly(listener: EventListener, owns: (callId: string) => Promise<boolean>): EventListener {
  const wrapped: Record<string, (p: unknown) => Promise<void>> = {};
  for (const [name, handler] of Object.entries(listener) as [string, (p: unknown) => unknown][]) {
    wrapped[name] = async (p) => {
      const callId = (p as { callId?: unknown }).callId;
      if (typeof callId === "string" && !(await owns(callId))) return;
      await handler(p);
    };
  }
  return wrapped as EventListener;
}
