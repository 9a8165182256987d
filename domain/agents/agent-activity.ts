// What an agent is doing now, beyond their state: "Ready" alone hides an agent deep in two chats.
// Computed from their live conversations per channel and their capacity. Pure.
import type { Capacity } from "../routing/capacity.ts";
import type { Channel } from "../queues/save-queue.ts";
import type { AgentState } from "./agent-state.ts";

export type Doing = "CALL" | "CHATS" | "EMAILS" | "WRAP_UP" | "IDLE";

export interface AgentActivity {
  doing: Doing;
  calls: number;
  chats: number;
  emails: number;
  /** Live work against capacity, 0–100: the fullest channel (a call at capacity 1 is 100). */
  occupancy: number;
}

export function agentActivity(state: AgentState, live: Partial<Record<Channel, number>>, capacity: Capacity): AgentActivity {
  const n = (c: Channel) => live[c] ?? 0;
  const calls = n("VOICE");
  const chats = n("CHAT");
  const emails = n("EMAIL") + n("SMS") + n("FAX");
  let occupancy = 0;
  for (const c of Object.keys(live) as Channel[]) {
    if (!n(c)) continue;
    occupancy = Math.max(occupancy, capacity[c] > 0 ? Math.min(100, Math.round((n(c) / capacity[c]) * 100)) : 100);
  }
  const doing: Doing = calls ? "CALL" : chats ? "CHATS" : state === "WRAP_UP" ? "WRAP_UP" : emails ? "EMAILS" : "IDLE";
  return { doing, calls, chats, emails, occupancy };
}
