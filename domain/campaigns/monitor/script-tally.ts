// Answers to a campaign's call script, tallied per question: how many chose each option (choice,
// multi-choice, scale), the average of number answers, how many answered a text or date. Pure: the
// database groups the answers by (question, value) and this turns those groups into the figures.
import type { Question } from "../../scripts/definition.ts";

/** One group of identical answers: `value` as stored in ScriptAnswers.steps (a multi answer is a list). */
export interface AnswerGroup {
  questionId: string;
  value: unknown;
  count: number;
}

export interface ChoiceCount {
  value: string;
  label: string;
  count: number;
}

export interface QuestionTally {
  questionId: string;
  text: string;
  type: Question["type"];
  /** Calls on which it was answered. */
  answered: number;
  /** choice, multi and scale: each option (scale: each point from min to max), in order. */
  choices: ChoiceCount[];
  /** number (and scale): the mean of the answers; null with none. */
  average: number | null;
}

const isBlank = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

function scalePoints(q: Pick<Question, "min" | "max">): number[] {
  if (q.min === undefined || q.max === undefined || q.max < q.min || q.max - q.min > 100) return [];
  const out: number[] = [];
  for (let v = Math.ceil(q.min); v <= q.max; v++) out.push(v);
  return out;
}

/** The script's questions, each tallied from the groups that concern it; groups of other questions are ignored. */
export function tallyAnswers(questions: readonly Question[], groups: readonly AnswerGroup[]): QuestionTally[] {
  const byQuestion = new Map<string, AnswerGroup[]>();
  for (const g of groups) {
    const list = byQuestion.get(g.questionId) ?? [];
    list.push(g);
    byQuestion.set(g.questionId, list);
  }
  return questions.map((q) => {
    const mine = (byQuestion.get(q.id) ?? []).filter((g) => !isBlank(g.value) && g.count > 0);
    const answered = mine.reduce((n, g) => n + g.count, 0);
    const tally: QuestionTally = { questionId: q.id, text: q.text, type: q.type, answered, choices: [], average: null };
    if (q.type === "choice" || q.type === "multi") {
      const counts = new Map<string, number>(q.options.map((o) => [o.value, 0]));
      for (const g of mine) {
        const values = Array.isArray(g.value) ? g.value : [g.value];
        for (const v of new Set(values.map(String))) counts.set(v, (counts.get(v) ?? 0) + g.count);
      }
      const labels = new Map(q.options.map((o) => [o.value, o.label]));
      tally.choices = [...counts].map(([value, count]) => ({ value, label: labels.get(value) ?? value, count }));
    }
    if (q.type === "scale") {
      const counts = new Map<string, number>(scalePoints(q).map((p) => [String(p), 0]));
      for (const g of mine) counts.set(String(g.value), (counts.get(String(g.value)) ?? 0) + g.count);
      tally.choices = [...counts].map(([value, count]) => ({ value, label: value, count }));
    }
    if (q.type === "number" || q.type === "scale") {
      let sum = 0;
      let n = 0;
      for (const g of mine) {
        const v = typeof g.value === "number" ? g.value : Number(g.value);
        if (!Number.isFinite(v)) continue;
        sum += v * g.count;
        n += g.count;
      }
      tally.average = n ? Math.round((sum / n) * 100) / 100 : null;
    }
    return tally;
  });
}

/** The questions of several versions of a script, newest first: each id once, as its newest version asks it. */
export function mergeQuestions(versionsNewestFirst: readonly (readonly Question[])[]): Question[] {
  const seen = new Set<string>();
  const out: Question[] = [];
  for (const questions of versionsNewestFirst) {
    for (const q of questions) {
      if (seen.has(q.id)) continue;
      seen.add(q.id);
      out.push(q);
    }
  }
  return out;
}

/** One answer as an export cell: a list joined by ", ", a number or text as it is. */
export function answerCell(value: unknown): string {
  if (isBlank(value)) return "";
  if (Array.isArray(value)) return value.map(String).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
