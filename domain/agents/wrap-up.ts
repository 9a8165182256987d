// Wrap-up: after a customer's call the agent gets no offers for the queue's wrap-up time (or, where
// the queue asks for it, until they have given the call a disposition), to finish notes. It is an
// agent state (WRAP_UP) like the others, so the board shows it and work-time accounting counts it.
import { DomainError } from "../shared/errors.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { PresenceRepository } from "./presence-repository.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** Inside the transaction that ends a customer's call: a Ready agent goes into wrap-up when the
 * call's queue has one. (An agent who chose Pause or Break during the call stays there.) */
export async function beginWrapUp(
  tx: Db,
  input: { organizationId: string; agentId: string; interactionId: string; queueId: string | null; now: Date },
  events: PendingEvents,
) {
  if (!input.queueId) return;
  const queue = await tx.queue.findUnique({ where: { id: input.queueId }, select: { wrapUpSeconds: true, requireDisposition: true } });
  if (!queue || (queue.wrapUpSeconds <= 0 && !queue.requireDisposition)) return;
  const repo = new PresenceRepository(tx);
  const current = await repo.lockForUpdate(input.organizationId, input.agentId);
  if (current.state !== "READY") return;
  const until = queue.requireDisposition ? null : new Date(input.now.getTime() + queue.wrapUpSeconds * 1000);
  const presence = await repo.recordChange({
    organizationId: input.organizationId,
    userId: input.agentId,
    state: "WRAP_UP",
    pauseCodeId: null,
    source: "SYSTEM",
    changedById: null,
    at: input.now,
    seen: false,
    wrapUpUntil: until,
  });
  await recordEvent(tx, {
    organizationId: input.organizationId,
    interactionId: input.interactionId,
    type: "wrap_up_started",
    agentId: input.agentId,
    queueId: input.queueId,
    at: input.now,
    data: { seconds: queue.wrapUpSeconds, untilDisposition: queue.requireDisposition },
  });
  events.add("agent.state_changed", { organizationId: input.organizationId, userId: input.agentId, state: "WRAP_UP", since: presence.since });
}

/** The interaction an agent in wrap-up is wrapping up (the last one it began for), or null. */
export async function currentWrapUp(userId: string, db: Db) {
  const presence = await db.agentPresence.findUnique({ where: { userId }, select: { state: true, wrapUpUntil: true, since: true } });
  if (presence?.state !== "WRAP_UP") return null;
  const started = await db.interactionEvent.findFirst({
    where: { agentId: userId, type: "wrap_up_started", at: { gte: presence.since } },
    orderBy: { at: "desc" },
    select: { interactionId: true },
  });
  if (!started) return null;
  return { interactionId: started.interactionId, until: presence.wrapUpUntil, since: presence.since };
}

/** Before an agent leaves wrap-up for Ready: where the queue requires a disposition, it must be given. */
export async function assertWrapUpMayEnd(userId: string, db: Db) {
  const wrap = await currentWrapUp(userId, db);
  if (!wrap || wrap.until) return;
  const i = await db.interaction.findUnique({ where: { id: wrap.interactionId }, select: { dispositionCodeId: true } });
  if (i && !i.dispositionCodeId) throw new DomainError("CONFLICT", "Choose how the call ended before taking the next one", { reason: "DISPOSITION_REQUIRED" });
}
