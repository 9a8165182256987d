// Show-conditions and action guards: a small expression model over earlier answers, evaluated
// here and never as code. An unanswered (skipped) question matches nothing but `neq`.
import type { AnswerValue, Condition, ConditionTest } from "./definition.ts";

export type Answers = Readonly<Record<string, AnswerValue>>;

function isTest(c: Condition): c is ConditionTest {
  return "op" in c;
}

/** Numbers compare as numbers, dates (YYYY-MM-DD…) as text, which orders them. */
function compare(answer: string | number, value: unknown): number | null {
  if (typeof answer === "number") {
    const v = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    return Number.isFinite(v) ? answer - v : null;
  }
  if (typeof value !== "string" && typeof value !== "number") return null;
  const v = String(value);
  return answer < v ? -1 : answer > v ? 1 : 0;
}

function equals(answer: Exclude<AnswerValue, null>, value: unknown): boolean {
  if (Array.isArray(answer)) return typeof value === "string" && answer.includes(value);
  if (typeof answer === "number") return compare(answer, value) === 0;
  return typeof value === "string" || typeof value === "number" ? answer === String(value) : false;
}

function test(t: ConditionTest, answers: Answers): boolean {
  const answer = answers[t.question];
  const given = answer !== undefined && answer !== null && answer !== "" && !(Array.isArray(answer) && answer.length === 0);
  if (t.op === "answered") return given;
  if (!given) return t.op === "neq";
  switch (t.op) {
    case "eq":
      return equals(answer, t.value);
    case "neq":
      return !equals(answer, t.value);
    case "in": {
      const list = Array.isArray(t.value) ? t.value : [];
      return Array.isArray(answer) ? answer.some((a) => list.includes(a)) : list.includes(String(answer));
    }
    case "gt":
    case "lt": {
      if (Array.isArray(answer)) return false;
      const d = compare(answer, t.value);
      return d !== null && (t.op === "gt" ? d > 0 : d < 0);
    }
  }
}

export function holds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  if (isTest(condition)) return test(condition, answers);
  if ("all" in condition) return condition.all.every((c) => holds(c, answers));
  return condition.any.some((c) => holds(c, answers));
}

/** Every test in a condition, for checking what it refers to. */
export function testsOf(condition: Condition | undefined): ConditionTest[] {
  if (!condition) return [];
  if (isTest(condition)) return [condition];
  return ("all" in condition ? condition.all : condition.any).flatMap(testsOf);
}
