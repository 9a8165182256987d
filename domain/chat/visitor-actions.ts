// What a visitor does in a conversation. Every function starts from the visitor's token
// (VisitorContext): a visitor can only ever reach their own conversation.
import { z } from "zod";
import type { Deps } from "../ports.ts";
import { dropFromQueue, endInteraction } from "../routing/end-interaction.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { PendingEvents } from "../shared/pending-events.ts";
import { parseInput } from "../shared/parse.ts";
import { bindAttachments } from "../cases/attachments.ts";
import { type VisitorContext, currentInteraction } from "./visitor-context.ts";
import { openInteraction } from "../interactions/open-interaction.ts";
import { recordEvent } from "../interactions/record-event.ts";

/** Messages per minute one visitor may send before being slowed down. */
export const VISITOR_MESSAGES_PER_MINUTE = 20;

const messageSchema = z.object({
  body: z.string().trim().max(5000, "at most 5000 characters"),
  attachmentIds: z.array(z.uuid()).max(10).default([]),
});

async function liveInteraction(v: VisitorContext, deps: Pick<Deps, "db">) {
  const i = await currentInteraction(v, deps);
  if (!i || !["QUEUED", "ACTIVE"].includes(i.state)) throw new DomainError("CONFLICT", "This conversation has ended", { reason: "CONVERSATION_ENDED" });
  return i;
}

export async function sendVisitorMessage(v: VisitorContext, raw: z.input<typeof messageSchema>, deps: Deps) {
  if (!deps.limiter.take(`visitor-msg:${v.visitorId}`, VISITOR_MESSAGES_PER_MINUTE)) {
    throw new DomainError("LIMIT_EXCEEDED", "You are sending messages too fast; wait a moment", { reason: "TOO_FAST", retryAfterSeconds: 5 });
  }
  const input = parseInput(messageSchema, raw);
  if (!input.body && !input.attachmentIds.length) throw fieldError("input.body", "required", "Write a message");
  const interaction = await liveInteraction(v, deps);
  const now = deps.now();
  const message = await deps.db.$transaction(async (tx) => {
    const m = await tx.message.create({
      data: {
        organizationId: v.organizationId,
        caseId: interaction.caseId,
        interactionId: interaction.id,
        authorType: "CONTACT",
        body: input.body,
        createdAt: now,
      },
    });
    await bindAttachments(tx, { caseId: interaction.caseId, messageId: m.id, ids: input.attachmentIds, uploadedByVisitor: v.visitorId });
    await tx.case.update({ where: { id: interaction.caseId }, data: { lastActivityAt: now } });
    await tx.visitor.update({ where: { id: v.visitorId }, data: { lastSeenAt: now } });
    return m;
  });
  deps.events.publish("message.created", {
    organizationId: v.organizationId,
    caseId: interaction.caseId,
    messageId: message.id,
    interactionId: interaction.id,
    kind: "MESSAGE",
    authorType: "CONTACT",
  });
  return message;
}

export async function visitorTyping(v: VisitorContext, typing: boolean, deps: Deps) {
  const i = await currentInteraction(v, deps);
  if (!i || i.state !== "ACTIVE") return;
  if (!deps.limiter.take(`visitor-typing:${v.visitorId}`, 120)) return;
  deps.events.publish("chat.typing", { organizationId: v.organizationId, caseId: i.caseId, interactionId: i.id, by: "CONTACT", agentId: null, typing });
}

/** The widget received (delivered) or showed (read) the agent's messages up to `until`. */
export async function visitorSaw(v: VisitorContext, what: "delivered" | "read", deps: Deps) {
  const i = await currentInteraction(v, deps);
  if (!i) return;
  const now = deps.now();
  await deps.db.interaction.update({
    where: { id: i.id },
    data: what === "read" ? { contactReadAt: now, contactDeliveredAt: now } : { contactDeliveredAt: now },
  });
  await deps.db.visitor.update({ where: { id: v.visitorId }, data: { lastSeenAt: now } });
  if (what === "read") deps.events.publish("chat.read", { organizationId: v.organizationId, caseId: i.caseId, interactionId: i.id, by: "CONTACT", at: now });
}

export async function endChatByVisitor(v: VisitorContext, deps: Deps) {
  const i = await currentInteraction(v, deps);
  if (!i || !["QUEUED", "ACTIVE"].includes(i.state)) return;
  await endInteraction(i.id, "CONTACT", deps);
}

const ratingSchema = z.object({ rating: z.number().int().min(1, "1–5").max(5, "1–5"), comment: z.string().trim().max(1000).default("") });

export async function rateChat(v: VisitorContext, raw: z.input<typeof ratingSchema>, deps: Deps) {
  const input = parseInput(ratingSchema, raw);
  const i = await currentInteraction(v, deps);
  if (!i || i.state !== "ENDED" || !i.answeredAt)
    throw new DomainError("CONFLICT", "Only a finished conversation with an agent can be rated", { reason: "NOT_RATEABLE" });
  if (i.rating !== null) throw new DomainError("CONFLICT", "This conversation has already been rated", { reason: "ALREADY_RATED" });
  await deps.db.$transaction(async (tx) => {
    await tx.interaction.update({ where: { id: i.id }, data: { rating: input.rating, ratingComment: input.comment } });
    await recordEvent(tx, { organizationId: v.organizationId, interactionId: i.id, type: "rated", at: deps.now(), data: input });
  });
  deps.events.publish("case.updated", { organizationId: v.organizationId, caseId: i.caseId });
}

const leaveMessageSchema = z.object({ body: z.string().trim().min(1, "required").max(5000, "at most 5000 characters") });

/**
 * Nobody could chat (closed, unstaffed, queue full or waited too long): the visitor's message
 * becomes a case in the widget's queue, waiting for an agent to answer it later.
 */
export async function leaveMessage(v: VisitorContext, raw: z.input<typeof leaveMessageSchema>, deps: Deps) {
  const input = parseInput(leaveMessageSchema, raw);
  if (!deps.limiter.take(`visitor-msg:${v.visitorId}`, VISITOR_MESSAGES_PER_MINUTE))
    throw new DomainError("LIMIT_EXCEEDED", "Wait a moment before sending again", { reason: "TOO_FAST" });
  const now = deps.now();
  const events = new PendingEvents();
  const caseId = await deps.db.$transaction(async (tx) => {
    const visitor = await tx.visitor.findUniqueOrThrow({ where: { id: v.visitorId }, include: { entryPoint: true } });
    const existing = await tx.interaction.findFirst({
      where: { visitorId: v.visitorId, state: { in: ["QUEUED", "LEFT_MESSAGE"] } },
      orderBy: { arrivedAt: "desc" },
    });
    let interactionId = existing?.id;
    let caseId = existing?.caseId;
    if (existing?.state === "QUEUED") {
      // Still waiting (queue full, or given up on): take it out of the queue, keep its case.
      await dropFromQueue(tx, existing.id, v.organizationId, now, events);
    }
    if (!caseId || !interactionId) {
      const queueId = visitor.entryPoint.queueId;
      const opened = await openInteraction(
        tx,
        {
          organizationId: v.organizationId,
          case: { new: { subject: input.body.split("\n")[0].slice(0, 120), contactId: visitor.contactId, contactVerified: visitor.contactVerified, queueId } },
          channel: "CHAT",
          entryPointId: visitor.entryPointId,
          visitorId: v.visitorId,
          queueId,
          data: { name: visitor.name, email: visitor.email, phone: visitor.phone },
          now,
        },
        events,
      );
      caseId = opened.caseId;
      interactionId = opened.interaction.id;
    }
    await tx.interaction.update({ where: { id: interactionId }, data: { state: "LEFT_MESSAGE", endedAt: now, endedBy: "CONTACT" } });
    await recordEvent(tx, { organizationId: v.organizationId, interactionId, type: "left_message", at: now });
    const m = await tx.message.create({
      data: { organizationId: v.organizationId, caseId, interactionId, authorType: "CONTACT", body: input.body, createdAt: now },
    });
    await tx.case.update({ where: { id: caseId }, data: { lastActivityAt: now } });
    events.add("message.created", { organizationId: v.organizationId, caseId, messageId: m.id, interactionId, kind: "MESSAGE", authorType: "CONTACT" });
    events.add("case.updated", { organizationId: v.organizationId, caseId });
    return caseId;
  });
  events.publishTo(deps.events);
  return { caseId };
}

const transcriptSchema = z.object({ email: z.email("not a valid e-mail address").trim().max(254) });

/** Sends the conversation (customer and agent messages, never notes) to the visitor's address. */
export async function emailTranscript(v: VisitorContext, raw: z.input<typeof transcriptSchema>, deps: Deps) {
  const input = parseInput(transcriptSchema, raw);
  if (!deps.mail.configured) throw new DomainError("UNAVAILABLE", "Sending transcripts is not set up here", { reason: "MAIL_NOT_CONFIGURED" });
  if (!deps.limiter.take(`visitor-transcript:${v.visitorId}`, 1))
    throw new DomainError("LIMIT_EXCEEDED", "A transcript was just sent; try again in a minute", { reason: "TOO_FAST" });
  const i = await currentInteraction(v, deps);
  if (!i) throw new DomainError("CONFLICT", "There is no conversation to send yet", { reason: "NO_CONVERSATION" });
  const [messages, kase] = await Promise.all([
    deps.db.message.findMany({
      where: { interactionId: i.id, kind: "MESSAGE" },
      orderBy: { createdAt: "asc" },
      select: { authorType: true, body: true, createdAt: true, authorUser: { select: { name: true } } },
    }),
    deps.db.case.findUniqueOrThrow({ where: { id: i.caseId }, select: { number: true, organization: { select: { name: true } } } }),
  ]);
  const lines = messages.map((m) => {
    const who = m.authorType === "CONTACT" ? "You" : m.authorType === "AGENT" ? (m.authorUser?.name ?? "Agent").split(" ")[0] : kase.organization.name;
    return `[${m.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC] ${who}: ${m.body}`;
  });
  try {
    await deps.mail.send({ to: input.email, subject: `${kase.organization.name} — conversation #${kase.number}`, text: `${lines.join("\n")}\n` });
  } catch (err) {
    deps.log.warn({ err, interactionId: i.id }, "transcript e-mail failed");
    throw new DomainError("UNAVAILABLE", "The transcript could not be sent; try again later", { reason: "MAIL_FAILED" });
  }
  await recordEvent(deps.db, { organizationId: v.organizationId, interactionId: i.id, type: "transcript_sent", at: deps.now() });
}
