import type { Channel } from "../queues/save-queue.ts";
import type { Db } from "../shared/tx.ts";
import { dueAt } from "./scheduled.ts";

export interface AgentLoad {
  /// current work per channel: active interactions plus offers waiting for an answer
  byChannel: Partial<Record<Channel, number>>;
  total: number;
}

export class RoutingRepository {
  constructor(private readonly db: Db) {}

  queue(queueId: string) {
    return this.db.queue.findUnique({
      where: { id: queueId },
      select: {
        id: true,
        organizationId: true,
        active: true,
        strategy: true,
        offerTimeoutSeconds: true,
        maxQueueLength: true,
        maxWaitSeconds: true,
        overflowQueueId: true,
        overflowMessage: true,
        priority: true,
        organization: { select: { defaultCapacity: true, missedOffersBeforePause: true, blending: true } },
      },
    });
  }

  /** What routing an organisation needs: its capacity and blended rules, and its active queues. */
  organization(organizationId: string) {
    return this.db.organization.findUnique({
      where: { id: organizationId },
      select: {
        id: true,
        defaultCapacity: true,
        blending: true,
        queues: { where: { active: true }, select: { id: true, strategy: true, offerTimeoutSeconds: true, campaign: { select: { mode: true, previewSeconds: true } } } },
      },
    });
  }

  /** Waiting work that is due at `now`: up to `limit` items of each queue, each in the order it is served (see compareWaiting). */
  async waiting(queueIds: string[], limit: number, now: Date) {
    const perQueue = await Promise.all(
      queueIds.map((queueId) =>
        this.db.queueItem.findMany({
          where: { queueId, state: "WAITING", ...dueAt(now) },
          orderBy: [{ vip: "desc" }, { priority: "desc" }, { enqueuedAt: "asc" }],
          take: limit,
          select: {
            id: true,
            queueId: true,
            interactionId: true,
            channel: true,
            vip: true,
            priority: true,
            enqueuedAt: true,
            declinedBy: true,
            targetAgentId: true,
            transferFromId: true,
          },
        }),
      ),
    );
    return perQueue.flat();
  }

  /** Members of these queues who are Ready now, with what the strategies need (one row per queue and member). */
  async readyMembers(queueIds: string[]) {
    const rows = await this.db.queueMember.findMany({
      where: { queueId: { in: queueIds }, user: { active: true, presence: { state: "READY" }, role: { permissions: { has: "agents.work" } } } },
      select: { queueId: true, skillLevel: true, user: { select: { id: true, capacity: true, presence: { select: { idleSince: true } } } } },
    });
    return rows.map((r) => ({
      queueId: r.queueId,
      userId: r.user.id,
      skillLevel: r.skillLevel,
      idleSince: r.user.presence?.idleSince ?? null,
      capacityOverride: r.user.capacity,
    }));
  }

  /** One agent, whatever their queues (a transfer to a person). */
  async readyAgent(organizationId: string, userId: string) {
    const u = await this.db.user.findFirst({
      where: { id: userId, organizationId, active: true, presence: { state: "READY" }, role: { permissions: { has: "agents.work" } } },
      select: { id: true, capacity: true, presence: { select: { idleSince: true } } },
    });
    return u ? { userId: u.id, idleSince: u.presence?.idleSince ?? null, capacityOverride: u.capacity } : null;
  }

  async loads(userIds: string[]): Promise<Map<string, AgentLoad>> {
    const out = new Map<string, AgentLoad>(userIds.map((id) => [id, { byChannel: {}, total: 0 }]));
    if (!userIds.length) return out;
    const [active, offered] = await Promise.all([
      this.db.interaction.groupBy({ by: ["agentId", "channel"], where: { agentId: { in: userIds }, state: "ACTIVE" }, _count: { _all: true } }),
      this.db.queueItem.groupBy({ by: ["offeredToId", "channel"], where: { offeredToId: { in: userIds }, state: "OFFERED" }, _count: { _all: true } }),
    ]);
    for (const r of [
      ...active.map((a) => ({ id: a.agentId, channel: a.channel, n: a._count._all })),
      ...offered.map((o) => ({ id: o.offeredToId, channel: o.channel, n: o._count._all })),
    ]) {
      const load = r.id ? out.get(r.id) : undefined;
      if (!load) continue;
      load.byChannel[r.channel] = (load.byChannel[r.channel] ?? 0) + r.n;
      load.total += r.n;
    }
    return out;
  }
}
