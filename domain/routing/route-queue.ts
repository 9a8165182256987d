// One routing pass over a queue: waiting items in order, each offered to the agent the queue's
// strategy picks among Ready members with room. Offers are made under the agent's presence row
// lock, so two nodes routing two queues can never give one agent more than their capacity.
import type { Deps } from "../ports.ts";
import type { Channel } from "../queues/save-queue.ts";
import { effectiveBlending, roomFor } from "./capacity.ts";
import { type Candidate, chooseAgent } from "./choose-agent.ts";
import { RoutingRepository } from "./routing-repository.ts";

const BATCH = 200;

export interface Offer {
  itemId: string;
  interactionId: string;
  agentId: string;
  expiresAt: Date;
}

/** Round-robin cursors, per queue: fairness only, so losing them at a restart is harmless. */
const lastAssigned = new Map<string, string>();

export async function routeQueue(queueId: string, deps: Deps): Promise<Offer[]> {
  const repo = new RoutingRepository(deps.db);
  const queue = await repo.queue(queueId);
  if (!queue?.active) return [];
  const items = await repo.waiting(queueId, BATCH, deps.now());
  if (!items.length) return [];

  const members = await repo.readyMembers(queueId);
  const targeted = [...new Set(items.flatMap((i) => (i.targetAgentId ? [i.targetAgentId] : [])))];
  const extra = (
    await Promise.all(targeted.filter((id) => !members.some((m) => m.userId === id)).map((id) => repo.readyAgent(queue.organizationId, id)))
  ).filter((a) => a !== null);
  const agents = [...members, ...extra];
  if (!agents.length) return [];
  const loads = await repo.loads(agents.map((a) => a.userId));
  const capacities = new Map(agents.map((a) => [a.userId, repo.capacityOf(queue.organization.defaultCapacity, a.capacityOverride)]));
  const blending = effectiveBlending(queue.organization.blending);
  const room = (userId: string, channel: Channel) => roomFor(channel, capacities.get(userId)!, loads.get(userId)!.byChannel, blending);
  // Channels in which no member has room left: the rest of their items wait for the next pass
  // (which a freed seat triggers), so a pass over a full queue costs little at any size.
  const full = new Set<Channel>();

  const offers: Offer[] = [];
  for (const item of items) {
    const channel = item.channel as Channel;
    if (!item.targetAgentId) {
      if (full.has(channel)) continue;
      if (!members.some((m) => room(m.userId, channel) > 0)) {
        full.add(channel);
        continue;
      }
    }
    const pool = item.targetAgentId ? agents.filter((a) => a.userId === item.targetAgentId) : members;
    const toCandidate = (a: (typeof agents)[number]): Candidate => ({
      userId: a.userId,
      skillLevel: a.skillLevel,
      idleSince: a.idleSince,
      load: loads.get(a.userId)!.total,
      free: room(a.userId, channel),
    });
    // Not to whoever declined it, nor back to the agent transferring it away.
    const excluded = new Set([...item.declinedBy, ...(item.transferFromId ? [item.transferFromId] : [])]);
    let candidates = pool.filter((a) => !excluded.has(a.userId)).map(toCandidate);
    if (!candidates.some((c) => c.free > 0) && item.declinedBy.length && !item.targetAgentId) {
      // Everyone who could take it has declined once: start a new round rather than strand it.
      candidates = pool.filter((a) => a.userId !== item.transferFromId).map(toCandidate);
    }
    const chosen = chooseAgent(queue.strategy, candidates, deps.now(), lastAssigned.get(queueId));
    if (!chosen) continue;
    const offer = await offerTo(item.id, chosen.userId, channel, queue, deps);
    if (!offer) continue;
    lastAssigned.set(queueId, chosen.userId);
    const load = loads.get(chosen.userId)!;
    load.total++;
    load.byChannel[channel] = (load.byChannel[channel] ?? 0) + 1;
    offers.push(offer);
  }
  return offers;
}

async function offerTo(
  itemId: string,
  agentId: string,
  channel: Channel,
  queue: { id: string; organizationId: string; offerTimeoutSeconds: number; organization: { defaultCapacity: unknown; blending: unknown } },
  deps: Deps,
): Promise<Offer | null> {
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + queue.offerTimeoutSeconds * 1000);
  const offer = await deps.db.$transaction(async (tx) => {
    // Serialise every offer to this agent, whichever queue or node it comes from.
    const [presence] = await tx.$queryRaw<{ state: string }[]>`select "state" from "AgentPresence" where "userId" = ${agentId}::uuid for update`;
    if (presence?.state !== "READY") return null;
    const user = await tx.user.findUniqueOrThrow({ where: { id: agentId }, select: { capacity: true } });
    const repo = new RoutingRepository(tx);
    const load = (await repo.loads([agentId])).get(agentId)!;
    const capacity = repo.capacityOf(queue.organization.defaultCapacity, user.capacity);
    if (roomFor(channel, capacity, load.byChannel, effectiveBlending(queue.organization.blending)) <= 0) return null;
    const taken = await tx.queueItem.updateMany({
      where: { id: itemId, state: "WAITING" },
      data: { state: "OFFERED", offeredToId: agentId, offeredAt: now, offerExpiresAt: expiresAt, attempts: { increment: 1 } },
    });
    if (taken.count !== 1) return null;
    const item = await tx.queueItem.findUniqueOrThrow({ where: { id: itemId }, select: { interactionId: true } });
    await tx.interactionEvent.create({
      data: {
        organizationId: queue.organizationId,
        interactionId: item.interactionId,
        type: "offered",
        agentId,
        queueId: queue.id,
        at: now,
        data: { expiresAt: expiresAt.toISOString() },
      },
    });
    return { itemId, interactionId: item.interactionId, agentId, expiresAt };
  });
  if (offer) deps.events.publish("routing.offered", { organizationId: queue.organizationId, queueId: queue.id, ...offer });
  return offer;
}
