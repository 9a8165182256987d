// Agents' time accounting (the timesheet): for each agent and each day of a period on the
// organisation's clock, time signed in and in each state, pause time by reason, talk time, sessions
// (first sign-in, last sign-out, longest, shortest, average) and occupancy / utilisation. Pure:
// given the agents' state history and their time on calls, it splits every stretch at the
// period's edges and at midnights (23- and 25-hour days included). Definitions: docs/reports.md.
import { AGENT_STATES, type AgentState } from "../agents/agent-state.ts";
import { startOfDay, wallClock } from "../shared/wall-clock.ts";

export interface StateSpan {
  userId: string;
  state: AgentState;
  pauseCodeId: string | null;
  startedAt: Date;
  /** null: still in it. */
  endedAt: Date | null;
}

/** An agent's time on a call (their party's join to leave). */
export interface TalkSpan {
  userId: string;
  joinedAt: Date;
  leftAt: Date | null;
}

/** A stretch in which the agent had the customer on hold (part of their time on the call). */
export interface HoldSpan {
  userId: string;
  startedAt: Date;
  endedAt: Date | null;
}

/** An agent's hold / resume of an interaction, in the order they happened. */
export interface HoldEvent {
  interactionId: string;
  type: "held" | "resumed";
  agentId: string | null;
  at: Date;
}

/**
 * Hold stretches from the interactions' `held` / `resumed` steps: a hold runs from the agent's
 * `held` to the next `resumed` of that interaction, or, with none, to when the agent left the
 * call (`leftBy`: the agent's leaving of each interaction's call; absent: still on it).
 */
export function holdSpans(events: HoldEvent[], leftBy: Map<string, Date | null>): HoldSpan[] {
  const out: HoldSpan[] = [];
  const open = new Map<string, HoldSpan>();
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const current = open.get(e.interactionId);
    if (e.type === "held" && !current && e.agentId) {
      const span = { userId: e.agentId, startedAt: e.at, endedAt: null };
      open.set(e.interactionId, span);
      out.push(span);
    } else if (e.type === "resumed" && current) {
      current.endedAt = e.at;
      open.delete(e.interactionId);
    }
  }
  for (const [interactionId, span] of open) span.endedAt = leftBy.get(`${interactionId}:${span.userId}`) ?? null;
  return out;
}

export interface TimeFigures {
  /** Seconds in each state (OFFLINE: signed out, within the period). */
  states: Record<AgentState, number>;
  /** Pause seconds by pause reason id ("" for a pause without a reason). */
  pauses: Record<string, number>;
  signedIn: number;
  talk: number;
  /** Of the talk, seconds the agent had the customer on hold. */
  hold: number;
  /** Sign-ins that began in the span (a session runs from leaving OFFLINE to returning to it). */
  sessions: number;
  firstSignIn: Date | null;
  lastSignOut: Date | null;
  longestSession: number | null;
  shortestSession: number | null;
  averageSession: number | null;
  /** Talk and wrap-up over time Ready or in wrap-up (how busy the agent was while available); null without such time. */
  occupancy: number | null;
  /** Talk and wrap-up over time signed in; null when not signed in. */
  utilisation: number | null;
}

export interface AgentTime {
  userId: string;
  total: TimeFigures;
  /** Every day of the period (YYYY-MM-DD on the organisation's clock), days without work included. */
  days: ({ date: string } & TimeFigures)[];
}

const HOURS_26 = 26 * 3_600_000;

/** The period's days on the organisation's clock: [start, end) of each. */
export function daysOf(timeZone: string, from: Date, to: Date): { date: string; start: Date; end: Date }[] {
  const out: { date: string; start: Date; end: Date }[] = [];
  let start = startOfDay(timeZone, from);
  while (start < to) {
    const end = startOfDay(timeZone, new Date(start.getTime() + HOURS_26));
    out.push({ date: wallClock(timeZone, start).date, start: start < from ? from : start, end: end > to ? to : end });
    start = end;
  }
  return out;
}

const overlap = (a: number, b: number, from: number, to: number) => Math.max(0, Math.min(b, to) - Math.max(a, from));

interface Session {
  start: number;
  end: number;
  open: boolean;
}

/** Stretches signed in: consecutive states other than OFFLINE, joined. */
function sessionsOf(spans: StateSpan[], now: number): Session[] {
  const out: Session[] = [];
  for (const s of [...spans].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
    if (s.state === "OFFLINE") continue;
    const start = s.startedAt.getTime();
    const end = s.endedAt?.getTime() ?? now;
    const last = out.at(-1);
    // A change of state (Ready → Pause) is no new sign-in: stretches that touch are one session.
    if (last && start - last.end <= 1000) {
      last.end = Math.max(last.end, end);
      last.open = last.open || !s.endedAt;
    } else out.push({ start, end, open: !s.endedAt });
  }
  return out;
}

function figures(spans: StateSpan[], talks: TalkSpan[], holds: HoldSpan[], sessions: Session[], from: number, to: number): TimeFigures {
  const states = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
  const pauses: Record<string, number> = {};
  for (const s of spans) {
    const ms = overlap(s.startedAt.getTime(), s.endedAt?.getTime() ?? to, from, to);
    if (!ms) continue;
    states[s.state] += ms / 1000;
    if (s.state === "PAUSE") pauses[s.pauseCodeId ?? ""] = (pauses[s.pauseCodeId ?? ""] ?? 0) + ms / 1000;
  }
  const talk = talks.reduce((n, t) => n + overlap(t.joinedAt.getTime(), t.leftAt?.getTime() ?? to, from, to), 0) / 1000;
  const hold = holds.reduce((n, h) => n + overlap(h.startedAt.getTime(), h.endedAt?.getTime() ?? to, from, to), 0) / 1000;
  const signedIn = AGENT_STATES.filter((s) => s !== "OFFLINE").reduce((n, s) => n + states[s], 0);
  // Sessions are counted on the day (and in the period) they began; their length is their whole length.
  const begun = sessions.filter((s) => s.start >= from && s.start < to);
  const lengths = begun.map((s) => (s.end - s.start) / 1000);
  const inSpan = sessions.filter((s) => s.end > from && s.start < to);
  const handled = talk + states.WRAP_UP;
  const available = states.READY + states.WRAP_UP;
  return {
    states,
    pauses,
    signedIn,
    talk,
    hold,
    sessions: begun.length,
    firstSignIn: begun.length ? new Date(begun[0].start) : null,
    lastSignOut: inSpan.filter((s) => !s.open && s.end <= to).reduce<Date | null>((d, s) => (!d || s.end > d.getTime() ? new Date(s.end) : d), null),
    longestSession: lengths.length ? Math.max(...lengths) : null,
    shortestSession: lengths.length ? Math.min(...lengths) : null,
    averageSession: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : null,
    occupancy: available > 0 ? Math.min(1, handled / available) : null,
    utilisation: signedIn > 0 ? Math.min(1, handled / signedIn) : null,
  };
}

/** The timesheet of each agent in `userIds` for [from, to) (to no later than now). */
export function agentTime(input: {
  userIds: string[];
  spans: StateSpan[];
  talks: TalkSpan[];
  holds?: HoldSpan[];
  from: Date;
  to: Date;
  now: Date;
  timeZone: string;
}): AgentTime[] {
  const to = Math.min(input.to.getTime(), input.now.getTime());
  const from = input.from.getTime();
  const days = daysOf(input.timeZone, input.from, new Date(Math.max(to, from)));
  return input.userIds.map((userId) => {
    // Open stretches run until now; the report stops at `to`.
    const spans = input.spans.filter((s) => s.userId === userId).map((s) => ({ ...s, endedAt: s.endedAt ?? new Date(input.now) }));
    const talks = input.talks.filter((t) => t.userId === userId).map((t) => ({ ...t, leftAt: t.leftAt ?? new Date(input.now) }));
    const holds = (input.holds ?? []).filter((h) => h.userId === userId).map((h) => ({ ...h, endedAt: h.endedAt ?? new Date(input.now) }));
    const sessions = sessionsOf(
      input.spans.filter((s) => s.userId === userId),
      input.now.getTime(),
    );
    return {
      userId,
      total: figures(spans, talks, holds, sessions, from, to),
      days: days.map((d) => ({ date: d.date, ...figures(spans, talks, holds, sessions, d.start.getTime(), Math.min(d.end.getTime(), to)) })),
    };
  });
}
