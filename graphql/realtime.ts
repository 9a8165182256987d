// The realtime listener: domain events -> GraphQL topics and visitors' feeds. The audience of every
// event is computed here and nowhere else. Payloads carry ids; subscribers re-read what they show.
import { ACCESS_EVENTS, type DomainEventName, type EventListener } from "../domain/events.ts";
import type { Deps } from "../domain/ports.ts";
import { callAudience } from "../domain/voice/call-audience.ts";
import type { PubSub } from "./pubsub.ts";

export function realtimeListener(pubsub: PubSub, deps: Pick<Deps, "db">): EventListener {
  const accessChanged = (p: { organizationId: string }) => pubsub.publish("accessChanged", { organizationId: p.organizationId });
  const board = (organizationId: string) => pubsub.publish("wallboard", organizationId, { reason: "figures" });
  const queues = (organizationId: string, queueId: string) => {
    pubsub.publish("queueActivity", organizationId, { queueId });
    board(organizationId);
  };

  /**
   * An agent's work changed (a conversation given or ended): their row on the board and their own
   * top bar show what they do (agentPresence, re-read by subscribers), and the numbers of every
   * queue they serve (busy, ready) move with it.
   */
  async function agentWorkChanged(organizationId: string, userId: string) {
    const [presence, memberships] = await Promise.all([
      deps.db.agentPresence.findUnique({ where: { userId }, select: { state: true, since: true } }),
      deps.db.queueMember.findMany({ where: { userId }, select: { queueId: true } }),
    ]);
    if (presence) pubsub.publish("agentPresence", organizationId, { userId, state: presence.state, since: presence.since.toISOString() });
    for (const m of memberships) queues(organizationId, m.queueId);
  }

  /** Who sees a case in their inbox: its assignee and the members of its queue; plus all-cases viewers. */
  async function caseChanged(organizationId: string, caseId: string) {
    pubsub.publish("caseActivity", caseId, { kind: "updated" });
    pubsub.publish("orgCases", organizationId, { caseId });
    const c = await deps.db.case.findUnique({
      where: { id: caseId },
      select: { assigneeId: true, queue: { select: { members: { select: { userId: true } } } } },
    });
    const audience = new Set([...(c?.assigneeId ? [c.assigneeId] : []), ...(c?.queue?.members.map((m) => m.userId) ?? [])]);
    for (const userId of audience) pubsub.publish("inbox", userId, { caseId });
  }

  const visitorOf = async (interactionId: string | null) =>
    interactionId ? ((await deps.db.interaction.findUnique({ where: { id: interactionId }, select: { visitorId: true } }))?.visitorId ?? null) : null;
  const tellVisitor = async (interactionId: string | null, event: Parameters<typeof pubsub.publish<"visitor">>[2]) => {
    const visitorId = await visitorOf(interactionId);
    if (visitorId) pubsub.publish("visitor", visitorId, event);
  };

  const listener: EventListener = {
    "agent.state_changed": async (p) => {
      pubsub.publish("agentPresence", p.organizationId, { userId: p.userId, state: p.state, since: p.since.toISOString() });
      board(p.organizationId);
      // Ready, busy and signed-in counts of the agent's queues changed with it.
      for (const q of await deps.db.queueMember.findMany({ where: { userId: p.userId }, select: { queueId: true } })) queues(p.organizationId, q.queueId);
    },

    "case.created": (p) => caseChanged(p.organizationId, p.caseId),
    "case.updated": (p) => caseChanged(p.organizationId, p.caseId),
    "campaign.texts_changed": (p) => board(p.organizationId),
    "message.created": async (p) => {
      pubsub.publish("caseActivity", p.caseId, { kind: "message", messageId: p.messageId });
      await caseChanged(p.organizationId, p.caseId);
      // Customers hear agents' messages only: never a note, never their own echo.
      if (p.kind === "MESSAGE" && p.authorType !== "CONTACT") await tellVisitor(p.interactionId, { kind: "message", messageId: p.messageId });
    },
    "chat.typing": async (p) => {
      pubsub.publish("caseActivity", p.caseId, { kind: "typing", interactionId: p.interactionId, by: p.by, typing: p.typing, agentId: p.agentId });
      if (p.by === "AGENT") await tellVisitor(p.interactionId, { kind: "typing", typing: p.typing });
    },
    "chat.read": async (p) => {
      pubsub.publish("caseActivity", p.caseId, { kind: "read", interactionId: p.interactionId, by: p.by, at: p.at.toISOString() });
      if (p.by === "AGENT") await tellVisitor(p.interactionId, { kind: "read", at: p.at.toISOString() });
    },
    "interaction.ended": async (p) => {
      if (p.agentId) pubsub.publish("agentWork", p.agentId, { kind: "ended", interactionId: p.interactionId, caseId: p.caseId });
      if (p.agentId) await agentWorkChanged(p.organizationId, p.agentId);
      // An abandoned call moves today's figures even with no agent on it.
      board(p.organizationId);
      await tellVisitor(p.interactionId, { kind: "state" });
    },

    "call.updated": async (p) => {
      const { userIds, visitorIds } = await callAudience(deps.db, p.callId);
      for (const userId of userIds) pubsub.publish("myCalls", userId, { callId: p.callId, state: p.state });
      for (const visitorId of visitorIds) pubsub.publish("visitor", visitorId, { kind: "state" });
      pubsub.publish("orgCalls", p.organizationId, { callId: p.callId });
      board(p.organizationId);
    },
    "queue.updated": (p) => board(p.organizationId),
    "queue.deleted": (p) => board(p.organizationId),
    "alarm.changed": (p) => pubsub.publish("wallboard", p.organizationId, { reason: "alarms" }),
    "wallboard.day_started": (p) => board(p.organizationId),
    "wallboard_link.revoked": (p) => pubsub.publish("wallboard", p.organizationId, { reason: "link_revoked", linkId: p.linkId }),
    "routing.wake": (p) => pubsub.publish("routingWake", { organizationId: p.organizationId }),
    "email.queued": (p) => pubsub.publish("emailQueued", { organizationId: p.organizationId }),
    "sms.queued": (p) => pubsub.publish("smsQueued", { organizationId: p.organizationId }),
    "job.run_requested": (p) => pubsub.publish("jobWake", { name: p.name }),
    "routing.item_queued": async (p) => {
      queues(p.organizationId, p.queueId);
      await tellVisitor(p.interactionId, { kind: "state" });
    },
    "routing.offered": (p) => {
      pubsub.publish("agentWork", p.agentId, { kind: "offered", interactionId: p.interactionId });
      queues(p.organizationId, p.queueId);
    },
    "routing.offer_withdrawn": (p) => {
      pubsub.publish("agentWork", p.agentId, { kind: "withdrawn", interactionId: p.interactionId });
      queues(p.organizationId, p.queueId);
    },
    "routing.assigned": async (p) => {
      pubsub.publish("agentWork", p.agentId, { kind: "assigned", interactionId: p.interactionId, caseId: p.caseId });
      if (p.transferFromId) pubsub.publish("agentWork", p.transferFromId, { kind: "released", interactionId: p.interactionId, caseId: p.caseId });
      queues(p.organizationId, p.queueId);
      await agentWorkChanged(p.organizationId, p.agentId);
      if (p.transferFromId) await agentWorkChanged(p.organizationId, p.transferFromId);
      await tellVisitor(p.interactionId, { kind: "state" });
    },
    "routing.transfer_failed": (p) => pubsub.publish("agentWork", p.agentId, { kind: "transfer_failed", interactionId: p.interactionId, caseId: p.caseId }),
    "routing.left_queue": (p) => queues(p.organizationId, p.queueId),
    "routing.overflowed": async (p) => {
      queues(p.organizationId, p.queueId);
      if (p.toQueueId) queues(p.organizationId, p.toQueueId);
      await tellVisitor(p.interactionId, { kind: "state" });
    },
  };
  for (const name of ACCESS_EVENTS) (listener as Record<DomainEventName, typeof accessChanged>)[name] = accessChanged;
  return listener;
}
