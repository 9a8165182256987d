// What agents do in a conversation. A message reaches the customer only through a live chat the
// agent handles (or may supervise); a note is for colleagues and never leaves the case.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { bindAttachments } from "../cases/attachments.ts";
import { visibleCase, writableCase } from "../cases/case-access.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, notFound } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { parseInput } from "../shared/parse.ts";
import { endInteraction } from "../routing/end-interaction.ts";
import { advanceCaseSla } from "../cases/case-sla.ts";
import { recordEvent } from "../interactions/record-event.ts";

const replySchema = z.object({
  caseId: z.uuid(),
  interactionId: z.uuid().nullish(),
  kind: z.enum(["MESSAGE", "NOTE"]),
  body: z.string().trim().max(10_000, "at most 10000 characters"),
  attachmentIds: z.array(z.uuid()).max(10).default([]),
});

/** The live chat of a case that this viewer may write into (its agent, or a supervisor). */
async function writableChat(viewer: Viewer, interactionId: string, caseId: string, deps: Pick<Deps, "db">) {
  const i = await deps.db.interaction.findFirst({ where: { id: interactionId, caseId, organizationId: viewer.organizationId } });
  if (!i) throw notFound("Conversation");
  if (i.state !== "ACTIVE") throw new DomainError("CONFLICT", "This conversation is no longer live", { reason: "CONVERSATION_ENDED" });
  if (i.agentId !== viewer.userId && !can(viewer, "cases.manage")) throw new DomainError("FORBIDDEN", "Another agent is handling this conversation");
  return i;
}

export async function replyToCase(viewer: Viewer, raw: z.input<typeof replySchema>, deps: Deps) {
  const input = parseInput(replySchema, raw);
  if (!input.body && !input.attachmentIds.length) throw fieldError("input.body", "required", "Write something first");
  // A lead watching an agent's case writes nothing in it (not even a note) without cases.manage.
  await writableCase(viewer, input.caseId, deps.db);
  let interactionId: string | null = null;
  if (input.kind === "MESSAGE") {
    if (!input.interactionId) throw fieldError("input.interactionId", "required", "Choose the conversation to answer in");
    interactionId = (await writableChat(viewer, input.interactionId, input.caseId, deps)).id;
  }
  const now = deps.now();
  const message = await deps.db.$transaction(async (tx) => {
    const m = await tx.message.create({
      data: {
        organizationId: viewer.organizationId,
        caseId: input.caseId,
        interactionId,
        kind: input.kind,
        authorType: "AGENT",
        authorUserId: viewer.userId,
        body: input.body,
        createdAt: now,
      },
    });
    await bindAttachments(tx, { caseId: input.caseId, messageId: m.id, ids: input.attachmentIds });
    await tx.case.update({ where: { id: input.caseId }, data: { lastActivityAt: now } });
    // Answering means the agent has read what came before.
    if (interactionId) await tx.interaction.update({ where: { id: interactionId }, data: { agentReadAt: now } });
    // A message the customer sees answers them; a note does not.
    if (input.kind === "MESSAGE") await advanceCaseSla(tx, input.caseId, { type: "first_response" }, now);
    return m;
  });
  deps.events.publish("message.created", {
    organizationId: viewer.organizationId,
    caseId: input.caseId,
    messageId: message.id,
    interactionId,
    kind: input.kind,
    authorType: "AGENT",
  });
  return message;
}

export async function agentTyping(viewer: Viewer, interactionId: string, typing: boolean, deps: Deps) {
  const i = await deps.db.interaction.findFirst({
    where: { id: interactionId, organizationId: viewer.organizationId, agentId: viewer.userId, state: "ACTIVE" },
  });
  if (!i) return;
  deps.events.publish("chat.typing", { organizationId: viewer.organizationId, caseId: i.caseId, interactionId, by: "AGENT", agentId: viewer.userId, typing });
}

export async function markReadByAgent(viewer: Viewer, interactionId: string, deps: Deps) {
  const i = await deps.db.interaction.findFirst({ where: { id: interactionId, organizationId: viewer.organizationId, agentId: viewer.userId } });
  if (!i) return;
  const now = deps.now();
  await deps.db.interaction.update({ where: { id: i.id }, data: { agentReadAt: now } });
  deps.events.publish("chat.read", { organizationId: viewer.organizationId, caseId: i.caseId, interactionId, by: "AGENT", at: now });
}

export async function endChatByAgent(viewer: Viewer, interactionId: string, deps: Deps) {
  const i = await deps.db.interaction.findFirst({ where: { id: interactionId, organizationId: viewer.organizationId } });
  if (!i) throw notFound("Conversation");
  await visibleCase(viewer, i.caseId, deps.db);
  if (i.agentId !== viewer.userId && !can(viewer, "cases.manage")) throw new DomainError("FORBIDDEN", "Another agent is handling this conversation");
  await endInteraction(i.id, "AGENT", deps);
}

const transferSchema = z
  .object({ interactionId: z.uuid(), toQueueId: z.uuid().nullish(), toAgentId: z.uuid().nullish(), note: z.string().trim().max(2000).default("") })
  .refine((t) => !!t.toQueueId !== !!t.toAgentId, { message: "choose a queue or an agent", path: ["toQueueId"] });

/**
 * Hands a live chat to another agent or queue. The current agent keeps it until someone accepts,
 * so the customer is never left waiting alone; the note tells the next agent what it is about.
 */
export async function transferInteraction(viewer: Viewer, raw: z.input<typeof transferSchema>, deps: Deps) {
  const input = parseInput(transferSchema, raw);
  const events = new PendingEvents();
  const now = deps.now();
  await deps.db.$transaction(async (tx) => {
    const i = await tx.interaction.findFirst({ where: { id: input.interactionId, organizationId: viewer.organizationId }, include: { queueItem: true } });
    if (!i || !i.queueItem) throw notFound("Conversation");
    if (i.state !== "ACTIVE") throw new DomainError("CONFLICT", "Only a live conversation can be transferred", { reason: "CONVERSATION_ENDED" });
    if (i.agentId !== viewer.userId && !can(viewer, "cases.manage")) throw new DomainError("FORBIDDEN", "Another agent is handling this conversation");
    if (i.queueItem.state !== "ASSIGNED")
      throw new DomainError("CONFLICT", "A transfer of this conversation is already under way", { reason: "TRANSFER_PENDING" });
    if (input.toAgentId === i.agentId) throw fieldError("input.toAgentId", "same_agent", "The conversation is already theirs");
    const queueId = input.toQueueId ?? i.queueItem.queueId;
    const queue = await tx.queue.findFirst({ where: { id: queueId, organizationId: viewer.organizationId, active: true } });
    if (!queue) throw fieldError("input.toQueueId", "unknown", "Unknown or inactive queue");
    if (input.toAgentId && !(await tx.user.count({ where: { id: input.toAgentId, organizationId: viewer.organizationId, active: true } }))) {
      throw fieldError("input.toAgentId", "unknown", "Unknown agent");
    }
    await tx.queueItem.update({
      where: { id: i.queueItem.id },
      data: {
        state: "WAITING",
        queueId,
        priority: queue.priority,
        enqueuedAt: now,
        declinedBy: [],
        targetAgentId: input.toAgentId ?? null,
        transferFromId: i.agentId,
        transferNote: input.note,
        assignedToId: i.agentId,
      },
    });
    await recordEvent(tx, {
      organizationId: viewer.organizationId,
      interactionId: i.id,
      type: "transfer_requested",
      agentId: viewer.userId,
      queueId,
      at: now,
      data: { toAgentId: input.toAgentId ?? null, toQueueId: queueId, note: input.note },
    });
    if (input.note) {
      const m = await tx.message.create({
        data: {
          organizationId: viewer.organizationId,
          caseId: i.caseId,
          interactionId: i.id,
          kind: "NOTE",
          authorType: "AGENT",
          authorUserId: viewer.userId,
          body: input.note,
          createdAt: now,
        },
      });
      events.add("message.created", {
        organizationId: viewer.organizationId,
        caseId: i.caseId,
        messageId: m.id,
        interactionId: i.id,
        kind: "NOTE",
        authorType: "AGENT",
      });
    }
    events.add("routing.item_queued", { organizationId: viewer.organizationId, queueId, itemId: i.queueItem.id, interactionId: i.id });
    events.add("routing.wake", { organizationId: viewer.organizationId, queueIds: [queueId] });
    events.add("case.updated", { organizationId: viewer.organizationId, caseId: i.caseId });
  });
  events.publishTo(deps.events);
}

/** The transferring agent changes their mind: the conversation stays theirs. */
export async function cancelTransfer(viewer: Viewer, interactionId: string, deps: Deps) {
  const events = new PendingEvents();
  await deps.db.$transaction(async (tx) => {
    const item = await tx.queueItem.findFirst({ where: { interactionId, organizationId: viewer.organizationId, transferFromId: { not: null } } });
    if (!item || !["WAITING", "OFFERED"].includes(item.state)) throw new DomainError("CONFLICT", "There is no transfer to cancel", { reason: "NO_TRANSFER" });
    if (item.transferFromId !== viewer.userId && !can(viewer, "cases.manage")) throw new DomainError("FORBIDDEN", "Only the transferring agent may cancel it");
    const undone = await tx.queueItem.updateMany({
      where: { id: item.id, state: { in: ["WAITING", "OFFERED"] } },
      data: {
        state: "ASSIGNED",
        assignedToId: item.transferFromId,
        offeredToId: null,
        offerExpiresAt: null,
        targetAgentId: null,
        transferFromId: null,
        transferNote: "",
      },
    });
    if (undone.count !== 1) throw new DomainError("CONFLICT", "There is no transfer to cancel", { reason: "NO_TRANSFER" });
    await recordEvent(tx, { organizationId: viewer.organizationId, interactionId, type: "transfer_cancelled", agentId: viewer.userId, at: deps.now() });
    if (item.state === "OFFERED" && item.offeredToId) {
      events.add("routing.offer_withdrawn", {
        organizationId: viewer.organizationId,
        queueId: item.queueId,
        itemId: item.id,
        interactionId,
        agentId: item.offeredToId,
        reason: "CANCELLED",
      });
    }
    const i = await tx.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { caseId: true } });
    events.add("case.updated", { organizationId: viewer.organizationId, caseId: i.caseId });
  });
  events.publishTo(deps.events);
}
