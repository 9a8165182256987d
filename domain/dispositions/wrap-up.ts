// Wrap-up: after a customer's call the agent gets no offers for the queue's wrap-up time (or, where
// the queue asks for it, until they have given the call a disposition), to finish notes. It is an
// agent state (WRAP_UP) like the others, so the board shows it and work-time accounting counts it.
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import type { PendingEvents } from "../shared/pending-events.ts";
import type { Db } from "../shared/tx.ts";
import { PresenceRepository } from "../agents/presence-repository.ts";
import { changeAgentState } from "../agents/set-agent-state.ts";

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
  await tx.interactionEvent.create({
    data: {
      organizationId: input.organizationId,
      interactionId: input.interactionId,
      type: "wrap_up_started",
      agentId: input.agentId,
      queueId: input.queueId,
      at: input.now,
      data: { seconds: queue.wrapUpSeconds, untilDisposition: queue.requireDisposition },
    },
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

/** Wrap-up that ran its time ends: the agent is Ready again (and the router hears of it). */
export async function endExpiredWrapUps(deps: Deps): Promise<number> {
  const due = await deps.db.agentPresence.findMany({
    where: { state: "WRAP_UP", wrapUpUntil: { lte: deps.now() } },
    select: { userId: true, organizationId: true },
    take: 500,
  });
  let n = 0;
  for (const p of due) {
    const done = await changeAgentState(
      {
        userId: p.userId,
        organizationId: p.organizationId,
        state: "READY",
        source: "SYSTEM",
        changedById: null,
        seen: false,
        onlyIf: (c) => c.state === "WRAP_UP",
      },
      deps,
    );
    if (done?.changed) n++;
  }
  return n;
}

/** Before an agent leaves wrap-up for Ready: where the queue requires a disposition, it must be given. */
export async function assertWrapUpMayEnd(userId: string, db: Db) {
  const wrap = await currentWrapUp(userId, db);
  if (!wrap || wrap.until) return;
  const i = await db.interaction.findUnique({ where: { id: wrap.interactionId }, select: { dispositionCodeId: true } });
  if (i && !i.dispositionCodeId) throw new DomainError("CONFLICT", "Choose how the call ended before taking the next one", { reason: "DISPOSITION_REQUIRED" });
}

/** The agent who handled an interaction writes down how it ended; `done` ends their wrap-up. */
export async function setDisposition(
  viewer: Viewer,
  interactionId: string,
  input: { dispositionCodeId: string | null; note: string; done: boolean },
  deps: Deps,
) {
  const note = input.note.trim();
  if (note.length > 2000) throw new DomainError("INVALID_INPUT", "The note is too long (at most 2,000 characters)", { field: "note" });
  const interaction = await deps.db.interaction.findFirst({
    where: {
      id: interactionId,
      organizationId: viewer.organizationId,
      OR: [{ agentId: viewer.userId }, { events: { some: { agentId: viewer.userId, type: "accepted" } } }],
    },
    select: { id: true, organizationId: true, caseId: true, queueId: true },
  });
  if (!interaction) throw notFound("Interaction");
  let codeName: string | null = null;
  if (input.dispositionCodeId) {
    const code = await deps.db.dispositionCode.findFirst({ where: { id: input.dispositionCodeId, organizationId: viewer.organizationId, active: true } });
    if (!code) throw new DomainError("INVALID_INPUT", "This disposition is not available", { field: "dispositionCodeId" });
    codeName = code.name;
  }
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.interaction.update({ where: { id: interaction.id }, data: { dispositionCodeId: input.dispositionCodeId, dispositionNote: note } });
    await tx.interactionEvent.create({
      data: {
        organizationId: interaction.organizationId,
        interactionId: interaction.id,
        type: "disposition",
        agentId: viewer.userId,
        queueId: interaction.queueId,
        at: deps.now(),
        data: { code: codeName, note: note.length > 0 },
      },
    });
    return row;
  });
  deps.events.publish("case.updated", { organizationId: interaction.organizationId, caseId: interaction.caseId });
  if (input.done) {
    const wrap = await currentWrapUp(viewer.userId, deps.db);
    if (wrap?.interactionId === interaction.id) {
      await changeAgentState(
        {
          userId: viewer.userId,
          organizationId: viewer.organizationId,
          state: "READY",
          source: "AGENT",
          changedById: null,
          seen: true,
          onlyIf: (c) => c.state === "WRAP_UP",
        },
        deps,
      );
    }
  }
  return updated;
}
