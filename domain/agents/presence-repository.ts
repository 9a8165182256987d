import type { Db } from "../shared/tx.ts";
import type { AgentState, StateSource } from "./agent-state.ts";

export class PresenceRepository {
  constructor(private readonly db: Db) {}

  /** Locks the agent's presence row for the rest of the transaction (creating it if missing). */
  async lockForUpdate(organizationId: string, userId: string) {
    await this.db.agentPresence.upsert({ where: { userId }, create: { userId, organizationId }, update: {} });
    const rows = await this.db.$queryRaw<{ state: AgentState; pauseCodeId: string | null; since: Date; lastSeenAt: Date | null }[]>`
      select "state", "pauseCodeId", "since", "lastSeenAt" from "AgentPresence" where "userId" = ${userId}::uuid for update`;
    return rows[0];
  }

  async activePauseCodeIds(organizationId: string): Promise<Set<string>> {
    const codes = await this.db.pauseCode.findMany({ where: { organizationId, active: true }, select: { id: true } });
    return new Set(codes.map((c) => c.id));
  }

  async recordChange(input: {
    organizationId: string;
    userId: string;
    state: AgentState;
    pauseCodeId: string | null;
    source: StateSource;
    changedById: string | null;
    at: Date;
    seen: boolean;
    /** In WRAP_UP: when it ends by itself (null: when the agent gives a disposition). */
    wrapUpUntil?: Date | null;
  }) {
    const { organizationId, userId, state, pauseCodeId, source, changedById, at } = input;
    await this.db.agentStateChange.updateMany({ where: { userId, endedAt: null }, data: { endedAt: at } });
    await this.db.agentStateChange.create({ data: { organizationId, userId, state, pauseCodeId, source, changedById, startedAt: at } });
    return this.db.agentPresence.update({
      where: { userId },
      data: { state, pauseCodeId, since: at, source, wrapUpUntil: input.wrapUpUntil ?? null, ...(input.seen ? { lastSeenAt: at } : {}) },
    });
  }

  /** Marks agents whose browser holds a live connection as seen now. */
  touch(userIds: string[], at: Date) {
    return this.db.agentPresence.updateMany({ where: { userId: { in: userIds } }, data: { lastSeenAt: at } });
  }

  /** Agents still in a working state whose browser has not been heard from since `cutoff`. */
  async stale(cutoff: Date) {
    return this.db.agentPresence.findMany({
      where: { state: { not: "OFFLINE" }, OR: [{ lastSeenAt: { lt: cutoff } }, { lastSeenAt: null, since: { lt: cutoff } }] },
      select: { userId: true, organizationId: true },
    });
  }

  history(userId: string, from: Date, to: Date) {
    return this.db.agentStateChange.findMany({
      where: { userId, startedAt: { lt: to }, OR: [{ endedAt: null }, { endedAt: { gt: from } }] },
      orderBy: { startedAt: "asc" },
      select: { state: true, pauseCodeId: true, startedAt: true, endedAt: true, source: true },
    });
  }
}
