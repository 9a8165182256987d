import type { Viewer } from "../access/viewer.ts";
import { advanceCaseSla } from "../cases/case-sla.ts";
import { recordStatusChange } from "../cases/status-spans.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { releaseAgent } from "./release-agent.ts";
import { withdrawOffer } from "./withdraw-offer.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** The agent takes the offered work: it becomes theirs, the case is assigned to them. (Routing
 * takes a campaign call for its agent the moment it offers it.) */
export async function acceptOffer(
  viewer: Pick<Viewer, "userId" | "organizationId">,
  itemId: string,
  deps: Deps,
  /** Taken when its time is up (a campaign preview's countdown dials by itself). */
  atExpiry = false,
) {
  const events = new PendingEvents();
  const result = await deps.db.$transaction(async (tx) => {
    const now = deps.now();
    const item = await tx.queueItem.findFirst({ where: { id: itemId, organizationId: viewer.organizationId, offeredToId: viewer.userId } });
    if (!item || item.state !== "OFFERED") throw new DomainError("CONFLICT", "This offer is no longer yours", { reason: "OFFER_GONE" });
    if (item.offerExpiresAt && item.offerExpiresAt < now && !atExpiry) throw new DomainError("CONFLICT", "The offer has expired", { reason: "OFFER_EXPIRED" });
    // The interaction first, as ending it does (endInteraction): a customer hanging up while the
    // agent accepts waits for the other instead of deadlocking on the queue item.
    await tx.$queryRaw`select 1 from "Interaction" where "id" = ${item.interactionId}::uuid for no key update`;
    const taken = await tx.queueItem.updateMany({
      where: { id: itemId, state: "OFFERED", offeredToId: viewer.userId },
      data: {
        state: "ASSIGNED",
        assignedToId: viewer.userId,
        offeredToId: null,
        offerExpiresAt: null,
        declinedBy: [],
        targetAgentId: null,
        transferFromId: null,
        transferNote: "",
      },
    });
    if (taken.count !== 1) throw new DomainError("CONFLICT", "This offer is no longer yours", { reason: "OFFER_GONE" });
    const interaction = await tx.interaction.findUniqueOrThrow({ where: { id: item.interactionId } });
    await tx.interaction.update({
      where: { id: interaction.id },
      data: { agentId: viewer.userId, state: "ACTIVE", answeredAt: interaction.answeredAt ?? now },
    });
    const base = { organizationId: viewer.organizationId, interactionId: interaction.id, queueId: item.queueId, at: now };
    await recordEvent(tx, { ...base, type: "accepted", agentId: viewer.userId });
    if (!interaction.answeredAt) await recordEvent(tx, { ...base, type: "answered", agentId: viewer.userId });
    if (item.transferFromId) {
      await recordEvent(tx, {
        ...base,
        type: "transferred",
        agentId: viewer.userId,
        data: { from: item.transferFromId, to: viewer.userId, note: item.transferNote },
      });
      await releaseAgent(tx, item.transferFromId, now);
    }
    await openCaseFor(tx, interaction.caseId, viewer.userId);
    // Answering a call answers the customer: it stops the case's first-response clock.
    if (interaction.channel === "VOICE") await advanceCaseSla(tx, interaction.caseId, { type: "first_response" }, now);
    // The channel's part: a call puts the agent through, a call-back dials the customer.
    await deps.work.accepted(
      tx,
      {
        organizationId: viewer.organizationId,
        interactionId: interaction.id,
        channel: interaction.channel,
        data: interaction.data,
        agentId: viewer.userId,
        previousAgentId: item.transferFromId,
        now,
      },
      events,
    );
    await tx.agentPresence.update({ where: { userId: viewer.userId }, data: { missedOffers: 0, idleSince: null } });
    events.add("routing.assigned", {
      organizationId: viewer.organizationId,
      queueId: item.queueId,
      itemId,
      interactionId: interaction.id,
      caseId: interaction.caseId,
      agentId: viewer.userId,
      transferFromId: item.transferFromId,
    });
    events.add("case.updated", { organizationId: viewer.organizationId, caseId: interaction.caseId });
    if (item.transferFromId) events.add("routing.wake", { organizationId: viewer.organizationId, queueIds: "all" });
    return { interactionId: interaction.id, caseId: interaction.caseId };
  });
  events.publishTo(deps.events);
  return result;
}

/** Assign the case to whoever took the work, and move a new case on to its first open status. */
async function openCaseFor(tx: Db, caseId: string, agentId: string) {
  const c = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { organizationId: true, processId: true, statusId: true, status: { select: { category: true } } },
  });
  const open =
    c.status.category === "NEW"
      ? await tx.caseStatus.findFirst({ where: { processId: c.processId, category: "OPEN", active: true }, orderBy: { sortOrder: "asc" } })
      : null;
  const now = new Date();
  await tx.case.update({ where: { id: caseId }, data: { assigneeId: agentId, lastActivityAt: now, ...(open ? { statusId: open.id } : {}) } });
  if (open)
    await recordStatusChange(tx, { organizationId: c.organizationId, caseId, fromStatusId: c.statusId, toStatusId: open.id, actorId: agentId, at: now });
}

/** The agent declines: the item goes to the next agent (never back to them this round). */
export async function rejectOffer(viewer: Viewer, itemId: string, deps: Deps) {
  const events = new PendingEvents();
  const done = await deps.db.$transaction((tx) =>
    withdrawOffer(tx, { itemId, agentId: viewer.userId, organizationId: viewer.organizationId, reason: "REJECTED", now: deps.now() }, events),
  );
  if (!done) throw new DomainError("CONFLICT", "This offer is no longer yours", { reason: "OFFER_GONE" });
  events.publishTo(deps.events);
}
