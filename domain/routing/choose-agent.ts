// Which Ready agent with room gets the next item: the four strategies of domain/routing. Pure.

export type Strategy = "LONGEST_IDLE" | "LEAST_BUSY" | "SKILLS" | "ROUND_ROBIN";

export interface Candidate {
  userId: string;
  /// 1–10 in this queue
  skillLevel: number;
  /// since when the agent has had no work; null while working
  idleSince: Date | null;
  /// all their current work, every channel
  load: number;
  /// how many more items of this item's channel they can take
  free: number;
}

const idleMs = (c: Candidate, now: number) => (c.idleSince ? now - c.idleSince.getTime() : -1);

/** Ties broken the same way everywhere: longer idle, then less load, then higher skill, then id. */
function tieBreak(a: Candidate, b: Candidate, now: number): number {
  return idleMs(b, now) - idleMs(a, now) || a.load - b.load || b.skillLevel - a.skillLevel || a.userId.localeCompare(b.userId);
}

/**
 * The agent to offer to, or null. `lastAssigned` is the round-robin cursor: the agent who got
 * the previous item of this queue.
 */
export function chooseAgent(strategy: Strategy, candidates: Candidate[], now: Date, lastAssigned?: string | null): Candidate | null {
  const eligible = candidates.filter((c) => c.free > 0);
  if (!eligible.length) return null;
  const t = now.getTime();
  switch (strategy) {
    case "LONGEST_IDLE":
      return [...eligible].sort((a, b) => tieBreak(a, b, t))[0];
    case "LEAST_BUSY":
      return [...eligible].sort((a, b) => a.load - b.load || tieBreak(a, b, t))[0];
    case "SKILLS":
      return [...eligible].sort((a, b) => b.skillLevel - a.skillLevel || tieBreak(a, b, t))[0];
    case "ROUND_ROBIN": {
      const ring = [...eligible].sort((a, b) => a.userId.localeCompare(b.userId));
      return (lastAssigned && ring.find((c) => c.userId > lastAssigned)) || ring[0];
    }
  }
}

export interface WaitingItem {
  vip: boolean;
  priority: number;
  enqueuedAt: Date;
}

/** Who waits first: VIP contacts, then higher queue priority, then the longest waiting. */
export function compareWaiting(a: WaitingItem, b: WaitingItem): number {
  return Number(b.vip) - Number(a.vip) || b.priority - a.priority || a.enqueuedAt.getTime() - b.enqueuedAt.getTime();
}
