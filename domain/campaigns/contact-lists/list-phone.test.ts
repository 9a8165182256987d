import { describe, expect, it } from "vitest";
import { normaliseListPhone } from "./list-phone.ts";

describe("normaliseListPhone", () => {
  it("fills in the default country for a national number, however it is spaced", () => {
    expect(normaliseListPhone("601 234 567", "PL")).toBe("+48601234567");
    expect(normaliseListPhone("(22) 123-45-67", "PL")).toBe("+48221234567");
    expect(normaliseListPhone("8 (495) 123-45-67", "RU")).toBe("+74951234567");
  });
  it("keeps a number's own country code, written with + or 00", () => {
    expect(normaliseListPhone("+49 30 1234567", "PL")).toBe("+49301234567");
    expect(normaliseListPhone("0049 30 1234567", "PL")).toBe("+49301234567");
    expect(normaliseListPhone("'+48601234567", "RU")).toBe("+48601234567");
  });
  it("reads numbers that a spreadsheet stored as numbers", () => {
    expect(normaliseListPhone(48601234567, "PL")).toBe("+48601234567");
    expect(normaliseListPhone(601234567, "PL")).toBe("+48601234567");
  });
  it("refuses what is not a number of that country", () => {
    expect(normaliseListPhone("", "PL")).toBeNull();
    expect(normaliseListPhone("   ", "PL")).toBeNull();
    expect(normaliseListPhone(null, "PL")).toBeNull();
    expect(normaliseListPhone("12345", "PL")).toBeNull();
    expect(normaliseListPhone("call me", "PL")).toBeNull();
    expect(normaliseListPhone("60123456a", "PL")).toBeNull();
    expect(normaliseListPhone("6012345678901234", "PL")).toBeNull();
  });
});
