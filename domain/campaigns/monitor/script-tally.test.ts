import { describe, expect, it } from "vitest";
import { questionSchema } from "../../scripts/definition.ts";
import { answerCell, mergeQuestions, tallyAnswers } from "./script-tally.ts";

const q = (o: Record<string, unknown>) => questionSchema.parse({ text: "?", ...o });
const questions = [
  q({
    id: "interested",
    type: "choice",
    options: [
      { value: "yes", label: "Yes" },
      { value: "no", label: "No" },
    ],
  }),
  q({
    id: "products",
    type: "multi",
    options: [
      { value: "tv", label: "TV" },
      { value: "net", label: "Internet" },
    ],
  }),
  q({ id: "happy", type: "scale", min: 1, max: 3 }),
  q({ id: "people", type: "number" }),
  q({ id: "note", type: "text" }),
];

describe("script answers tally", () => {
  it("counts options, expands multi answers, averages numbers and scales, counts text", () => {
    const t = tallyAnswers(questions, [
      { questionId: "interested", value: "yes", count: 7 },
      { questionId: "interested", value: "no", count: 2 },
      { questionId: "interested", value: "maybe", count: 1 },
      { questionId: "products", value: ["tv", "net"], count: 3 },
      { questionId: "products", value: ["net"], count: 2 },
      { questionId: "products", value: [], count: 4 },
      { questionId: "happy", value: 3, count: 2 },
      { questionId: "happy", value: 1, count: 1 },
      { questionId: "people", value: 2, count: 3 },
      { questionId: "people", value: 5, count: 1 },
      { questionId: "people", value: "x", count: 1 },
      { questionId: "note", value: "call later", count: 1 },
      { questionId: "note", value: "", count: 5 },
      { questionId: "gone", value: "a", count: 9 },
    ]);
    expect(t.map((x) => x.questionId)).toEqual(["interested", "products", "happy", "people", "note"]);
    expect(t[0]).toMatchObject({
      answered: 10,
      choices: [
        { value: "yes", label: "Yes", count: 7 },
        { value: "no", label: "No", count: 2 },
        { value: "maybe", label: "maybe", count: 1 },
      ],
    });
    expect(t[1]).toMatchObject({
      answered: 5,
      choices: [
        { value: "tv", count: 3 },
        { value: "net", count: 5 },
      ],
    });
    expect(t[2]).toMatchObject({
      answered: 3,
      average: 2.33,
      choices: [
        { value: "1", count: 1 },
        { value: "2", count: 0 },
        { value: "3", count: 2 },
      ],
    });
    expect(t[3]).toMatchObject({ answered: 5, average: 2.75, choices: [] });
    expect(t[4]).toMatchObject({ answered: 1, average: null });
  });

  it("has nothing to count without answers", () => {
    expect(tallyAnswers(questions.slice(0, 1), [])[0]).toMatchObject({ answered: 0, choices: [{ count: 0 }, { count: 0 }] });
  });

  it("merges versions, the newest wording winning", () => {
    const merged = mergeQuestions([[q({ id: "a", type: "text", text: "new" })], [q({ id: "a", type: "text", text: "old" }), q({ id: "b", type: "number" })]]);
    expect(merged.map((x) => [x.id, x.text])).toEqual([
      ["a", "new"],
      ["b", "?"],
    ]);
  });

  it("writes an answer as a cell", () => {
    expect(answerCell(["tv", "net"])).toBe("tv, net");
    expect(answerCell(4)).toBe("4");
    expect(answerCell(null)).toBe("");
  });
});
