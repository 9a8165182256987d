// The details of one call's share in a queue that the "calls in detail" part of the queue report
// counts: the number the customer dialled, why the call ended (who or what ended it), where a caller
// who gave up was in the queue, and the keys pressed in the IVR before the queue. Pure: read from
// the interaction's events beside its facts (call-facts.ts); definitions in docs/reports.md.
import type { FactEvent, QueueCallFact } from "./call-facts.ts";

export const END_REASONS = [
  /** Unanswered: the customer hung up while waiting. */
  "ABANDONED",
  /** Unanswered: sent on to voicemail (an overflow) or the caller left a message. */
  "VOICEMAIL",
  /** Unanswered: sent on by an overflow rule (another queue, a call-back) or to another queue. */
  "OVERFLOW",
  /** Answered: the customer hung up in the conversation. */
  "CUSTOMER_HUNG_UP",
  /** Answered: the agent ended the conversation. */
  "AGENT_HUNG_UP",
  /** Answered, then handed on to a colleague or another queue. */
  "TRANSFERRED",
  /** Answered, then handed on to an outside number. */
  "TRANSFERRED_OUT",
  /** The system ended it: the queue closed, the media failed, a time limit, an agent gone. */
  "SYSTEM",
] as const;
export type EndReason = (typeof END_REASONS)[number];

export interface CallDetails {
  /** The number dialled (the DID), when the call came over the phone network. */
  dialled: string | null;
  /** The entry point it came in by (the name stands in for a web call's number). */
  entryPointId: string | null;
  /** Keys chosen in the IVR before the first queue, in order ("1 › 3"); null: none. */
  ivrPath: string | null;
}

/** Longest key path kept (a caller who keeps pressing is still one row). */
const MAX_PATH = 60;

/** What the interaction as a whole says: where it came in and what the caller chose first. */
export function callDetails(events: FactEvent[]): CallDetails {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const arrived = sorted.find((e) => e.type === "arrived");
  const firstQueue = sorted.find((e) => e.type === "queued")?.at.getTime() ?? Infinity;
  const keys = sorted
    .filter((e) => e.type === "ivr" && e.at.getTime() <= firstQueue && e.data?.what === "chose" && typeof e.data.value === "string")
    .map((e) => String(e.data!.value));
  let path = keys.join(" › ");
  if (path.length > MAX_PATH) path = `${path.slice(0, MAX_PATH - 1)}…`;
  return {
    dialled: typeof arrived?.data?.dialled === "string" && arrived.data.dialled ? arrived.data.dialled : null,
    entryPointId: typeof arrived?.data?.entryPoint === "string" ? arrived.data.entryPoint : null,
    ivrPath: path || null,
  };
}

const EXTERNAL_KINDS = new Set(["external", "consult_external"]);

/**
 * Why the call's share in this queue ended. Unanswered: the first of an overflow, the caller's
 * hang-up, a move to another queue or the end after it entered the queue. Answered: handed on, else
 * who ended the conversation.
 */
export function endReason(fact: Pick<QueueCallFact, "queueId" | "offeredAt" | "answeredAt" | "abandoned" | "transferred">, events: FactEvent[]): EndReason {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (!fact.answeredAt) {
    if (fact.abandoned) return "ABANDONED";
    const after = sorted.filter((e) => e.at.getTime() >= fact.offeredAt.getTime());
    const left = after.find(
      (e) =>
        (e.type === "overflowed" && (!e.queueId || e.queueId === fact.queueId)) ||
        e.type === "ended" ||
        e.type === "abandoned" ||
        ((e.type === "queued" || e.type === "transfer_requested") && !!e.queueId && e.queueId !== fact.queueId),
    );
    if (left?.type === "overflowed") {
      const rest = after.filter((e) => e.at.getTime() >= left.at.getTime());
      const voicemail = rest.some((e) => e.type === "left_message" || e.type === "voicemail_started" || (e.type === "ivr_started" && e.data?.overflow === "VOICEMAIL"));
      return voicemail ? "VOICEMAIL" : "OVERFLOW";
    }
    if (left?.type === "queued" || left?.type === "transfer_requested") return "OVERFLOW";
    if (after.some((e) => e.type === "left_message")) return "VOICEMAIL";
    return "SYSTEM";
  }
  const since = sorted.filter((e) => e.at.getTime() >= fact.answeredAt!.getTime());
  if (fact.transferred) {
    const external = since.some(
      (e) => (e.type === "transferred" && EXTERNAL_KINDS.has(String(e.data?.kind))) || (e.type === "transfer_requested" && e.data?.external === true && !!e.agentId),
    );
    return external ? "TRANSFERRED_OUT" : "TRANSFERRED";
  }
  const ended = since.findLast((e) => e.type === "ended" || e.type === "abandoned");
  const by = ended?.data?.by;
  if (by === "CONTACT") return "CUSTOMER_HUNG_UP";
  if (by === "AGENT") return "AGENT_HUNG_UP";
  return "SYSTEM";
}

/** Where a caller who hung up waiting was in the queue (1: next); null when not recorded. */
export function hangUpPlace(fact: Pick<QueueCallFact, "abandoned" | "offeredAt">, events: FactEvent[]): number | null {
  if (!fact.abandoned) return null;
  const e = events.find((x) => x.type === "abandoned" && x.at.getTime() >= fact.offeredAt.getTime() && typeof x.data?.place === "number");
  return e ? Number(e.data!.place) : null;
}
