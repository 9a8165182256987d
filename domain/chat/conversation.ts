// What a visitor sees of their conversation: their messages and the agents' (never notes), the
// agent's first name, where they are in the queue, and whether the agent read their messages.
import type { Deps } from "../ports.ts";
import { dueAt } from "../routing/scheduled.ts";
import { type VisitorContext, currentInteraction } from "./visitor-context.ts";

export type VisitorConversationState = "NONE" | "QUEUED" | "ACTIVE" | "ENDED" | "LEFT_MESSAGE" | "UNSERVED";

export async function visitorConversation(v: VisitorContext, deps: Pick<Deps, "db" | "now">) {
  const interaction = await currentInteraction(v, deps);
  if (!interaction)
    return { state: "NONE" as const, messages: [], agent: null, position: null, rating: null, agentReadAt: null, interactionId: null, notice: "", call: null };
  const [messages, agent, item, call] = await Promise.all([
    deps.db.message.findMany({
      where: { interactionId: interaction.id, kind: "MESSAGE" },
      orderBy: { createdAt: "asc" },
      take: 500,
      select: {
        id: true,
        authorType: true,
        body: true,
        createdAt: true,
        authorUser: { select: { name: true } },
        attachments: { select: { id: true, fileName: true, contentType: true, size: true } },
      },
    }),
    interaction.agentId ? deps.db.user.findUnique({ where: { id: interaction.agentId }, select: { name: true } }) : null,
    deps.db.queueItem.findUnique({
      where: { interactionId: interaction.id },
      select: { state: true, queueId: true, vip: true, priority: true, enqueuedAt: true },
    }),
    interaction.channel === "VOICE" ? deps.db.call.findUnique({ where: { interactionId: interaction.id } }) : null,
  ]);
  // A web caller in the widget's IVR flow is not in a queue, but on the call all the same — also
  // while their voicemail is recorded (the interaction is a message left from its first second).
  const inFlow = !!call?.ivr && call.state === "RINGING";
  const state = inFlow ? "QUEUED" : conversationState(interaction.state, item?.state ?? null);
  return {
    interactionId: interaction.id,
    state,
    // Taken out of the queue unserved (waited past its limit): the queue's own words, if it has any.
    notice: state === "UNSERVED" && interaction.queueId ? await overflowNotice(interaction.queueId, deps) : "",
    messages: messages.map(toVisitorMessage),
    agent: agent ? firstName(agent.name) : null,
    position: item && (item.state === "WAITING" || item.state === "OFFERED") ? await queuePosition(item, deps) : null,
    rating: interaction.rating,
    agentReadAt: interaction.agentReadAt?.toISOString() ?? null,
    /** For "Call us": the call's state (RINGING while it waits for an agent). */
    /** `ivr`: in the widget's IVR flow (the widget shows its keypad). */
    /** `message`: recording their voicemail. */
    call: call ? { state: call.state, held: call.held, ivr: call.ivr, message: inFlow && interaction.state === "LEFT_MESSAGE", answeredAt: call.answeredAt?.toISOString() ?? null } : null,
  };
}

const MESSAGE_FIELDS = {
  id: true,
  authorType: true,
  body: true,
  createdAt: true,
  authorUser: { select: { name: true } },
  attachments: { select: { id: true, fileName: true, contentType: true, size: true } },
} as const;

type MessageRow = {
  id: string;
  authorType: string;
  body: string;
  createdAt: Date;
  authorUser: { name: string } | null;
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
};

function toVisitorMessage(m: MessageRow) {
  return {
    id: m.id,
    from: m.authorType,
    // Customers see the agent's first name only.
    author: m.authorType === "AGENT" ? firstName(m.authorUser?.name) : null,
    body: m.body,
    at: m.createdAt.toISOString(),
    attachments: m.attachments,
  };
}

/** One message for the visitor's feed, only if it is a customer-visible message of their own conversation. */
export async function visitorMessage(v: VisitorContext, messageId: string, deps: Pick<Deps, "db">) {
  const m = await deps.db.message.findFirst({ where: { id: messageId, kind: "MESSAGE", interaction: { visitorId: v.visitorId } }, select: MESSAGE_FIELDS });
  return m ? toVisitorMessage(m) : null;
}

/** An attachment the visitor may download: sent in a customer-visible message of their own conversation. */
export async function visitorAttachment(v: VisitorContext, attachmentId: string, deps: Pick<Deps, "db">) {
  return deps.db.attachment.findFirst({ where: { id: attachmentId, message: { kind: "MESSAGE", interaction: { visitorId: v.visitorId } } } });
}

function conversationState(state: string, itemState: string | null): VisitorConversationState {
  if (state === "QUEUED") return itemState === "WAITING" || itemState === "OFFERED" ? "QUEUED" : "UNSERVED";
  if (state === "ACTIVE") return "ACTIVE";
  if (state === "LEFT_MESSAGE") return "LEFT_MESSAGE";
  return "ENDED";
}

const overflowNotice = async (queueId: string, deps: Pick<Deps, "db">) =>
  (await deps.db.queue.findUnique({ where: { id: queueId }, select: { overflowMessage: true } }))?.overflowMessage ?? "";

const firstName = (name: string | null | undefined) => (name ?? "").trim().split(/\s+/)[0] || null;

/** 1 = next. Counts who is served first (compareWaiting), in the same queue. */
async function queuePosition(item: { queueId: string; vip: boolean; priority: number; enqueuedAt: Date }, deps: Pick<Deps, "db" | "now">) {
  const ahead = await deps.db.queueItem.count({
    where: {
      queueId: item.queueId,
      state: { in: ["WAITING", "OFFERED"] },
      // A call-back due later is nobody's turn yet.
      AND: [dueAt(deps.now())],
      OR: [
        { vip: true, ...(item.vip ? { OR: [{ priority: { gt: item.priority } }, { priority: item.priority, enqueuedAt: { lt: item.enqueuedAt } }] } : {}) },
        ...(item.vip
          ? []
          : [
              { vip: false, priority: { gt: item.priority } },
              { vip: false, priority: item.priority, enqueuedAt: { lt: item.enqueuedAt } },
            ]),
      ],
    },
  });
  return ahead + 1;
}
