// The call-media port on a node of a cluster: a call's media operations go to the media node that
// owns the call (recorded on the call) — this node's own media when it is the owner, another's by
// RPC otherwise. A live call nobody owns yet is given to the least loaded live media node that can
// carry it first (a telephone call: its trunk's registrar, pick-node.ts).
// An owner that is gone answers nothing: the RPC fails with UNAVAILABLE / NODE_GONE at once.
import type { CallMedia } from "../../domain/ports.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import type { Db } from "../../domain/shared/tx.ts";
import { callMediaOwner, callPhoneNeed, claimCallMedia } from "../../domain/voice/media-owner.ts";
import type { NodeInfo } from "../rpc/node-registry.ts";
import type { RpcNode } from "../rpc/rpc-node.ts";
import { clusterPhoneProblem, clusterVoice, pickMediaNode, withRecentClaims } from "./pick-node.ts";

/** The port's per-call operations, served to other nodes as `media.<name>`. */
export const CALL_METHODS = [
  "join",
  "connect",
  "produce",
  "consume",
  "resume",
  "setMuted",
  "record",
  "setRecordingPaused",
  "transferToNumber",
  "sendDigits",
] as const;
export type CallMethod = (typeof CALL_METHODS)[number];
// Fails to compile when the port gains a per-call operation that is not routed.
const _everyOperation: [Exclude<keyof CallMedia, CallMethod | "status" | "phoneProblem">] extends [never] ? true : false = true;
/** Longer than the RPC's default where the media node does more than a lookup. */
const TIMEOUTS: Partial<Record<CallMethod, number>> = { join: 10_000, record: 10_000, transferToNumber: 15_000 };

export interface RoutedOptions {
  db: Db;
  rpc: RpcNode;
  /** The live media nodes as last seen (a cache: status() must not wait). */
  nodes: () => NodeInfo[];
  /** This node's own media, when it runs the media role. */
  local: CallMedia | null;
  leaseMs: number;
}

export function routedCallMedia(o: RoutedOptions): CallMedia {
  /** The calls this node gave each media node lately (ms), until its heartbeat counts them. */
  const claims = new Map<string, number[]>();
  const claimed = (nodeId: string) => {
    const now = Date.now();
    claims.set(nodeId, [...(claims.get(nodeId) ?? []).filter((t) => t > now - 10_000), now]);
  };
  const ownerOf = async (callId: string): Promise<string> => {
    const now = await callMediaOwner(o.db, callId);
    if (now?.owner) return now.owner;
    if (!now?.live) throw new DomainError("CONFLICT", "The call has no media", { reason: "NO_ROOM" });
    const pick = pickMediaNode(withRecentClaims(o.nodes(), claims), await callPhoneNeed(o.db, callId, new Date()));
    if (!pick) throw new DomainError("UNAVAILABLE", `Voice is off: ${clusterVoice(o.nodes()).reason}`, { reason: "VOICE_DISABLED" });
    const owner = await claimCallMedia(o.db, callId, pick.id, new Date(Date.now() + o.leaseMs));
    if (!owner) throw new DomainError("CONFLICT", "The call has no media", { reason: "NO_ROOM" });
    if (owner === pick.id) claimed(owner);
    return owner;
  };
  const run = async (method: CallMethod, callId: string, args: unknown[]): Promise<never> => {
    const owner = await ownerOf(callId);
    if (owner === o.rpc.id && o.local) return (o.local[method] as (...a: unknown[]) => Promise<never>)(callId, ...args);
    return o.rpc.call<never>(owner, `media.${method}`, [callId, ...args], { timeoutMs: TIMEOUTS[method] });
  };
  const op =
    (method: CallMethod) =>
    (callId: string, ...args: unknown[]) =>
      run(method, callId, args);
  return {
    status: () => (o.local?.status().enabled ? o.local.status() : clusterVoice(o.nodes())),
    phoneProblem: () => (o.local && o.local.phoneProblem() === null ? null : clusterPhoneProblem(o.nodes())),
    ...(Object.fromEntries(CALL_METHODS.map((m) => [m, op(m)])) as unknown as Pick<CallMedia, CallMethod>),
  };
}
