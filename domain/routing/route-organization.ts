// One routing pass over an organisation: the waiting items of all its queues in one service
// order, each offered to the agent its queue's strategy picks among Ready members with room (see
// dispatch.ts), so an agent in several queues gets the most urgent of their work. Offers are made
// under the agent's presence row lock, so two nodes can never give one agent more than their capacity.
import type { Deps } from "../ports.ts";
import type { Channel } from "../queues/save-queue.ts";
import { effectiveBlending, effectiveCapacity, roomFor } from "./capacity.ts";
import { Dispatch, serviceOrder } from "./dispatch.ts";
import { RoutingRepository } from "./routing-repository.ts";
import { recordEvent } from "../interactions/record-event.ts";
import { acceptOffer } from "./respond-to-offer.ts";

/** Items read per queue and pass; the rest are reached as these are served. */
const BATCH = 200;

export interface Offer {
  itemId: string;
  interactionId: string;
  agentId: string;
  expiresAt: Date;
}

/** Round-robin cursors, per queue: fairness only, so losing them at a restart is harmless. */
const lastAssigned = new Map<string, string>();

export async function routeOrganization(organizationId: string, deps: Deps): Promise<Offer[]> {
  const repo = new RoutingRepository(deps.db);
  const org = await repo.organization(organizationId);
  if (!org?.queues.length) return [];
  const now = deps.now();
  const queueIds = org.queues.map((q) => q.id);
  const items = await repo.waiting(queueIds, BATCH, now);
  if (!items.length) return [];

  const withWork = new Set(items.map((i) => i.queueId));
  const members = await repo.readyMembers([...withWork]);
  // Everyone who may be offered something: the queues' Ready members, and the Ready targets of
  // transfers to a person, whatever their queues.
  const people = new Map(members.map((m) => [m.userId, m]));
  const targeted = [...new Set(items.flatMap((i) => (i.targetAgentId && !people.has(i.targetAgentId) ? [i.targetAgentId] : [])))];
  const outsiders = (await Promise.all(targeted.map((id) => repo.readyAgent(organizationId, id)))).filter((a) => a !== null);
  const agents = [...people.values(), ...outsiders];
  if (!agents.length) return [];
  const loads = await repo.loads(agents.map((a) => a.userId));

  const queues = org.queues.filter((q) => withWork.has(q.id));
  const dispatch = new Dispatch(
    queues.map((q) => ({ id: q.id, strategy: q.strategy, members: members.filter((m) => m.queueId === q.id) })),
    agents.map((a) => ({
      userId: a.userId,
      idleSince: a.idleSince,
      capacity: effectiveCapacity(org.defaultCapacity, a.capacityOverride),
      byChannel: loads.get(a.userId)!.byChannel,
    })),
    effectiveBlending(org.blending),
    now,
    lastAssigned,
  );
  // A campaign's preview is offered for its countdown, when it has one.
  const timeoutOf = new Map(queues.map((q) => [q.id, (q.campaign?.mode === "PREVIEW" && q.campaign.previewSeconds) || q.offerTimeoutSeconds]));
  // A dialling campaign's queue puts the person who answered straight through: they are on the line
  // now and hang up (or hear the abandon message) within seconds, so its agents take it without an offer.
  const putThrough = new Set(queues.filter((q) => q.campaign && q.campaign.mode !== "PREVIEW").map((q) => q.id));
  const offers: Offer[] = [];
  for (const item of serviceOrder(items)) {
    const agentId = dispatch.agentFor(item);
    if (!agentId) continue;
    const offer = await offerTo(item, agentId, timeoutOf.get(item.queueId)!, org, deps);
    if (!offer) continue;
    dispatch.offered(item, agentId);
    offers.push(offer);
    if (putThrough.has(item.queueId))
      await acceptOffer({ userId: agentId, organizationId }, offer.itemId, deps).catch((err: unknown) =>
        // Gone meanwhile (the person hung up, the abandon time ran out): nothing to put through.
        deps.log.info({ err, itemId: offer.itemId }, "a campaign call could not be put through"),
      );
  }
  for (const [queueId, agentId] of dispatch.cursors) lastAssigned.set(queueId, agentId);
  return offers;
}

/** Offers one item to one agent, if it still waits and the agent is still Ready with room for it. */
async function offerTo(
  item: { id: string; queueId: string; interactionId: string; channel: Channel },
  agentId: string,
  offerTimeoutSeconds: number,
  org: { id: string; defaultCapacity: unknown; blending: unknown },
  deps: Deps,
): Promise<Offer | null> {
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + offerTimeoutSeconds * 1000);
  const offer = await deps.db.$transaction(async (tx) => {
    // Serialise every offer to this agent, whichever queue or node it comes from.
    const [presence] = await tx.$queryRaw<{ state: string }[]>`select "state" from "AgentPresence" where "userId" = ${agentId}::uuid for update`;
    if (presence?.state !== "READY") return null;
    const user = await tx.user.findUniqueOrThrow({ where: { id: agentId }, select: { capacity: true } });
    const load = (await new RoutingRepository(tx).loads([agentId])).get(agentId)!;
    const capacity = effectiveCapacity(org.defaultCapacity, user.capacity);
    if (roomFor(item.channel, capacity, load.byChannel, effectiveBlending(org.blending)) <= 0) return null;
    const taken = await tx.queueItem.updateMany({
      where: { id: item.id, queueId: item.queueId, state: "WAITING" },
      data: { state: "OFFERED", offeredToId: agentId, offeredAt: now, offerExpiresAt: expiresAt, attempts: { increment: 1 } },
    });
    if (taken.count !== 1) return null;
    await recordEvent(tx, {
      organizationId: org.id,
      interactionId: item.interactionId,
      type: "offered",
      agentId,
      queueId: item.queueId,
      at: now,
      data: { expiresAt: expiresAt.toISOString() },
    });
    return { itemId: item.id, interactionId: item.interactionId, agentId, expiresAt };
  });
  if (offer) deps.events.publish("routing.offered", { organizationId: org.id, queueId: item.queueId, ...offer });
  return offer;
}
