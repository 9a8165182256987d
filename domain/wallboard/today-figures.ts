// Today's figures of each queue and agent for the wall-board, counted from the interactions' own
// steps (InteractionEvent) since the organisation's midnight. Pure: the reader (read-wallboard.ts)
// loads the steps; the definitions are written down in docs/reports.md (Wall-board).
//
// A queue counts each interaction once per queue it entered today (a "visit"): by a "queued" step,
// or by a transfer asked to that queue. What happened in the visit decides where it counts:
// answered there (the first "accepted" in that queue), abandoned by the customer while waiting
// there ("abandoned"; a short abandon if sooner than the queue's short-abandon seconds), sent on by
// overflow, ended otherwise unanswered ("left": by the system), or still waiting. The same rules as
// the queue report's (domain/reports/call-facts.ts), counted live.

export interface Step {
  interactionId: string;
  type: string;
  /** The queue the step happened in (for "abandoned": the queue it was waiting in). */
  queueId: string | null;
  agentId: string | null;
  at: Date;
}

/** A stretch of wrap-up: started by a call's end, ended when the agent moved on (null: still going). */
export interface WrapUpSpan {
  agentId: string;
  startedAt: Date;
  endedAt: Date | null;
}

export interface QueueDay {
  offered: number;
  answered: number;
  answeredInTarget: number;
  abandoned: number;
  /** Abandoned sooner than the queue's short-abandon seconds: left out of the service level and the abandon rate. */
  shortAbandoned: number;
  overflowed: number;
  /** Still waiting in the queue (from visits that began today). */
  waiting: number;
  /** Answered within the target ÷ (offered − short abandons − those still waiting under the target); 0–100, null: none yet. */
  serviceLevel: number | null;
  /** (Abandoned − short) ÷ (offered − short abandons − still waiting); 0–100, null: none yet. */
  abandonRate: number | null;
  /** Average speed of answer: mean wait of the answered, in seconds. */
  asaSeconds: number | null;
  /** Average handling time: mean (talk + wrap-up) of the answered whose handling has finished, in seconds. */
  ahtSeconds: number | null;
}

export interface AgentDay {
  /** Interactions the agent took today (each once, however often it came back to them). */
  handled: number;
  /** The last one they took: when, and in which queue. */
  lastTaken: { at: Date; queueId: string | null } | null;
}

interface Visit {
  queueId: string;
  enteredAt: Date;
  outcome: "WAITING" | "ANSWERED" | "ABANDONED" | "OVERFLOWED" | "LEFT";
  answeredAt?: Date;
  answeredBy?: string;
  /** When the handling in this queue finished: the interaction ended, or was taken in another queue. */
  doneAt?: Date;
  /** The agent who had it when it finished (their wrap-up counts). */
  doneBy?: string | null;
}

const QUEUE_ENTRY = new Set(["queued", "transfer_requested"]);

/** Every visit of every interaction to a queue, in order of the steps. */
export function visitsOf(steps: readonly Step[]): Visit[] {
  const byInteraction = new Map<string, Step[]>();
  for (const s of [...steps].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const list = byInteraction.get(s.interactionId) ?? [];
    list.push(s);
    byInteraction.set(s.interactionId, list);
  }
  const visits: Visit[] = [];
  for (const list of byInteraction.values()) {
    const mine = new Map<string, Visit>();
    /** The visit the interaction waits in now, and the one whose agent has it. */
    let current: Visit | null = null;
    let handling: Visit | null = null;
    for (const s of list) {
      if (QUEUE_ENTRY.has(s.type) && s.queueId) {
        if (!mine.has(s.queueId)) {
          const v: Visit = { queueId: s.queueId, enteredAt: s.at, outcome: "WAITING" };
          mine.set(s.queueId, v);
          visits.push(v);
        }
        current = mine.get(s.queueId)!;
      } else if (s.type === "accepted") {
        const v: Visit | null | undefined = s.queueId ? mine.get(s.queueId) : current;
        if (!v) continue;
        // Taken in another queue: the handling in the one before is over.
        if (handling && handling !== v && !handling.doneAt) finish(handling, s.at, handling.answeredBy ?? null);
        if (v.outcome === "WAITING") Object.assign(v, { outcome: "ANSWERED", answeredAt: s.at, answeredBy: s.agentId ?? undefined });
        if (v.outcome === "ANSWERED") handling = v;
        current = v;
      } else if (s.type === "abandoned" || s.type === "left") {
        const v: Visit | null | undefined = s.queueId ? mine.get(s.queueId) : current;
        if (v?.outcome === "WAITING") Object.assign(v, { outcome: s.type === "abandoned" ? "ABANDONED" : "LEFT", doneAt: s.at });
      } else if (s.type === "overflowed" && s.queueId) {
        const v = mine.get(s.queueId);
        if (v?.outcome === "WAITING") Object.assign(v, { outcome: "OVERFLOWED", doneAt: s.at });
      } else if (s.type === "ended" && handling && !handling.doneAt) {
        finish(handling, s.at, s.agentId ?? handling.answeredBy ?? null);
      }
    }
  }
  return visits;
}

function finish(v: Visit, at: Date, agentId: string | null) {
  v.doneAt = at;
  v.doneBy = agentId;
}

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const percent = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

export interface QueueTargets {
  /** Answered within this many seconds meets the service level. */
  serviceLevelSeconds: number;
  /** Abandoned sooner than this is a short abandon. */
  shortAbandonSeconds: number;
}
const DEFAULT_TARGETS: QueueTargets = { serviceLevelSeconds: 20, shortAbandonSeconds: 5 };

/**
 * Each queue's figures against its targets. `wrapUps`: the agents' wrap-up spans (matched to a
 * call by agent and start = its end).
 */
export function queueDayFigures(
  steps: readonly Step[],
  wrapUps: readonly WrapUpSpan[],
  targets: ReadonlyMap<string, QueueTargets>,
  now: Date,
): Map<string, QueueDay> {
  const wrapUpAt = new Map(wrapUps.map((w) => [`${w.agentId}@${w.startedAt.getTime()}`, w]));
  const out = new Map<string, QueueDay>();
  const grouped = new Map<string, Visit[]>();
  for (const v of visitsOf(steps)) grouped.set(v.queueId, [...(grouped.get(v.queueId) ?? []), v]);
  for (const [queueId, visits] of grouped) {
    const { serviceLevelSeconds: target, shortAbandonSeconds } = targets.get(queueId) ?? DEFAULT_TARGETS;
    const answered = visits.filter((v) => v.outcome === "ANSWERED");
    const waiting = visits.filter((v) => v.outcome === "WAITING");
    // Someone still waiting under the target may yet be answered in time: not counted yet.
    const undecided = waiting.filter((v) => seconds(v.enteredAt, now) < target).length;
    const answeredInTarget = answered.filter((v) => seconds(v.enteredAt, v.answeredAt!) <= target).length;
    const abandonedVisits = visits.filter((v) => v.outcome === "ABANDONED");
    const abandoned = abandonedVisits.length;
    const short = abandonedVisits.filter((v) => seconds(v.enteredAt, v.doneAt!) < shortAbandonSeconds).length;
    const handles = answered.flatMap((v) => {
      if (!v.doneAt) return [];
      const wrap = v.doneBy ? wrapUpAt.get(`${v.doneBy}@${v.doneAt.getTime()}`) : undefined;
      if (wrap && !wrap.endedAt) return []; // still wrapping up: not finished
      return [seconds(v.answeredAt!, v.doneAt) + (wrap?.endedAt ? seconds(wrap.startedAt, wrap.endedAt) : 0)];
    });
    out.set(queueId, {
      offered: visits.length,
      answered: answered.length,
      answeredInTarget,
      abandoned,
      shortAbandoned: short,
      overflowed: visits.filter((v) => v.outcome === "OVERFLOWED").length,
      waiting: waiting.length,
      serviceLevel: percent(answeredInTarget, visits.length - short - undecided),
      abandonRate: percent(abandoned - short, visits.length - short - waiting.length),
      asaSeconds: mean(answered.map((v) => seconds(v.enteredAt, v.answeredAt!))),
      ahtSeconds: mean(handles),
    });
  }
  return out;
}

/** Each agent's interactions taken today, and their last. */
export function agentDayFigures(steps: readonly Step[]): Map<string, AgentDay> {
  const taken = new Map<string, { ids: Set<string>; last: { at: Date; queueId: string | null } | null }>();
  for (const s of steps) {
    if (s.type !== "accepted" || !s.agentId) continue;
    const a = taken.get(s.agentId) ?? { ids: new Set<string>(), last: null };
    a.ids.add(s.interactionId);
    if (!a.last || s.at >= a.last.at) a.last = { at: s.at, queueId: s.queueId };
    taken.set(s.agentId, a);
  }
  return new Map([...taken].map(([agentId, a]) => [agentId, { handled: a.ids.size, lastTaken: a.last }]));
}

export const emptyQueueDay = (): QueueDay => ({
  offered: 0,
  answered: 0,
  answeredInTarget: 0,
  abandoned: 0,
  shortAbandoned: 0,
  overflowed: 0,
  waiting: 0,
  serviceLevel: null,
  abandonRate: null,
  asaSeconds: null,
  ahtSeconds: null,
});
