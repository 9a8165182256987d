import { describe, expect, it } from "vitest";
import { normalizeEmail, normalizePhone } from "./match-contact.ts";

describe("identity normalisation", () => {
  it("keeps phones comparable however they were typed", () => {
    expect(normalizePhone("+48 601-234-567")).toBe("+48601234567");
    expect(normalizePhone("0048 601 234 567")).toBe("+48601234567");
    expect(normalizePhone("(22) 123 45 67")).toBe("221234567");
    expect(normalizePhone("abc")).toBe("");
  });
  it("compares e-mails without case or spaces", () => {
    expect(normalizeEmail("  Jan.Kowalski@Example.PL ")).toBe("jan.kowalski@example.pl");
  });
});
