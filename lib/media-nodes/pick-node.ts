// Which media node takes a new call, and what the cluster's media nodes say together about voice.
import type { NodeInfo } from "../rpc/node-registry.ts";

/** The live node with voice on that carries least (ties: the first by id, so all web nodes agree). */
export function pickMediaNode(nodes: NodeInfo[]): NodeInfo | null {
  const usable = nodes.filter((n) => n.voice.enabled).sort((a, b) => a.load - b.load || a.id.localeCompare(b.id));
  return usable[0] ?? null;
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
