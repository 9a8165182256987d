// What one chat or e-mail conversation counts for in the Chat and e-mail report: answered, the
// first response (arrival to the agent's first message to the customer), handling (accept to the
// end), the case's resolution, messages each way, and the customer's rating. Pure: the interval
// rows (conversation-intervals.ts) and the drill-down lists count from these facts, so a figure
// means the same everywhere. Definitions: docs/reports.md, "Chat and e-mail".

import type { FactEvent } from "./call-facts.ts";

/** A message of the conversation (Message rows with its interactionId). */
export interface FactMessage {
  authorType: "CONTACT" | "AGENT" | "SYSTEM";
  /** NOTE: private, never seen by the customer, so never a response. */
  kind: "MESSAGE" | "NOTE";
  authorUserId: string | null;
  createdAt: Date;
}

export interface ConversationInput {
  channel: "CHAT" | "EMAIL";
  direction: "INBOUND" | "OUTBOUND";
  arrivedAt: Date;
  endedAt: Date;
  /** The queue it was routed to (Interaction.queueId), when no event names one. */
  queueId: string | null;
  /** Came from a web widget's visitor (a chat, or a message left through the widget). */
  fromWebVisitor: boolean;
  /** Interaction.rating: the rating when no `rated` event carries one (older data). */
  rating: number | null;
  /** The case's resolution, counted on one conversation per case (the loader picks its first). */
  resolution: { createdAt: Date; resolvedAt: Date | null } | null;
}

export interface ConversationFact {
  /** The queue it was answered in last (re-queued or transferred: the last), else the first it entered. */
  queueId: string | null;
  /** The agent who wrote the first response; nobody wrote: the last to accept it; else null. */
  agentId: string | null;
  arrivedAt: Date;
  /** An agent accepted it, or replied to it (an e-mail answered straight from the inbox). */
  answered: boolean;
  /** Seconds from arrival to the first agent message the customer sees; null: no agent wrote. */
  firstResponseSeconds: number | null;
  /** The queue's first-response target for the channel, in seconds; null: the queue has none. */
  firstResponseTargetSeconds: number | null;
  /** Responded within the target (only meaningful when there is one). */
  firstResponseInTarget: boolean;
  /** Seconds an agent held it: from each accept to the end, a re-queue or the next agent's accept. */
  handlingSeconds: number;
  /** The case's creation to its resolution, on the case's first conversation; null otherwise. */
  resolutionSeconds: number | null;
  messagesFromContact: number;
  messagesFromAgents: number;
  /** 1–5; null: not rated. */
  rating: number | null;
}

/** Steps that take the conversation from the agent holding it (back to a queue, to a colleague). */
const RELEASES = new Set<FactEvent["type"]>(["requeued", "transfer_requested", "ended", "abandoned"]);

/**
 * The fact of an ended inbound chat or e-mail; null for anything else (outbound e-mails we start
 * wait for nobody). `targetMinutes` gives a queue's first-response target for the channel.
 */
export function conversationFact(
  i: ConversationInput,
  events: FactEvent[],
  messages: FactMessage[],
  targetMinutes: (queueId: string) => number | null,
): ConversationFact | null {
  if (i.direction !== "INBOUND") return null;
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let firstQueue: string | null = null;
  let answeredQueue: string | null = null;
  let lastAgent: string | null = null;
  let holdingSince: Date | null = null;
  let handlingMs = 0;
  let rating: number | null = null;

  const release = (at: Date) => {
    if (holdingSince) handlingMs += Math.max(0, at.getTime() - holdingSince.getTime());
    holdingSince = null;
  };
  for (const e of sorted) {
    if (e.type === "queued" && e.queueId) firstQueue ??= e.queueId;
    if (e.type === "accepted") {
      // A colleague taking it over: the previous agent's handling ends here.
      release(e.at);
      holdingSince = e.at;
      lastAgent = e.agentId ?? lastAgent;
      if (e.queueId) answeredQueue = e.queueId;
    } else if (RELEASES.has(e.type) && !(e.type === "transfer_requested" && !e.data?.toQueueId)) {
      release(e.at);
    } else if (e.type === "rated" && typeof e.data?.rating === "number") {
      rating = e.data.rating;
    }
  }
  release(i.endedAt);

  const toCustomer = messages.filter((m) => m.kind === "MESSAGE");
  const agentMessages = toCustomer.filter((m) => m.authorType === "AGENT").sort((a, b) => +a.createdAt - +b.createdAt);
  const first = agentMessages.find((m) => +m.createdAt >= +i.arrivedAt) ?? null;
  const queueId = answeredQueue ?? firstQueue ?? i.queueId;
  const minutes = queueId ? targetMinutes(queueId) : null;
  const target = minutes === null ? null : minutes * 60;
  const firstResponseSeconds = first ? seconds(i.arrivedAt, first.createdAt) : null;
  const resolvedAt = i.resolution?.resolvedAt ?? null;
  const r = rating ?? i.rating;

  return {
    queueId,
    agentId: first?.authorUserId ?? lastAgent,
    arrivedAt: i.arrivedAt,
    answered: lastAgent !== null || first !== null,
    firstResponseSeconds,
    firstResponseTargetSeconds: target,
    firstResponseInTarget: target !== null && firstResponseSeconds !== null && firstResponseSeconds <= target,
    handlingSeconds: handlingMs / 1000,
    resolutionSeconds: i.resolution && resolvedAt ? seconds(i.resolution.createdAt, resolvedAt) : null,
    messagesFromContact: toCustomer.filter((m) => m.authorType === "CONTACT").length,
    messagesFromAgents: agentMessages.length,
    rating: r !== null && r >= 1 && r <= 5 ? Math.round(r) : null,
  };
}

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);
