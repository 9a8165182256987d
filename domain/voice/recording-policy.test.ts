import { describe, expect, it } from "vitest";
import { recordsByPolicy } from "./recording-policy.ts";

const inbound = { direction: "INBOUND" as const, customerPhone: "+48 123 456 789" };
const outbound = { direction: "OUTBOUND" as const, customerPhone: "" };

describe("recordsByPolicy", () => {
  it("ALL records both directions; NONE and ON_DEMAND record nothing by themselves", () => {
    expect([inbound, outbound].map((c) => recordsByPolicy("ALL", [], c))).toEqual([true, true]);
    expect([inbound, outbound].map((c) => recordsByPolicy("NONE", [], c))).toEqual([false, false]);
    expect([inbound, outbound].map((c) => recordsByPolicy("ON_DEMAND", [], c))).toEqual([false, false]);
  });

  it("INBOUND and OUTBOUND follow the call's direction", () => {
    expect(recordsByPolicy("INBOUND", [], inbound)).toBe(true);
    expect(recordsByPolicy("INBOUND", [], outbound)).toBe(false);
    expect(recordsByPolicy("OUTBOUND", [], outbound)).toBe(true);
    expect(recordsByPolicy("OUTBOUND", [], inbound)).toBe(false);
  });

  it("LISTED records a customer whose number is on the list, however either was written", () => {
    expect(recordsByPolicy("LISTED", ["+48123456789"], inbound)).toBe(true);
    expect(recordsByPolicy("LISTED", ["0048 123-456-789"], { ...outbound, customerPhone: "+48123456789" })).toBe(true);
    expect(recordsByPolicy("LISTED", ["+48123456780"], inbound)).toBe(false);
    expect(recordsByPolicy("LISTED", ["+48123456789"], { ...inbound, customerPhone: "" })).toBe(false);
    expect(recordsByPolicy("LISTED", [], inbound)).toBe(false);
  });
});
