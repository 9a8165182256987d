import { describe, expect, it } from "vitest";
import { containsNul } from "./nul.ts";

describe("containsNul", () => {
  it("finds a NUL in any string, key or nested value", () => {
    expect(containsNul("a\u0000b")).toBe(true);
    expect(containsNul({ form: { name: ["x", "y\u0000"] } })).toBe(true);
    expect(containsNul({ ["k\u0000"]: 1 })).toBe(true);
  });
  it("passes ordinary values, including the escape written out as text", () => {
    expect(containsNul({ name: "Zoë", n: 1, ok: true, none: null, list: ["\\u0000"] })).toBe(false);
  });
  it("walks nesting deeper than the call stack, and long lists", () => {
    expect(containsNul(JSON.parse("[".repeat(200_000) + '"\\u0000"' + "]".repeat(200_000)))).toBe(true);
    expect(containsNul([...Array.from({ length: 300_000 }, () => "x"), "\u0000"])).toBe(true);
  });
});
