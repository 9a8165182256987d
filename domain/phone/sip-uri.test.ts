import { describe, expect, it } from "vitest";
import { numberOf, sipUser } from "./sip-uri.ts";

describe("numbers out of SIP addresses", () => {
  it("takes the user part and normalises numbers", () => {
    expect(numberOf("sip:+48221234567@trunk.example;user=phone")).toBe("+48221234567");
    expect(numberOf('"Jan" <sip:0048221234567@10.0.0.1:5060>')).toBe("+48221234567");
    expect(numberOf("tel:+15551234")).toBe("+15551234");
    expect(numberOf("sip:anonymous@anonymous.invalid")).toBe("anonymous");
    expect(sipUser("sip:%2B4822@h")).toBe("+4822");
  });

  it("keeps a user part with a broken %-escape as it came", () => {
    expect(sipUser("sip:%FF4822@h")).toBe("%FF4822");
    expect(numberOf("sip:%E0%A4%A@h")).toBe("%E0%A4%A");
    expect(numberOf("sip:12%@h")).toBe("12%");
  });
});
