// Which media node takes a new call, and what the cluster's media nodes say together about voice.
import type { NodeInfo } from "../rpc/node-registry.ts";

/** What a call needs of its media node beyond voice: a telephone line on `trunkId`, through the
 * node keeping that trunk's registration when it registers (`registrar`, null: none live). */
export interface PhoneNeed {
  trunkId: string;
  registrar: string | null;
}

/**
 * The nodes that may carry a call: those with voice on; for a call with a telephone, the trunk's
 * registrar when it is among them (the trunk's calls go through the node that registers it), else
 * the nodes whose phone gateway works, else any with voice (the call then fails there, clearly).
 */
export function eligibleMediaNodes(nodes: NodeInfo[], phone: PhoneNeed | null = null): NodeInfo[] {
  const voice = nodes.filter((n) => n.voice.enabled);
  if (!phone) return voice;
  const registrar = voice.filter((n) => n.id === phone.registrar);
  if (registrar.length) return registrar;
  const gateways = voice.filter((n) => n.phoneProblem === null);
  return gateways.length ? gateways : voice;
}

/** Of the eligible nodes, the one that carries least (ties: the first by id, so all web nodes agree). */
export function pickMediaNode(nodes: NodeInfo[], phone: PhoneNeed | null = null): NodeInfo | null {
  const usable = eligibleMediaNodes(nodes, phone).sort((a, b) => a.load - b.load || a.id.localeCompare(b.id));
  return usable[0] ?? null;
}

/**
 * The nodes with the calls given to them since their last heartbeat counted in: a node's load is
 * what it said at its last beat (every ~1.7 s), so a burst of new calls would otherwise all go to
 * the node that was least loaded then. `claims`: when this web node gave each node a call (ms).
 */
export function withRecentClaims(nodes: NodeInfo[], claims: Map<string, number[]>): NodeInfo[] {
  return nodes.map((n) => ({ ...n, load: n.load + (claims.get(n.id)?.filter((t) => t >= n.at).length ?? 0) }));
}

const NONE = "no media node is running";

/** Voice works when any media node has it; otherwise the first node's reason. */
export function clusterVoice(nodes: NodeInfo[]): { enabled: boolean; reason: string | null } {
  if (nodes.some((n) => n.voice.enabled)) return { enabled: true, reason: null };
  return { enabled: false, reason: nodes[0]?.voice.reason ?? NONE };
}

/** Calls to phones work when any media node's gateway works; otherwise the first node's problem. */
export function clusterPhoneProblem(nodes: NodeInfo[]): string | null {
  if (nodes.some((n) => n.phoneProblem === null)) return null;
  return nodes[0]?.phoneProblem ?? NONE;
}
