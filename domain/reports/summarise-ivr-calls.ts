// The arithmetic of the IVR report, pure: calls that entered a flow (each with its events, in the
// order they happened) in, counts out — how each caller left the flow, where those who hung up
// were and what they had last chosen, which keys each menu hears, how long callers spend in the
// flow, and the same per day. ivr-report.ts reads the events; this never touches the database.
import type { IvrLogEntry } from "../ivr/engine.ts";
import { startOfDay, wallClock } from "../shared/wall-clock.ts";

/** How a caller left the IVR (the first of these in their events decides). */
export const IVR_OUTCOMES = [
  /** Reached a queue (`queued`). */
  "queue",
  /** Began to leave a message (`voicemail_started`, `left_message`). */
  "voicemail",
  /** Asked to be called back (`callback_requested`). */
  "callback",
  /** Passed to an outside number by the flow (`transfer_requested` with data.ivr). */
  "transfer",
  /** The flow hung up (`ivr_ended`, reason IVR: a hang-up step). */
  "endedByFlow",
  /** The flow's queue took nobody (`ivr_ended`, reason NO_AGENTS or QUEUE_FULL). */
  "queueRefused",
  /** The flow broke; the caller went to the number's queue (`ivr_failed`). */
  "failed",
  /** Hung up while still in the flow (`abandoned` before any of the above). */
  "abandoned",
  /** Nothing yet: still in the flow, or the call's end was never recorded. */
  "inProgress",
] as const;
export type IvrOutcome = (typeof IVR_OUTCOMES)[number];
export type IvrOutcomes = Record<IvrOutcome, number>;

export interface TraceEvent {
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/** One call that entered a flow: its `ivr_started` and what followed, oldest first. */
export interface IvrCallTrace {
  interactionId: string;
  flowId: string;
  startedAt: Date;
  events: TraceEvent[];
}

/** What the report says about a step of a flow (from the flow's versions). */
export interface NodeInfo {
  type: string;
  /** The prompt's words, for people who do not know the step's id. */
  label: string | null;
  /** Key → the step (or language) it chooses, for menus and language choices. */
  options: Record<string, string>;
}

export interface FlowInfo {
  id: string;
  /** null: the flow was deleted since. */
  name: string | null;
  nodes: Record<string, NodeInfo>;
  /** "0 for an operator" at any menu. */
  operator: { key: string; node: string } | null;
}

export interface IvrSummary {
  calls: number;
  outcomes: IvrOutcomes;
  /** Seconds from entering the flow to leaving it, for callers who left it (null: none did). */
  averageSeconds: number | null;
  p90Seconds: number | null;
  /** Every day of the period in the organisation's time zone, days without calls included. */
  days: { date: string; calls: number; outcomes: IvrOutcomes }[];
}

export interface IvrAbandonment {
  /** The step the caller was at when they hung up; null: before the flow's first step was logged. */
  node: string | null;
  nodeType: string | null;
  label: string | null;
  /** Their last key at a menu (or language choice) before that; null: they chose nothing. */
  lastChoice: { node: string; label: string | null; key: string } | null;
  count: number;
}

export interface IvrMenuStats {
  node: string;
  nodeType: string;
  label: string | null;
  /** Times callers arrived at the step (a caller coming back counts again). */
  visits: number;
  /** Callers who arrived at it at least once. */
  callers: number;
  /** Keys chosen, most chosen first, with the step (or language) each leads to. */
  choices: { key: string; target: string | null; count: number }[];
  invalid: number;
  timeouts: number;
  /** Asked too often without an answer: sent to the step's onFail. */
  gaveUp: number;
}

export interface IvrFlowSummary extends IvrSummary {
  flowId: string;
  name: string | null;
  /** Most frequent first. */
  abandonments: IvrAbandonment[];
  /** Busiest first. */
  menus: IvrMenuStats[];
}

export interface IvrReportNumbers {
  total: IvrSummary;
  flows: IvrFlowSummary[];
}

/** Steps where callers answer with keys. */
const ASKING = new Set(["menu", "language", "collect"]);
/** Steps where a key is a choice between branches. */
const CHOOSING = new Set(["menu", "language"]);
/** Rows of "where callers gave up" kept per flow: beyond these the counts are ones and twos. */
const MAX_ABANDONMENT_ROWS = 50;

/** An `ivr` event's data, as recordIvrSteps (ivr/ivr-calls.ts) writes it. */
type Step = { node: string; step?: string; what: IvrLogEntry["what"]; value?: string };

const stepOf = (e: TraceEvent): Step | null => (e.type === "ivr" && typeof e.data.node === "string" ? (e.data as unknown as Step) : null);

/** How the caller left the flow, and when (null while they have not). */
export function outcomeOf(events: TraceEvent[]): { outcome: IvrOutcome; at: Date | null } {
  let transfer: Date | null = null;
  for (const e of events) {
    switch (e.type) {
      case "queued":
        return { outcome: "queue", at: e.at };
      case "voicemail_started":
      case "left_message":
        return { outcome: "voicemail", at: e.at };
      case "callback_requested":
        return { outcome: "callback", at: e.at };
      case "transfer_requested":
        // Provisional: a number that refuses sends the caller to the queue as a failure (ivr_failed).
        if (e.data.ivr === true && !transfer) transfer = e.at;
        break;
      case "ivr_failed":
        return { outcome: "failed", at: e.at };
      case "ivr_ended": {
        if (transfer) return { outcome: "transfer", at: transfer };
        const reason = String(e.data.reason ?? "");
        if (reason === "NO_AGENTS" || reason === "QUEUE_FULL") return { outcome: "queueRefused", at: e.at };
        if (reason === "VOICEMAIL") return { outcome: "voicemail", at: e.at };
        if (reason === "CALLBACK") return { outcome: "callback", at: e.at };
        return { outcome: "endedByFlow", at: e.at };
      }
      case "abandoned":
        // Hanging up while being passed on is the transfer's business, not the flow's.
        return transfer ? { outcome: "transfer", at: transfer } : { outcome: "abandoned", at: e.at };
    }
  }
  return transfer ? { outcome: "transfer", at: transfer } : { outcome: "inProgress", at: null };
}

/** Where a caller who hung up was, and their last choice at a menu before it. */
export function abandonedAt(events: TraceEvent[]): { node: string | null; nodeType: string | null; lastChoice: { node: string; key: string } | null } {
  let at: Step | null = null;
  let lastChoice: { node: string; key: string } | null = null;
  for (const e of events) {
    if (e.type === "abandoned") break;
    const s = stepOf(e);
    if (!s) continue;
    at = s;
    if (s.what === "chose" && s.value !== undefined && CHOOSING.has(s.step ?? "")) lastChoice = { node: s.node, key: String(s.value) };
  }
  return { node: at?.node ?? null, nodeType: at?.step ?? null, lastChoice };
}

const noOutcomes = (): IvrOutcomes => Object.fromEntries(IVR_OUTCOMES.map((o) => [o, 0])) as IvrOutcomes;

/** The dates (YYYY-MM-DD) of the days from `from` up to `to`, on the organisation's clock. */
export function daysBetween(timezone: string, from: Date, to: Date): string[] {
  const days: string[] = [];
  // 26 hours on from a midnight is always the next day, whatever daylight saving does.
  for (let d = startOfDay(timezone, from); d < to && days.length < 400; d = startOfDay(timezone, new Date(d.getTime() + 26 * 3600_000)))
    days.push(wallClock(timezone, d).date);
  return days;
}

/** The value 90% of callers stay under (nearest rank). */
function p90(sorted: number[]): number | null {
  return sorted.length ? sorted[Math.ceil(sorted.length * 0.9) - 1] : null;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

class Tally {
  calls = 0;
  outcomes = noOutcomes();
  seconds: number[] = [];
  days: Map<string, { calls: number; outcomes: IvrOutcomes }>;

  constructor(days: string[]) {
    this.days = new Map(days.map((d) => [d, { calls: 0, outcomes: noOutcomes() }]));
  }

  add(date: string, outcome: IvrOutcome, seconds: number | null) {
    this.calls++;
    this.outcomes[outcome]++;
    if (seconds !== null) this.seconds.push(seconds);
    const day = this.days.get(date);
    if (day) {
      day.calls++;
      day.outcomes[outcome]++;
    }
  }

  summary(): IvrSummary {
    const sorted = [...this.seconds].sort((a, b) => a - b);
    return {
      calls: this.calls,
      outcomes: this.outcomes,
      averageSeconds: round1(sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null),
      p90Seconds: round1(p90(sorted)),
      days: [...this.days].map(([date, d]) => ({ date, ...d })),
    };
  }
}

interface MenuTally {
  nodeType: string;
  visits: number;
  callers: Set<string>;
  choices: Map<string, number>;
  invalid: number;
  timeouts: number;
  gaveUp: number;
}

export function summariseIvrCalls(input: { calls: IvrCallTrace[]; flows: FlowInfo[]; timezone: string; from: Date; to: Date }): IvrReportNumbers {
  const days = daysBetween(input.timezone, input.from, input.to);
  const total = new Tally(days);
  const perFlow = new Map<string, { tally: Tally; abandoned: Map<string, ReturnType<typeof abandonedAt> & { count: number }>; menus: Map<string, MenuTally> }>();
  const flowOf = (id: string) => {
    let f = perFlow.get(id);
    if (!f) perFlow.set(id, (f = { tally: new Tally(days), abandoned: new Map(), menus: new Map() }));
    return f;
  };
  for (const flow of input.flows) flowOf(flow.id);

  for (const call of input.calls) {
    const f = flowOf(call.flowId);
    const { outcome, at } = outcomeOf(call.events);
    const seconds = at ? Math.max(0, (at.getTime() - call.startedAt.getTime()) / 1000) : null;
    const date = wallClock(input.timezone, call.startedAt).date;
    total.add(date, outcome, seconds);
    f.tally.add(date, outcome, seconds);

    if (outcome === "abandoned") {
      const where = abandonedAt(call.events);
      const key = `${where.node ?? ""}|${where.lastChoice?.node ?? ""}|${where.lastChoice?.key ?? ""}`;
      const row = f.abandoned.get(key);
      if (row) row.count++;
      else f.abandoned.set(key, { ...where, count: 1 });
    }

    for (const e of call.events) {
      const s = stepOf(e);
      if (!s || !ASKING.has(s.step ?? "")) continue;
      let m = f.menus.get(s.node);
      if (!m) f.menus.set(s.node, (m = { nodeType: s.step!, visits: 0, callers: new Set(), choices: new Map(), invalid: 0, timeouts: 0, gaveUp: 0 }));
      if (s.what === "entered") {
        m.visits++;
        m.callers.add(call.interactionId);
      } else if (s.what === "chose" && s.value !== undefined) m.choices.set(String(s.value), (m.choices.get(String(s.value)) ?? 0) + 1);
      else if (s.what === "invalid") m.invalid++;
      else if (s.what === "timeout") m.timeouts++;
      else if (s.what === "gave_up") m.gaveUp++;
    }
  }

  const flows = [...perFlow].map(([flowId, f]): IvrFlowSummary => {
    const info = input.flows.find((x) => x.id === flowId);
    const labelOf = (node: string | null) => (node && info?.nodes[node]?.label) || null;
    const targetOf = (node: string, key: string) => info?.nodes[node]?.options[key] ?? (info?.operator?.key === key ? info.operator.node : null);
    return {
      flowId,
      name: info?.name ?? null,
      ...f.tally.summary(),
      abandonments: [...f.abandoned.values()]
        .sort((a, b) => b.count - a.count || (a.node ?? "").localeCompare(b.node ?? ""))
        .slice(0, MAX_ABANDONMENT_ROWS)
        .map((a): IvrAbandonment => ({
          ...a,
          nodeType: a.nodeType ?? (a.node ? (info?.nodes[a.node]?.type ?? null) : null),
          label: labelOf(a.node),
          lastChoice: a.lastChoice ? { ...a.lastChoice, label: labelOf(a.lastChoice.node) } : null,
        })),
      menus: [...f.menus]
        .map(([node, m]) => ({
          node,
          nodeType: m.nodeType,
          label: labelOf(node),
          visits: m.visits,
          callers: m.callers.size,
          choices: [...m.choices]
            .map(([key, count]) => ({ key, target: targetOf(node, key), count }))
            .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
          invalid: m.invalid,
          timeouts: m.timeouts,
          gaveUp: m.gaveUp,
        }))
        .sort((a, b) => b.visits - a.visits || a.node.localeCompare(b.node)),
    };
  });
  // Busiest first; a deleted flow (no name) after the others.
  flows.sort((a, b) => b.calls - a.calls || Number(a.name === null) - Number(b.name === null) || (a.name ?? "").localeCompare(b.name ?? ""));
  return { total: total.summary(), flows };
}
