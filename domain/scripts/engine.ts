// Runs a call script for one attempt, as a pure state machine: the agent's screen shows the
// current question, sends each answer, may go back; the engine says which question comes next or
// that the script ended, with the result code and what was asked for (a call-back, a transfer).
// The state is only the answers given in order: going back, or the server checking what an agent
// saved, replays them, so nothing the screen sends is trusted beyond what the script allows.
import { type Answers, holds } from "./conditions.ts";
import type { AnswerValue, Question, ScriptDefinition, ScriptStep } from "./definition.ts";
import { renderParts, type TextPart } from "../shared/placeholders.ts";

export type ScriptRequest =
  /** `at`: the wall-clock time from a date question, or null for the agent to choose. */
  | { kind: "callback"; at: string | null }
  | { kind: "transfer"; target: { queueId: string } | { number: string } };

export interface ScriptState {
  /** The contact's fields, for the questions' texts. */
  fields: Readonly<Record<string, string>>;
  /** The answers given, in the order asked (skipped questions are not in it). */
  steps: readonly ScriptStep[];
  /** The question to answer now; null once the script has ended. */
  current: string | null;
  /** Set by the actions so far; the agent picks one at the end if none was. */
  resultCode: string | null;
  requests: readonly ScriptRequest[];
}

export const ANSWER_ERRORS = ["NOT_CURRENT", "ENDED", "REQUIRED", "WRONG_TYPE", "NOT_AN_OPTION", "OUT_OF_RANGE", "TOO_LONG", "BAD_DATE"] as const;
export type AnswerError = (typeof ANSWER_ERRORS)[number];

export type AnswerOutcome = { ok: true; state: ScriptState } | { ok: false; error: AnswerError };

export const MAX_TEXT_ANSWER = 2000;

export class ScriptLoopError extends Error {}

export function answersOf(state: ScriptState): Answers {
  return Object.fromEntries(state.steps.map((s) => [s.questionId, s.value]));
}

/** The first question at or after `from` whose show-condition holds, or null (the end). */
function nextShown(def: ScriptDefinition, from: number, answers: Answers): string | null {
  for (let i = from; i < def.questions.length; i++) {
    const q = def.questions[i]!;
    if (holds(q.showIf, answers)) return q.id;
  }
  return null;
}

export function start(def: ScriptDefinition, fields: Readonly<Record<string, string>>): ScriptState {
  return { fields, steps: [], current: nextShown(def, 0, {}), resultCode: null, requests: [] };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Whether `value` answers `q`; the value normalised (text trimmed, options deduplicated). */
export function checkAnswer(q: Question, value: AnswerValue): { ok: true; value: AnswerValue } | { ok: false; error: AnswerError } {
  const empty = value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
  if (empty) return q.required ? { ok: false, error: "REQUIRED" } : { ok: true, value: null };
  const options = new Set(q.options.map((o) => o.value));
  switch (q.type) {
    case "choice":
      if (typeof value !== "string") return { ok: false, error: "WRONG_TYPE" };
      return options.has(value) ? { ok: true, value } : { ok: false, error: "NOT_AN_OPTION" };
    case "multi": {
      if (!Array.isArray(value)) return { ok: false, error: "WRONG_TYPE" };
      if (!value.every((v) => options.has(v))) return { ok: false, error: "NOT_AN_OPTION" };
      // In the script's order, once each.
      return { ok: true, value: q.options.map((o) => o.value).filter((v) => value.includes(v)) };
    }
    case "text": {
      if (typeof value !== "string") return { ok: false, error: "WRONG_TYPE" };
      const text = value.trim();
      return text.length > MAX_TEXT_ANSWER ? { ok: false, error: "TOO_LONG" } : { ok: true, value: text };
    }
    case "number":
    case "scale": {
      if (typeof value !== "number" || !Number.isFinite(value)) return { ok: false, error: "WRONG_TYPE" };
      if (q.type === "scale" && !Number.isInteger(value)) return { ok: false, error: "WRONG_TYPE" };
      if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max)) return { ok: false, error: "OUT_OF_RANGE" };
      return { ok: true, value };
    }
    case "date": {
      if (typeof value !== "string") return { ok: false, error: "WRONG_TYPE" };
      const m = (q.withTime ? DATE_TIME : DATE).exec(value);
      if (!m || !realDate(Number(m[1]), Number(m[2]), Number(m[3]))) return { ok: false, error: "BAD_DATE" };
      return { ok: true, value };
    }
  }
}

/** Answers the current question and moves on: through its actions, then to the next question
 * shown. A jump backwards (a script saved before the checks) is refused rather than looped. */
export function answer(def: ScriptDefinition, state: ScriptState, questionId: string, value: AnswerValue): AnswerOutcome {
  if (state.current === null) return { ok: false, error: "ENDED" };
  if (questionId !== state.current) return { ok: false, error: "NOT_CURRENT" };
  const at = def.questions.findIndex((q) => q.id === questionId);
  const q = def.questions[at]!;
  const checked = checkAnswer(q, value);
  if (!checked.ok) return checked;
  const steps = [...state.steps, { questionId, value: checked.value }];
  const answers = Object.fromEntries(steps.map((s) => [s.questionId, s.value]));
  let resultCode = state.resultCode;
  const requests = [...state.requests];
  const next = (current: string | null): AnswerOutcome => ({ ok: true, state: { ...state, steps, current, resultCode, requests } });

  for (const a of q.onLeave) {
    if (!holds(a.when, answers)) continue;
    switch (a.kind) {
      case "result":
        resultCode = a.code;
        break;
      case "end":
        return next(null);
      case "callback": {
        const when = a.atQuestion === undefined ? null : answers[a.atQuestion];
        requests.push({ kind: "callback", at: typeof when === "string" ? when : null });
        return next(null);
      }
      case "transfer":
        requests.push({ kind: "transfer", target: a.target });
        return next(null);
      case "jump": {
        const to = def.questions.findIndex((x) => x.id === a.to);
        if (to <= at) throw new ScriptLoopError(`Jump from ${q.id} back to ${a.to}`);
        return next(nextShown(def, to, answers));
      }
    }
  }
  return next(nextShown(def, at + 1, answers));
}

/** Replays answers from the start: the state they lead to, or the first one the script refuses. */
export function replay(def: ScriptDefinition, fields: Readonly<Record<string, string>>, steps: readonly ScriptStep[]): AnswerOutcome & { at?: number } {
  let state = start(def, fields);
  for (const [i, s] of steps.entries()) {
    const out = answer(def, state, s.questionId, s.value);
    if (!out.ok) return { ...out, at: i };
    state = out.state;
  }
  return { ok: true, state };
}

/** One step back: the last answer undone (and whatever it set); its value, for the form. */
export function back(def: ScriptDefinition, state: ScriptState): { state: ScriptState; previous: AnswerValue | undefined } {
  if (state.steps.length === 0) return { state, previous: undefined };
  const last = state.steps.at(-1)!;
  const out = replay(def, state.fields, state.steps.slice(0, -1));
  // Earlier steps were accepted once; the same definition accepts them again.
  if (!out.ok) throw new Error(`Replay refused step ${out.at}: ${out.error}`);
  return { state: out.state, previous: last.value };
}

export interface ShownQuestion {
  question: Question;
  parts: TextPart[];
  /** 1-based position among the answers so far (the script may skip some). */
  number: number;
}

export function currentQuestion(def: ScriptDefinition, state: ScriptState): ShownQuestion | null {
  const q = state.current === null ? undefined : def.questions.find((x) => x.id === state.current);
  return q ? { question: q, parts: renderParts(q.text, state.fields), number: state.steps.length + 1 } : null;
}
