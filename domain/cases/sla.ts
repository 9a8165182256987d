// Service-level clocks of a case, as a pure rule: from the queue's targets, its opening hours and
// the organisation's time zone, and what happens to the case, when its first response and its
// resolution are due, whether a target was missed, and which clock runs now.
//
// What counts:
// - The clocks start when the case is created (or at the next opening, outside opening hours).
// - First response: an agent's public reply (chat message, e-mail) or an agent answering a call.
//   Internal notes do not count. It stops the first-response clock for good.
// - Waiting on the customer (status category PENDING) holds the resolution clock; when the case
//   moves on, the time it waited (in counted hours) is added to its due time. The first-response
//   clock does not wait: a case nobody has answered is not waiting on its customer.
// - Resolved or closed stops both clocks; finished after its due time, a target is missed.
// - Reopened (from resolved or closed): the resolution clock starts again with the whole target,
//   and so does the first-response clock if nobody had answered yet.
// Due times are instants: on a day clocks change, an eight-hour opening is still eight hours.
import { type BusinessHours, openIntervals } from "../entry-points/business-hours.ts";

export type CaseCategory = "NEW" | "OPEN" | "PENDING" | "RESOLVED" | "CLOSED";

export type SlaPolicy = {
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  /** Null: every hour counts. */
  hours: BusinessHours | null;
  timeZone: string;
};

/** What a case stores (columns sla*): due times are data, nothing runs in memory. */
export type SlaState = {
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolutionDueAt: Date | null;
  /** Since when the resolution clock is held (waiting on the customer, or resolved). */
  heldAt: Date | null;
  /** A target was missed (a clock stopped after its due time). */
  breached: boolean;
  /** The soonest due time of a clock running now: what the inbox sorts by. */
  dueAt: Date | null;
  /** From when that clock is nearly due (the last quarter of its target). */
  warnAt: Date | null;
};

export type SlaEvent =
  | { type: "created"; at: Date; category: CaseCategory }
  | { type: "first_response"; at: Date; category: CaseCategory }
  | { type: "status"; at: Date; from: CaseCategory; to: CaseCategory };

export const NO_SLA: SlaState = { firstResponseDueAt: null, firstRespondedAt: null, resolutionDueAt: null, heldAt: null, breached: false, dueAt: null, warnAt: null };

const MINUTE = 60_000;

const isDone = (c: CaseCategory) => c === "RESOLVED" || c === "CLOSED";
const isWaiting = (c: CaseCategory) => c === "PENDING";

/** Whether the hours open at all (a schedule with no interval would never let a clock run). */
const opens = (hours: BusinessHours | null): hours is BusinessHours => !!hours && Object.values(hours.days).some((d) => d && d.length > 0);

/** `ms` of counted time after `start`. */
export function addCountedTime(start: Date, ms: number, policy: Pick<SlaPolicy, "hours" | "timeZone">): Date {
  if (!opens(policy.hours)) return new Date(start.getTime() + ms);
  let left = ms;
  let last = start;
  for (const [s, e] of openIntervals(policy.hours, policy.timeZone, start)) {
    const length = e.getTime() - s.getTime();
    if (length >= left) return new Date(s.getTime() + left);
    left -= length;
    last = e;
  }
  return new Date(last.getTime() + left);
}

/** Counted time between two instants (0 when `to` is not after `from`). */
export function countedTimeBetween(from: Date, to: Date, policy: Pick<SlaPolicy, "hours" | "timeZone">): number {
  if (to <= from) return 0;
  if (!opens(policy.hours)) return to.getTime() - from.getTime();
  let sum = 0;
  for (const [s, e] of openIntervals(policy.hours, policy.timeZone, from)) {
    if (s >= to) break;
    sum += (e < to ? e : to).getTime() - s.getTime();
  }
  return sum;
}

const due = (at: Date, minutes: number | null, policy: SlaPolicy) => (minutes === null ? null : addCountedTime(at, minutes * MINUTE, policy));
const late = (dueAt: Date | null, at: Date) => !!dueAt && dueAt <= at;

/** Which clocks run in `category`, the soonest due and from when it is nearly due. */
function withDue(s: Omit<SlaState, "dueAt" | "warnAt">, category: CaseCategory, policy: SlaPolicy): SlaState {
  const running: [Date, number | null][] = [];
  if (!isDone(category)) {
    if (s.firstResponseDueAt && !s.firstRespondedAt) running.push([s.firstResponseDueAt, policy.firstResponseMinutes]);
    if (s.resolutionDueAt && !s.heldAt) running.push([s.resolutionDueAt, policy.resolutionMinutes]);
  }
  running.sort((a, b) => a[0].getTime() - b[0].getTime());
  const [dueAt, minutes] = running[0] ?? [null, null];
  const warnAt = dueAt ? new Date(dueAt.getTime() - ((minutes ?? 0) * MINUTE) / 4) : null;
  return { ...s, dueAt, warnAt };
}

/** The state after `event`, under the case's policy now. */
export function nextSla(state: SlaState | null, event: SlaEvent, policy: SlaPolicy): SlaState {
  const s = state ?? NO_SLA;
  const at = event.at;
  switch (event.type) {
    case "created": {
      const held = isWaiting(event.category) || isDone(event.category);
      return withDue(
        {
          ...NO_SLA,
          firstResponseDueAt: due(at, policy.firstResponseMinutes, policy),
          resolutionDueAt: due(at, policy.resolutionMinutes, policy),
          heldAt: held ? at : null,
        },
        event.category,
        policy,
      );
    }
    case "first_response": {
      if (s.firstRespondedAt) return s;
      const running = !isDone(event.category) && !!s.firstResponseDueAt;
      return withDue({ ...s, firstRespondedAt: at, breached: s.breached || (running && late(s.firstResponseDueAt, at)) }, event.category, policy);
    }
    case "status": {
      const { from, to } = event;
      let next = { ...s };
      // Reopened: fresh clocks from now.
      if (isDone(from) && !isDone(to)) {
        next = {
          ...next,
          heldAt: null,
          resolutionDueAt: due(at, policy.resolutionMinutes, policy),
          firstResponseDueAt: next.firstRespondedAt ? next.firstResponseDueAt : due(at, policy.firstResponseMinutes, policy),
        };
      }
      // Back from waiting on the customer: the wait is added to the resolution due time.
      if (isWaiting(from) && !isWaiting(to) && !isDone(to) && next.heldAt) {
        const held = next.heldAt;
        const dueAt = next.resolutionDueAt;
        next.resolutionDueAt = dueAt && dueAt > held ? addCountedTime(at, countedTimeBetween(held, dueAt, policy), policy) : dueAt;
        next.heldAt = null;
      }
      // Held: the resolution clock stops now (or stopped already, when it began waiting).
      if ((isWaiting(to) || isDone(to)) && !next.heldAt) {
        next.heldAt = at;
        next.breached ||= late(next.resolutionDueAt, at);
      }
      // Finished without a first answer: that clock stops too.
      if (isDone(to) && !isDone(from) && !next.firstRespondedAt) next.breached ||= late(next.firstResponseDueAt, at);
      return withDue(next, to, policy);
    }
  }
}

/** Missed a target, or a clock running now is past its due time. */
export function isBreached(s: Pick<SlaState, "breached" | "dueAt">, now: Date): boolean {
  return s.breached || late(s.dueAt, now);
}

/** How the timer shows: what runs, how long is left (negative: overdue), and its colour. */
export function slaView(
  s: Pick<SlaState, "firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "heldAt" | "breached" | "dueAt" | "warnAt">,
  category: CaseCategory,
  now: Date,
): { clock: "FIRST_RESPONSE" | "RESOLUTION" | "HELD" | "NONE"; remainingMs: number | null; tone: "ok" | "warn" | "breached" } {
  const clock = !s.dueAt
    ? isWaiting(category) && s.heldAt && s.resolutionDueAt
      ? "HELD"
      : "NONE"
    : s.firstResponseDueAt && !s.firstRespondedAt && s.dueAt.getTime() === s.firstResponseDueAt.getTime()
      ? "FIRST_RESPONSE"
      : "RESOLUTION";
  const remainingMs = s.dueAt ? s.dueAt.getTime() - now.getTime() : null;
  const tone = isBreached(s, now) ? "breached" : s.warnAt && s.warnAt <= now ? "warn" : "ok";
  return { clock, remainingMs, tone };
}
