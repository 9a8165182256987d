import { describe, expect, it } from "vitest";
import { auditChanges, auditDetails, idsIn } from "./audit-details.ts";

const Q1 = "0190a1b2-0000-7000-8000-000000000001";
const Q2 = "0190a1b2-0000-7000-8000-000000000002";
const U1 = "0190a1b2-0000-7000-8000-000000000003";
const names = new Map([
  [Q1, "Customer service"],
  [Q2, "Sales"],
  [U1, "Piotr Zieliński"],
]);

describe("audit details", () => {
  it("records only what changed, and everything set when created", () => {
    expect(auditChanges({ title: "Hi", body: "Hello", queueId: Q1 }, { title: "Hi", body: "Hello there", queueId: Q2 })).toEqual({
      body: { from: "Hello", to: "Hello there" },
      queueId: { from: Q1, to: Q2 },
    });
    expect(auditChanges(null, { title: "Hi", queueId: null, topics: [] })).toEqual({ title: { from: null, to: "Hi" } });
    expect(auditChanges({ hours: { enabled: false, days: [] } }, { hours: { days: [], enabled: false } })).toEqual({});
  });

  it("says changes and values in words, with ids named and no raw JSON", () => {
    const lines = auditDetails({ changes: { queueId: { from: Q1, to: Q2 }, active: { from: true, to: false } }, members: [{ userId: U1, skillLevel: 8 }] }, names);
    expect(lines).toEqual([
      { field: "queueId", value: null, from: "Customer service", to: "Sales" },
      { field: "active", value: null, from: "true", to: "false" },
      { field: "members", value: "Piotr Zieliński · skillLevel: 8", from: null, to: null },
    ]);
    expect(auditDetails({ title: { pl: "Witaj", en: "Hello" }, leads: [U1], note: "" }, names)).toEqual([
      { field: "title", value: "pl: Witaj · en: Hello", from: null, to: null },
      { field: "leads", value: "Piotr Zieliński", from: null, to: null },
    ]);
    expect(idsIn({ a: [Q1, { b: U1 }], c: "x" })).toEqual(new Set([Q1, U1]));
  });
});
