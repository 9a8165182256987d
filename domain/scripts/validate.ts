// What a schema cannot check about a script: that its references hold. Jumps go forward only, so
// a script cannot loop; conditions look back only (a show-condition at earlier questions, an
// action's guard also at the question being left); every question can be reached.
import { testsOf } from "./conditions.ts";
import type { Condition, Question, ScriptDefinition } from "./definition.ts";

export const SCRIPT_ERRORS = [
  "EMPTY",
  "DUPLICATE_ID",
  "NO_OPTIONS",
  "DUPLICATE_OPTION",
  "BAD_RANGE",
  "UNKNOWN_QUESTION",
  "FORWARD_CONDITION",
  "BAD_CONDITION",
  "UNKNOWN_JUMP",
  "BACKWARD_JUMP",
  "BAD_CALLBACK_QUESTION",
  "UNKNOWN_RESULT_CODE",
  "DUPLICATE_RESULT_CODE",
  /** A result code names a disposition that is not an active one of the organisation (checked on publishing). */
  "UNKNOWN_DISPOSITION",
  "UNREACHABLE",
] as const;
export type ScriptErrorCode = (typeof SCRIPT_ERRORS)[number];

export interface ScriptProblem {
  code: ScriptErrorCode;
  /** The question it is about (null: the script as a whole). */
  questionId: string | null;
  /** What it names: the other question, option or result code. */
  ref?: string;
}

/** Widest scale an agent is asked to read out (e.g. 0–10 is 11 points). */
export const MAX_SCALE_POINTS = 101;

function checkQuestion(q: Question, problem: (code: ScriptErrorCode, ref?: string) => void) {
  const choice = q.type === "choice" || q.type === "multi";
  if (choice && q.options.length === 0) problem("NO_OPTIONS");
  const seen = new Set<string>();
  for (const o of q.options) {
    if (seen.has(o.value)) problem("DUPLICATE_OPTION", o.value);
    seen.add(o.value);
  }
  if (q.min !== undefined && q.max !== undefined && q.min > q.max) problem("BAD_RANGE");
  if (q.type === "scale") {
    const ok = q.min !== undefined && q.max !== undefined && Number.isInteger(q.min) && Number.isInteger(q.max) && q.max - q.min + 1 <= MAX_SCALE_POINTS && q.min < q.max;
    if (!ok) problem("BAD_RANGE");
  }
}

/** Whether a test's operator and value fit the question it looks at. */
function testFits(target: Question, op: string, value: unknown): boolean {
  const options = new Set(target.options.map((o) => o.value));
  const ordered = target.type === "number" || target.type === "scale" || target.type === "date";
  switch (op) {
    case "answered":
      return value === undefined;
    case "gt":
    case "lt":
      return ordered && (typeof value === "number" || (typeof value === "string" && value !== ""));
    case "in":
      return Array.isArray(value) && value.length > 0 && (target.options.length === 0 || value.every((v) => options.has(v)));
    default:
      if (typeof value !== "string" && typeof value !== "number") return false;
      return target.options.length === 0 || options.has(String(value));
  }
}

export function validateScript(def: ScriptDefinition): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  const qs = def.questions;
  if (qs.length === 0) problems.push({ code: "EMPTY", questionId: null });
  const index = new Map<string, number>();
  qs.forEach((q, i) => {
    if (index.has(q.id)) problems.push({ code: "DUPLICATE_ID", questionId: q.id });
    else index.set(q.id, i);
  });
  const codes = new Set<string>();
  for (const r of def.resultCodes) {
    if (codes.has(r.code)) problems.push({ code: "DUPLICATE_RESULT_CODE", questionId: null, ref: r.code });
    codes.add(r.code);
  }

  qs.forEach((q, i) => {
    const problem = (code: ScriptErrorCode, ref?: string) => problems.push({ code, questionId: q.id, ...(ref === undefined ? {} : { ref }) });
    checkQuestion(q, problem);
    // A show-condition looks at earlier questions; an action's guard also at this one.
    const checkCondition = (c: Condition | undefined, last: number) => {
      for (const t of testsOf(c)) {
        const at = index.get(t.question);
        if (at === undefined) problem("UNKNOWN_QUESTION", t.question);
        else if (at > last) problem("FORWARD_CONDITION", t.question);
        else if (!testFits(qs[at]!, t.op, t.value)) problem("BAD_CONDITION", t.question);
      }
    };
    checkCondition(q.showIf, i - 1);
    for (const a of q.onLeave) {
      checkCondition(a.when, i);
      if (a.kind === "jump") {
        const to = index.get(a.to);
        if (to === undefined) problem("UNKNOWN_JUMP", a.to);
        else if (to <= i) problem("BACKWARD_JUMP", a.to);
      }
      if (a.kind === "result" && !codes.has(a.code)) problem("UNKNOWN_RESULT_CODE", a.code);
      if (a.kind === "callback" && a.atQuestion !== undefined) {
        const at = index.get(a.atQuestion);
        if (at === undefined || at > i || qs[at]!.type !== "date") problem("BAD_CALLBACK_QUESTION", a.atQuestion);
      }
    }
  });

  for (const i of unreachable(def, index)) problems.push({ code: "UNREACHABLE", questionId: qs[i]!.id });
  return problems;
}

/** Questions no path from the first one reaches: after an unconditional end, jump, call-back or
 * transfer, only a jump leads on. */
function unreachable(def: ScriptDefinition, index: Map<string, number>): number[] {
  const qs = def.questions;
  const reached = new Array<boolean>(qs.length).fill(false);
  if (qs.length > 0) reached[0] = true;
  qs.forEach((q, i) => {
    if (!reached[i]) return;
    let fallsThrough = true;
    for (const a of q.onLeave) {
      if (a.kind === "jump") {
        const to = index.get(a.to);
        if (to !== undefined && to > i) reached[to] = true;
      }
      if (a.kind !== "result" && !a.when) {
        fallsThrough = false;
        break;
      }
    }
    // Skipping this question (its condition false) also leads to the next.
    if ((fallsThrough || q.showIf) && i + 1 < qs.length) reached[i + 1] = true;
  });
  return reached.flatMap((r, i) => (r ? [] : [i]));
}
