// Which waiting item goes to which agent, across every queue of an organisation. Pure.
// An agent who works several queues shares one capacity between them, so the queues cannot be
// served one after another: whichever went first would take the agent, whatever waited elsewhere.
// Items are served in one order whatever queue they wait in (compareWaiting: VIP, then the queue's
// priority, then the longest wait), each by its own queue's strategy among that queue's members,
// and every offer counts against the agent's room (capacity and blended rules) for the items after it.
import type { Channel } from "../queues/save-queue.ts";
import { type Blending, type Capacity, roomFor } from "./capacity.ts";
import { type Candidate, type Strategy, type WaitingItem, chooseAgent, compareWaiting } from "./choose-agent.ts";

export interface DispatchItem extends WaitingItem {
  id: string;
  queueId: string;
  channel: Channel;
  /** Agents who rejected it or let it time out. */
  declinedBy: string[];
  /** A transfer to one person: offered to them only. */
  targetAgentId: string | null;
  /** The agent transferring it away: never offered back to them. */
  transferFromId: string | null;
}

export interface DispatchQueue {
  id: string;
  strategy: Strategy;
  /** Its members who are Ready now, with their skill level in it. */
  members: { userId: string; skillLevel: number }[];
}

export interface DispatchAgent {
  userId: string;
  idleSince: Date | null;
  capacity: Capacity;
  /** Current work per channel: active interactions plus offers not yet answered. */
  byChannel: Partial<Record<Channel, number>>;
}

/** Items in the order they are served, whichever queue they wait in (ties: by id, so every node agrees). */
export function serviceOrder<T extends DispatchItem>(items: T[]): T[] {
  return [...items].sort((a, b) => compareWaiting(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A transferred item's target who is not a member of its queue takes it at full skill. */
const OUTSIDE_SKILL = 10;

export class Dispatch {
  private readonly queues: Map<string, DispatchQueue>;
  private readonly agents: Map<string, DispatchAgent & { total: number }>;
  /** Queue and channel pairs in which no Ready member has room left: their items wait for a later pass. */
  private readonly full = new Set<string>();
  /** Round-robin cursors per queue: the agent who got the queue's previous item. */
  readonly cursors: Map<string, string>;

  constructor(
    queues: DispatchQueue[],
    agents: DispatchAgent[],
    private readonly blending: Blending,
    private readonly now: Date,
    cursors: ReadonlyMap<string, string> = new Map(),
  ) {
    this.queues = new Map(queues.map((q) => [q.id, q]));
    this.agents = new Map(
      agents.map((a) => [a.userId, { ...a, byChannel: { ...a.byChannel }, total: Object.values(a.byChannel).reduce((s, n) => s + (n ?? 0), 0) }]),
    );
    this.cursors = new Map(cursors);
  }

  private room(userId: string, channel: Channel): number {
    const a = this.agents.get(userId);
    return a ? roomFor(channel, a.capacity, a.byChannel, this.blending) : 0;
  }

  /** The agent to offer `item` to now, or null: nobody who may take it has room. */
  agentFor(item: DispatchItem): string | null {
    const queue = this.queues.get(item.queueId);
    if (!queue) return null;
    const channel = item.channel;
    const key = `${queue.id}:${channel}`;
    if (!item.targetAgentId) {
      if (this.full.has(key)) return null;
      if (!queue.members.some((m) => this.room(m.userId, channel) > 0)) {
        this.full.add(key);
        return null;
      }
    }
    const pool = item.targetAgentId
      ? [queue.members.find((m) => m.userId === item.targetAgentId) ?? { userId: item.targetAgentId, skillLevel: OUTSIDE_SKILL }]
      : queue.members;
    const toCandidate = (m: { userId: string; skillLevel: number }): Candidate | null => {
      const a = this.agents.get(m.userId);
      return a ? { userId: m.userId, skillLevel: m.skillLevel, idleSince: a.idleSince, load: a.total, free: this.room(m.userId, channel) } : null;
    };
    const candidatesFrom = (keep: (userId: string) => boolean) => pool.filter((m) => keep(m.userId)).flatMap((m) => toCandidate(m) ?? []);
    // Not to whoever declined it, nor back to the agent transferring it away.
    const excluded = new Set([...item.declinedBy, ...(item.transferFromId ? [item.transferFromId] : [])]);
    let candidates = candidatesFrom((id) => !excluded.has(id));
    if (!candidates.some((c) => c.free > 0) && item.declinedBy.length && !item.targetAgentId) {
      // Everyone who could take it has declined once: start a new round rather than strand it.
      candidates = candidatesFrom((id) => id !== item.transferFromId);
    }
    return chooseAgent(queue.strategy, candidates, this.now, this.cursors.get(queue.id))?.userId ?? null;
  }

  /** Records an offer made: it counts against the agent's room, and the queue's round robin moves on. */
  offered(item: DispatchItem, agentId: string): void {
    const a = this.agents.get(agentId);
    if (a) {
      a.byChannel[item.channel] = (a.byChannel[item.channel] ?? 0) + 1;
      a.total++;
    }
    this.cursors.set(item.queueId, agentId);
  }
}
