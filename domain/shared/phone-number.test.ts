import { describe, expect, it } from "vitest";
import { normalisePhone, parsePhoneList } from "./phone-number.ts";

describe("normalisePhone", () => {
  it.each([
    ["+48123456789", "+48123456789"],
    ["+48 123 456 789", "+48123456789"],
    ["0048 123-456-789", "+48123456789"],
    ["(+44) 20.7946.0958", "+442079460958"],
    ["  +1 (415) 555-0100 ", "+14155550100"],
  ])("%s → %s", (raw, e164) => expect(normalisePhone(raw)).toBe(e164));

  it.each(["", "123456789", "+0123456789", "+48 12", "+48123456789012345", "call me", "+48 123 abc", null, undefined])("refuses %s", (raw) =>
    expect(normalisePhone(raw)).toBeNull(),
  );
});

describe("parsePhoneList", () => {
  it("normalises one per line, drops blanks and repeats, and names the bad entries", () => {
    expect(parsePhoneList(["+48 123 456 789\n\n0048123456789", " +44 20 7946 0958 ", "555-0100", "nonsense"])).toEqual({
      numbers: ["+48123456789", "+442079460958"],
      invalid: ["555-0100", "nonsense"],
    });
  });

  it("takes a pasted text with commas or semicolons", () => {
    expect(parsePhoneList("+48123456789, +48123456780;+48123456781")).toEqual({
      numbers: ["+48123456789", "+48123456780", "+48123456781"],
      invalid: [],
    });
  });
});
