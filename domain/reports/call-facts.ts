// What one customer interaction counts for in each queue it went through: offered when, answered
// when and by whom, the wait, the talk, abandoned (and how soon), offers made, handed on. Pure: the
// interval rows (queue-intervals.ts), the drill-down lists and a live board's "today" all count
// from these facts, so a figure means the same everywhere. Definitions: docs/reports.md.

import type { InteractionEventType } from "../interactions/event-types.ts";

/** The interaction's steps that matter here (InteractionEvent rows, in order of time). */
export interface FactEvent {
  type: InteractionEventType;
  at: Date;
  queueId: string | null;
  agentId: string | null;
  data?: Record<string, unknown> | null;
}

export interface QueueTargets {
  /** Answered within this many seconds of entering the queue counts toward the service level. */
  serviceLevelSeconds: number;
  /** Callers who hang up sooner than this (a wrong number, a change of mind) are short abandons. */
  shortAbandonSeconds: number;
}

/** An interaction's share in one queue; a queue it came back to is still one share. */
export interface QueueCallFact {
  queueId: string;
  /** When it first entered the queue: the 15-minute interval it is counted in. */
  offeredAt: Date;
  /** The first time an agent accepted it in this queue; null: never answered here. */
  answeredAt: Date | null;
  /** The agent who answered it here. */
  agentId: string | null;
  /** Seconds from entering the queue to being answered, or to leaving it unanswered. */
  waitSeconds: number;
  /** Seconds from the answer here until the conversation ended or passed to another queue. */
  talkSeconds: number;
  answered: boolean;
  answeredInSl: boolean;
  /** The customer hung up while waiting here. */
  abandoned: boolean;
  abandonedInSl: boolean;
  shortAbandon: boolean;
  /** Offers to agents while in this queue (accepted, declined and timed out alike). */
  offers: number;
  /** Answered here, then handed on by an agent (to a colleague, another queue or an outside number). */
  transferred: boolean;
}

/** Steps by which an interaction enters a queue: routed there, or transferred to it (queueId: the target). */
const ENTERS = new Set<InteractionEventType>(["queued", "transfer_requested"]);
/** Steps that hand an answered conversation to someone else. */
const HANDED_ON = new Set<InteractionEventType>(["transferred"]);

interface Leg {
  queueId: string;
  offeredAt: Date;
  answeredAt: Date | null;
  agentId: string | null;
  leftAt: Date | null;
  talkEnd: Date | null;
  abandoned: boolean;
  offers: number;
  transferred: boolean;
}

/**
 * The facts of an interaction that has ended (`endedAt`), one per queue it entered, in the order it
 * entered them. Only inbound work is counted: call-backs and calls out wait for no one.
 */
export function callFacts(
  interaction: { direction: "INBOUND" | "OUTBOUND"; endedAt: Date | null },
  events: FactEvent[],
  targets: (queueId: string) => QueueTargets,
): QueueCallFact[] {
  if (interaction.direction !== "INBOUND") return [];
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const end = interaction.endedAt ?? sorted.at(-1)?.at ?? null;
  const legs = new Map<string, Leg>();
  /** The leg the interaction waits in or is handled in now. */
  let current: Leg | null = null;
  /** The leg whose agent holds the conversation (answered, not yet passed on). */
  let handling: Leg | null = null;

  for (const e of sorted) {
    if (ENTERS.has(e.type) && e.queueId && !(e.type === "transfer_requested" && e.data?.external)) {
      let leg = legs.get(e.queueId);
      if (!leg) {
        leg = {
          queueId: e.queueId,
          offeredAt: e.at,
          answeredAt: null,
          agentId: null,
          leftAt: null,
          talkEnd: null,
          abandoned: false,
          offers: 0,
          transferred: false,
        };
        legs.set(e.queueId, leg);
      }
      // An earlier queue it was waiting in unanswered is left now.
      if (current && current !== leg && !current.answeredAt && !current.leftAt) current.leftAt = e.at;
      current = leg;
      continue;
    }
    switch (e.type) {
      case "offered": {
        const leg: Leg | null = (e.queueId && legs.get(e.queueId)) || current;
        if (leg) leg.offers++;
        break;
      }
      case "accepted": {
        const leg: Leg | null = (e.queueId && legs.get(e.queueId)) || current;
        if (!leg) break;
        if (!leg.answeredAt) {
          leg.answeredAt = e.at;
          leg.agentId = e.agentId;
          leg.leftAt ??= e.at;
        }
        // The conversation moves to another queue's agent: the previous queue's talk ends here.
        if (handling && handling !== leg) {
          handling.talkEnd ??= e.at;
          handling.transferred = true;
        }
        handling = leg;
        current = leg;
        break;
      }
      case "transfer_requested":
        // To an outside number (an agent's, not the IVR's: the IVR's caller reached no agent).
        if (handling && e.agentId) handling.transferred = true;
        break;
      case "transfer_cancelled":
      case "transfer_failed":
        // The queue it was being transferred to never got it: back with the agent who had it.
        if (current && current !== handling && !current.answeredAt) current.leftAt ??= e.at;
        if (handling) current = handling;
        break;
      case "overflowed":
        if (current && !current.answeredAt) current.leftAt ??= e.at;
        break;
      case "abandoned":
        if (current && !current.answeredAt && (e.data?.by ?? "CONTACT") === "CONTACT") {
          current.abandoned = true;
          current.leftAt ??= e.at;
        }
        break;
      default:
        if (HANDED_ON.has(e.type) && handling && e.agentId && e.agentId !== handling.agentId) handling.transferred = true;
    }
  }

  return [...legs.values()].map((leg) => {
    const t = targets(leg.queueId);
    const left = leg.answeredAt ?? leg.leftAt ?? end ?? leg.offeredAt;
    const waitSeconds = seconds(leg.offeredAt, left);
    const talkSeconds = leg.answeredAt ? seconds(leg.answeredAt, leg.talkEnd ?? end ?? leg.answeredAt) : 0;
    const answered = leg.answeredAt !== null;
    return {
      queueId: leg.queueId,
      offeredAt: leg.offeredAt,
      answeredAt: leg.answeredAt,
      agentId: leg.agentId,
      waitSeconds,
      talkSeconds,
      answered,
      answeredInSl: answered && waitSeconds <= t.serviceLevelSeconds,
      abandoned: leg.abandoned,
      abandonedInSl: leg.abandoned && waitSeconds <= t.serviceLevelSeconds,
      shortAbandon: leg.abandoned && waitSeconds < t.shortAbandonSeconds,
      offers: leg.offers,
      transferred: leg.transferred,
    };
  });
}

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/** The 15-minute interval an instant falls in. Every time zone's offset is a whole number of
 * quarter hours, so these are the quarter hours of any organisation's clock too. */
export function bucketOf(at: Date): Date {
  const q = 15 * 60_000;
  return new Date(Math.floor(at.getTime() / q) * q);
}
