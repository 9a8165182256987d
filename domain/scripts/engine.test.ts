import { describe, expect, it } from "vitest";
import { holds } from "./conditions.ts";
import { definitionSchema, type ScriptDefinitionInput } from "./definition.ts";
import { answer, back, checkAnswer, currentQuestion, replay, start, type ScriptState } from "./engine.ts";
import { renderParts, renderText } from "../shared/placeholders.ts";
import { validateScript } from "./validate.ts";

const def = (input: ScriptDefinitionInput) => definitionSchema.parse(input);

// A debt-collection script: a condition on the first answer, a jump, a call-back and a result.
const debt = def({
  resultCodes: [
    { code: "PROMISE", label: "Promise to pay" },
    { code: "REFUSED", label: "Refused" },
    { code: "CALLBACK", label: "Call back" },
  ],
  questions: [
    { id: "who", type: "choice", text: "Am I speaking with {name}?", required: true, options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }], onLeave: [{ kind: "jump", to: "later", when: { question: "who", op: "eq", value: "no" } }] },
    { id: "pay", type: "choice", text: "Can you pay {debt}?", required: true, options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }], onLeave: [{ kind: "result", code: "REFUSED", when: { question: "pay", op: "eq", value: "no" } }] },
    { id: "amount", type: "number", text: "How much?", required: true, min: 1, max: 10000, showIf: { question: "pay", op: "eq", value: "yes" }, onLeave: [{ kind: "result", code: "PROMISE" }, { kind: "end" }] },
    { id: "why", type: "text", text: "Why not?", onLeave: [{ kind: "end" }] },
    { id: "later", type: "date", text: "When can we call back?", withTime: true, required: true, onLeave: [{ kind: "result", code: "CALLBACK" }, { kind: "callback", atQuestion: "later" }] },
  ],
});
const fields = { name: "Jan Kowalski", debt: "120 zł" };

function run(state: ScriptState, ...steps: [string, unknown][]): ScriptState {
  for (const [q, v] of steps) {
    const out = answer(debt, state, q, v as never);
    if (!out.ok) throw new Error(`${q}: ${out.error}`);
    state = out.state;
  }
  return state;
}

describe("the script engine", () => {
  it("starts at the first question with the contact's fields in its text", () => {
    const s = start(debt, fields);
    expect(s.current).toBe("who");
    expect(renderText(currentQuestion(debt, s)!.question.text, fields)).toBe("Am I speaking with Jan Kowalski?");
  });

  it("shows a question only when its condition holds, and ends with the result code set", () => {
    const paying = run(start(debt, fields), ["who", "yes"], ["pay", "yes"]);
    expect(paying.current).toBe("amount");
    const done = run(paying, ["amount", 50]);
    expect(done).toMatchObject({ current: null, resultCode: "PROMISE", requests: [] });
    const refusing = run(start(debt, fields), ["who", "yes"], ["pay", "no"]);
    expect(refusing.current).toBe("why");
    expect(run(refusing, ["why", " lost my job "])).toMatchObject({ current: null, resultCode: "REFUSED", steps: [{}, {}, { value: "lost my job" }] });
  });

  it("jumps on an answer and asks for a call-back at the time given", () => {
    const s = run(start(debt, fields), ["who", "no"]);
    expect(s.current).toBe("later");
    const done = run(s, ["later", "2026-12-07T10:30"]);
    expect(done).toMatchObject({ current: null, resultCode: "CALLBACK", requests: [{ kind: "callback", at: "2026-12-07T10:30" }] });
  });

  it("refuses a missing required answer, a wrong type, an unknown option and a number out of range", () => {
    const s = start(debt, fields);
    expect(answer(debt, s, "who", null)).toEqual({ ok: false, error: "REQUIRED" });
    expect(answer(debt, s, "who", 3)).toEqual({ ok: false, error: "WRONG_TYPE" });
    expect(answer(debt, s, "who", "maybe")).toEqual({ ok: false, error: "NOT_AN_OPTION" });
    expect(answer(debt, s, "pay", "yes")).toEqual({ ok: false, error: "NOT_CURRENT" });
    const at = run(s, ["who", "yes"], ["pay", "yes"]);
    expect(answer(debt, at, "amount", 0)).toEqual({ ok: false, error: "OUT_OF_RANGE" });
    expect(answer(debt, at, "amount", "5" as never)).toEqual({ ok: false, error: "WRONG_TYPE" });
    const ended = run(at, ["amount", 5]);
    expect(answer(debt, ended, "amount", 5)).toEqual({ ok: false, error: "ENDED" });
  });

  it("checks every question type", () => {
    const [q] = def({ questions: [{ id: "d", type: "date", text: "?" }] }).questions;
    expect(checkAnswer(q!, "2026-02-30")).toEqual({ ok: false, error: "BAD_DATE" });
    expect(checkAnswer(q!, "2026-02-28")).toEqual({ ok: true, value: "2026-02-28" });
    expect(checkAnswer(q!, "2026-02-28T10:00")).toEqual({ ok: false, error: "BAD_DATE" });
    expect(checkAnswer(q!, "")).toEqual({ ok: true, value: null });
    const [scale] = def({ questions: [{ id: "s", type: "scale", text: "?", min: 0, max: 10 }] }).questions;
    expect(checkAnswer(scale!, 7.5)).toEqual({ ok: false, error: "WRONG_TYPE" });
    expect(checkAnswer(scale!, 11)).toEqual({ ok: false, error: "OUT_OF_RANGE" });
    expect(checkAnswer(scale!, 10)).toEqual({ ok: true, value: 10 });
    const [multi] = def({ questions: [{ id: "m", type: "multi", text: "?", required: true, options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] }] }).questions;
    expect(checkAnswer(multi!, ["b", "a", "b"])).toEqual({ ok: true, value: ["a", "b"] });
    expect(checkAnswer(multi!, [])).toEqual({ ok: false, error: "REQUIRED" });
    expect(checkAnswer(multi!, ["c"])).toEqual({ ok: false, error: "NOT_AN_OPTION" });
    const [text] = def({ questions: [{ id: "t", type: "text", text: "?" }] }).questions;
    expect(checkAnswer(text!, "x".repeat(2001))).toEqual({ ok: false, error: "TOO_LONG" });
  });

  it("goes back undoing the last answer and what it set, offering its value again", () => {
    const s = run(start(debt, fields), ["who", "yes"], ["pay", "no"]);
    expect(s.resultCode).toBe("REFUSED");
    const { state, previous } = back(debt, s);
    expect(state).toMatchObject({ current: "pay", resultCode: null, steps: [{ questionId: "who" }] });
    expect(previous).toBe("no");
    expect(back(debt, start(debt, fields)).previous).toBeUndefined();
  });

  it("replays saved answers, refusing ones the script would not have asked", () => {
    expect(replay(debt, fields, [{ questionId: "who", value: "yes" }, { questionId: "pay", value: "yes" }, { questionId: "amount", value: 10 }])).toMatchObject({ ok: true, state: { current: null, resultCode: "PROMISE" } });
    // "why" is skipped by the condition path for a payer: saving an answer to it is refused.
    expect(replay(debt, fields, [{ questionId: "who", value: "yes" }, { questionId: "pay", value: "yes" }, { questionId: "why", value: "x" }])).toMatchObject({ ok: false, error: "NOT_CURRENT", at: 2 });
  });

  it("transfers to a queue or a number", () => {
    const t = def({ questions: [{ id: "q", type: "choice", text: "?", options: [{ value: "human", label: "Human" }, { value: "ok", label: "OK" }], onLeave: [{ kind: "transfer", target: { number: "+48221234567" }, when: { question: "q", op: "eq", value: "human" } }] }, { id: "r", type: "text", text: "?" }] });
    const out = answer(t, start(t, {}), "q", "human");
    expect(out).toMatchObject({ ok: true, state: { current: null, requests: [{ kind: "transfer", target: { number: "+48221234567" } }] } });
  });
});

describe("conditions", () => {
  const answers = { a: "x", n: 5, m: ["p", "q"], d: "2026-12-01", skipped: null };
  it("compare choices, numbers, several options and dates; combine with all and any", () => {
    expect(holds({ question: "a", op: "eq", value: "x" }, answers)).toBe(true);
    expect(holds({ question: "a", op: "neq", value: "x" }, answers)).toBe(false);
    expect(holds({ question: "a", op: "in", value: ["y", "x"] }, answers)).toBe(true);
    expect(holds({ question: "n", op: "gt", value: 4 }, answers)).toBe(true);
    expect(holds({ question: "n", op: "lt", value: "4" }, answers)).toBe(false);
    expect(holds({ question: "n", op: "eq", value: "5" }, answers)).toBe(true);
    expect(holds({ question: "m", op: "eq", value: "q" }, answers)).toBe(true);
    expect(holds({ question: "m", op: "in", value: ["z", "p"] }, answers)).toBe(true);
    expect(holds({ question: "d", op: "gt", value: "2026-11-30" }, answers)).toBe(true);
    expect(holds({ all: [{ question: "a", op: "answered" }, { any: [{ question: "n", op: "gt", value: 9 }, { question: "m", op: "eq", value: "p" }] }] }, answers)).toBe(true);
  });
  it("treat an unanswered question as matching nothing but neq", () => {
    expect(holds({ question: "skipped", op: "answered" }, answers)).toBe(false);
    expect(holds({ question: "skipped", op: "eq", value: "x" }, answers)).toBe(false);
    expect(holds({ question: "skipped", op: "neq", value: "x" }, answers)).toBe(true);
    expect(holds({ question: "never", op: "lt", value: 3 }, answers)).toBe(false);
  });
  it("are data, not code", () => {
    expect(() => definitionSchema.parse({ questions: [{ id: "a", type: "text", text: "?", showIf: "a == 1" }] })).toThrow();
    expect(() => definitionSchema.parse({ questions: [{ id: "a", type: "text", text: "?", showIf: { question: "a", op: "eval", value: "1" } }] })).toThrow();
  });
});

describe("validating a script", () => {
  const codes = (input: ScriptDefinitionInput) => validateScript(def(input)).map((p) => `${p.code}:${p.questionId ?? ""}:${p.ref ?? ""}`);
  it("accepts a sound script", () => expect(validateScript(debt)).toEqual([]));
  it("finds duplicate ids, missing options and bad ranges", () => {
    expect(codes({ questions: [] })).toEqual(["EMPTY::"]);
    expect(codes({ questions: [{ id: "a", type: "text", text: "?" }, { id: "a", type: "choice", text: "?" }] })).toEqual(["DUPLICATE_ID:a:", "NO_OPTIONS:a:"]);
    expect(codes({ questions: [{ id: "s", type: "scale", text: "?", min: 1 }, { id: "n", type: "number", text: "?", min: 5, max: 1 }] })).toEqual(["BAD_RANGE:s:", "BAD_RANGE:n:"]);
    expect(codes({ questions: [{ id: "c", type: "choice", text: "?", options: [{ value: "a", label: "A" }, { value: "a", label: "B" }] }] })).toEqual(["DUPLICATE_OPTION:c:a"]);
  });
  it("refuses conditions on later or unknown questions and ones that cannot match", () => {
    const yesNo = [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }];
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", showIf: { question: "b", op: "answered" } }, { id: "b", type: "text", text: "?" }] })).toEqual(["FORWARD_CONDITION:a:b"]);
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", showIf: { question: "a", op: "answered" } }] })).toEqual(["FORWARD_CONDITION:a:a"]);
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", showIf: { question: "zz", op: "answered" } }] })).toEqual(["UNKNOWN_QUESTION:a:zz"]);
    expect(codes({ questions: [{ id: "a", type: "choice", text: "?", options: yesNo }, { id: "b", type: "text", text: "?", showIf: { question: "a", op: "eq", value: "maybe" } }] })).toEqual(["BAD_CONDITION:b:a"]);
    expect(codes({ questions: [{ id: "a", type: "choice", text: "?", options: yesNo }, { id: "b", type: "text", text: "?", showIf: { question: "a", op: "gt", value: 3 } }] })).toEqual(["BAD_CONDITION:b:a"]);
  });
  it("prevents loops: jumps go forward only", () => {
    expect(codes({ questions: [{ id: "a", type: "text", text: "?" }, { id: "b", type: "text", text: "?", onLeave: [{ kind: "jump", to: "a" }] }] })).toEqual(["BACKWARD_JUMP:b:a"]);
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", onLeave: [{ kind: "jump", to: "a", when: { question: "a", op: "answered" } }] }] })).toEqual(["BACKWARD_JUMP:a:a"]);
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", onLeave: [{ kind: "jump", to: "nowhere" }] }] })).toEqual(["UNKNOWN_JUMP:a:nowhere"]);
  });
  it("finds questions nothing reaches, result codes it does not know and call-back times that are not dates", () => {
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", onLeave: [{ kind: "end" }] }, { id: "b", type: "text", text: "?" }] })).toEqual(["UNREACHABLE:b:"]);
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", onLeave: [{ kind: "jump", to: "c" }] }, { id: "b", type: "text", text: "?" }, { id: "c", type: "text", text: "?" }] })).toEqual(["UNREACHABLE:b:"]);
    // A conditional end still lets the script go on.
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", onLeave: [{ kind: "end", when: { question: "a", op: "answered" } }] }, { id: "b", type: "text", text: "?" }] })).toEqual([]);
    expect(codes({ questions: [{ id: "a", type: "text", text: "?", onLeave: [{ kind: "result", code: "NOPE" }, { kind: "callback", atQuestion: "a" }] }] })).toEqual(["UNKNOWN_RESULT_CODE:a:NOPE", "BAD_CALLBACK_QUESTION:a:a"]);
  });
  it("guards at run time against a loop saved before the checks", () => {
    const looping = def({ questions: [{ id: "a", type: "text", text: "?" }, { id: "b", type: "text", text: "?", onLeave: [{ kind: "jump", to: "a" }] }] });
    const s = answer(looping, start(looping, {}), "a", "x");
    expect(() => s.ok && answer(looping, s.state, "b", "y")).toThrow(/back to a/);
  });
});

describe("placeholders", () => {
  it("fill the contact's fields and mark the missing ones", () => {
    expect(renderParts("Owes {debt} at {address}.", { debt: "12 zł" })).toEqual([
      { kind: "text", text: "Owes " },
      { kind: "field", field: "debt", value: "12 zł" },
      { kind: "text", text: " at " },
      { kind: "gap", field: "address" },
      { kind: "text", text: "." },
    ]);
    expect(renderText("Hi {name}!", {})).toBe("Hi !");
    expect(renderText("Hi {name}!", {}, (f) => `[${f}?]`)).toBe("Hi [name?]!");
    expect(renderText("{constructor} {__proto__}", {})).toBe(" ");
    expect(renderText("{ not one }", {})).toBe("{ not one }");
  });
});
