// Agent states and the rules between them, free of storage and transport.
import { fieldError } from "../shared/errors.ts";

export const AGENT_STATES = ["READY", "WRAP_UP", "PAUSE", "BREAK", "AWAY", "OFFLINE"] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export const STATE_SOURCES = ["AGENT", "SUPERVISOR", "SIGN_OUT", "CONNECTION_LOST", "DEACTIVATED", "SYSTEM"] as const;
export type StateSource = (typeof STATE_SOURCES)[number];

export interface StateRequest {
  state: AgentState;
  pauseCodeId?: string | null;
}

/** PAUSE needs a reason (an active pause code); no other state may carry one. */
export function checkStateRequest(req: StateRequest, activePauseCodeIds: ReadonlySet<string>): { state: AgentState; pauseCodeId: string | null } {
  if (req.state === "PAUSE") {
    if (!req.pauseCodeId) throw fieldError("pauseCodeId", "required", "Choose a pause reason");
    if (!activePauseCodeIds.has(req.pauseCodeId)) throw fieldError("pauseCodeId", "unknown", "This pause reason is not available");
    return { state: "PAUSE", pauseCodeId: req.pauseCodeId };
  }
  if (req.pauseCodeId) throw fieldError("pauseCodeId", "not_allowed", "Only PAUSE takes a pause reason");
  return { state: req.state, pauseCodeId: null };
}

export function isSameState(a: { state: AgentState; pauseCodeId: string | null }, b: { state: AgentState; pauseCodeId: string | null }) {
  return a.state === b.state && (a.pauseCodeId ?? null) === (b.pauseCodeId ?? null);
}

export interface StateInterval {
  state: AgentState;
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * Milliseconds spent in each state within [from, to). Open intervals run until `now`.
 * The basis of work-time accounting: the same numbers the reports will show.
 */
export function timeInStates(intervals: readonly StateInterval[], from: Date, to: Date, now: Date): Record<AgentState, number> {
  const totals = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
  const end = Math.min(to.getTime(), now.getTime());
  for (const i of intervals) {
    const a = Math.max(i.startedAt.getTime(), from.getTime());
    const b = Math.min((i.endedAt ?? now).getTime(), end);
    if (b > a) totals[i.state] += b - a;
  }
  return totals;
}
