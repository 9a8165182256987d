// What happens to a campaign's contact after each attempt: done (reached, failed, asked not to be
// called, out of attempts) or tried again — when, and whether the next call must have an agent
// waiting for it. Pure; the dialer applies it when an attempt ends and schedules the next one.
//
// - A retry waits the campaign's delay for what happened (busy: minutes; no answer or a machine:
//   hours) and then for the campaign's calling window to open, on the organisation's clock.
// - An abandoned call (a person answered and no agent was free in time) may be repeated within 72
//   hours only with an agent guaranteed (Ofcom's rule): the next attempts until then are placed
//   only when an agent is free and kept for it (progressive), never predictively.
// - A call-back an agent or the person asked for is kept at its time (or the window's next
//   opening), even past the attempts' limit: it is an appointment, not another try.
import { type BusinessHours, nextOpening } from "../entry-points/business-hours.ts";

export type AttemptOutcome =
  /** The agent closed it with a result code of the "reached" kind: the contact is done. */
  | "REACHED"
  /** The agent's result code says try again later. */
  | "RETRY"
  /** The agent's result code says no more (not interested, wrong person...). */
  | "FINAL"
  /** The person asked not to be called again. */
  | "DO_NOT_CALL"
  /** A call-back at a chosen time. */
  | "CALLBACK"
  | "BUSY"
  | "NO_ANSWER"
  /** An answering machine (and the campaign does not pass machines to agents). */
  | "MACHINE"
  /** A person answered and no agent was free within the abandon time. */
  | "ABANDONED"
  /** The network could not place it for now (congestion, the trunk down, 5xx). */
  | "NETWORK_ERROR"
  /** The number cannot be called (does not exist, 404/484/604...). */
  | "INVALID_NUMBER";

export type RetriedOutcome = "RETRY" | "BUSY" | "NO_ANSWER" | "MACHINE" | "ABANDONED" | "NETWORK_ERROR";

export interface AttemptRules {
  /** Calls placed to a contact at most (call-backs aside). */
  maxAttempts: number;
  /** Minutes to wait before the next try, per outcome. */
  retryMinutes: Record<RetriedOutcome, number>;
}

export const DEFAULT_ATTEMPT_RULES: AttemptRules = {
  maxAttempts: 5,
  retryMinutes: { RETRY: 240, BUSY: 10, NO_ANSWER: 60, MACHINE: 120, ABANDONED: 60, NETWORK_ERROR: 5 },
};

/** Repeat calls after an abandoned one need an agent kept for them for this long. */
export const ABANDON_AGENT_HOURS = 72;

export type ContactDone = "REACHED" | "FAILED" | "DO_NOT_CALL" | "INVALID_NUMBER" | "EXHAUSTED" | "NO_WINDOW";

export type AfterAttempt = { next: Date; because: RetriedOutcome | "CALLBACK"; agentReservedUntil: Date | null } | { done: ContactDone };

export interface AttemptInput {
  outcome: AttemptOutcome;
  /** When the attempt ended. */
  at: Date;
  /** Calls placed to this contact so far, this one included (call-backs aside). */
  attempts: number;
  /** For CALLBACK: when to call (null: as soon as the window allows). */
  callbackAt?: Date | null;
  /** The contact's last abandoned call before this attempt, if any. */
  lastAbandonedAt?: Date | null;
}

export interface CallingWindow {
  hours: BusinessHours;
  timeZone: string;
  /** The campaign's end, if it has one: nothing is scheduled after it. */
  endsAt?: Date | null;
}

const FINAL: Partial<Record<AttemptOutcome, ContactDone>> = {
  REACHED: "REACHED",
  FINAL: "FAILED",
  DO_NOT_CALL: "DO_NOT_CALL",
  INVALID_NUMBER: "INVALID_NUMBER",
};

export function afterAttempt(input: AttemptInput, rules: AttemptRules, window: CallingWindow): AfterAttempt {
  const done = FINAL[input.outcome];
  if (done) return { done };
  const abandonedAt = input.outcome === "ABANDONED" ? input.at : (input.lastAbandonedAt ?? null);
  let earliest: Date;
  let because: RetriedOutcome | "CALLBACK";
  if (input.outcome === "CALLBACK") {
    because = "CALLBACK";
    earliest = input.callbackAt && input.callbackAt > input.at ? input.callbackAt : input.at;
  } else {
    const outcome = input.outcome as RetriedOutcome;
    if (input.attempts >= rules.maxAttempts) return { done: "EXHAUSTED" };
    because = outcome;
    earliest = new Date(input.at.getTime() + rules.retryMinutes[outcome] * 60_000);
  }
  const next = nextOpening(window.hours, window.timeZone, earliest);
  if (!next || (window.endsAt && next >= window.endsAt)) return { done: "NO_WINDOW" };
  const reservedUntil = abandonedAt ? new Date(abandonedAt.getTime() + ABANDON_AGENT_HOURS * 3600_000) : null;
  return { next, because, agentReservedUntil: reservedUntil && reservedUntil > next ? reservedUntil : null };
}

/** The outcome of an unanswered or refused call, from the SIP final response (null: answered). */
export function outcomeOfSipCode(code: number): AttemptOutcome | null {
  if (code >= 200 && code < 300) return null;
  if (code === 486 || code === 600) return "BUSY";
  if (code === 408 || code === 480 || code === 487) return "NO_ANSWER";
  if (code === 404 || code === 410 || code === 484 || code === 604) return "INVALID_NUMBER";
  if (code === 603) return "NO_ANSWER"; // declined: the person may answer another time
  return "NETWORK_ERROR";
}
