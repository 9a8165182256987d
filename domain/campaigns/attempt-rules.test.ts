import { describe, expect, it } from "vitest";
import type { BusinessHours } from "../entry-points/business-hours.ts";
import { afterAttempt, DEFAULT_ATTEMPT_RULES, outcomeOfSipCode } from "./attempt-rules.ts";

const WAW = "Europe/Warsaw";
const weekdays9to20: BusinessHours = {
  enabled: true,
  days: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "20:00" }]])),
  holidays: ["2026-12-24"],
};
const window = { hours: weekdays9to20, timeZone: WAW };
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("afterAttempt", () => {
  it("ends a contact that was reached, refused or cannot be called", () => {
    for (const [outcome, done] of [
      ["REACHED", "REACHED"],
      ["FINAL", "FAILED"],
      ["DO_NOT_CALL", "DO_NOT_CALL"],
      ["INVALID_NUMBER", "INVALID_NUMBER"],
    ] as const)
      expect(afterAttempt({ outcome, at: at("2026-12-02T10:00:00Z"), attempts: 1 }, DEFAULT_ATTEMPT_RULES, window)).toEqual({ done });
  });

  it("retries after the outcome's delay, within the calling window", () => {
    // Wednesday 11:00 in Warsaw, busy: ten minutes later.
    expect(afterAttempt({ outcome: "BUSY", at: at("2026-12-02T10:00:00Z"), attempts: 1 }, DEFAULT_ATTEMPT_RULES, window)).toEqual({
      next: at("2026-12-02T10:10:00Z"),
      because: "BUSY",
      agentReservedUntil: null,
    });
    // Friday 19:30, no answer: an hour later is after 20:00, so Monday 09:00.
    const r = afterAttempt({ outcome: "NO_ANSWER", at: at("2026-12-04T18:30:00Z"), attempts: 2 }, DEFAULT_ATTEMPT_RULES, window);
    expect("next" in r && iso(r.next)).toBe("2026-12-07T08:00:00.000Z");
  });

  it("skips holidays and follows the clock change", () => {
    // Wednesday 23 Dec 19:50, a machine: two hours later is the 24th, a holiday, so the 25th (a Friday) 09:00.
    const r = afterAttempt({ outcome: "MACHINE", at: at("2026-12-23T18:50:00Z"), attempts: 1 }, DEFAULT_ATTEMPT_RULES, window);
    expect("next" in r && iso(r.next)).toBe("2026-12-25T08:00:00.000Z");
    // Friday 27 March 2026 19:30 CET: Monday 30 March 09:00 is CEST (07:00 UTC).
    const s = afterAttempt({ outcome: "NO_ANSWER", at: at("2026-03-27T18:30:00Z"), attempts: 1 }, DEFAULT_ATTEMPT_RULES, window);
    expect("next" in s && iso(s.next)).toBe("2026-03-30T07:00:00.000Z");
  });

  it("stops after the last attempt, but keeps a call-back", () => {
    const last = { at: at("2026-12-02T10:00:00Z"), attempts: 5 };
    expect(afterAttempt({ ...last, outcome: "NO_ANSWER" }, DEFAULT_ATTEMPT_RULES, window)).toEqual({ done: "EXHAUSTED" });
    expect(afterAttempt({ ...last, outcome: "CALLBACK", callbackAt: at("2026-12-03T14:00:00Z") }, DEFAULT_ATTEMPT_RULES, window)).toEqual({
      next: at("2026-12-03T14:00:00Z"),
      because: "CALLBACK",
      agentReservedUntil: null,
    });
    // A call-back asked for on Saturday: at Monday's opening.
    const r = afterAttempt({ ...last, outcome: "CALLBACK", callbackAt: at("2026-12-05T12:00:00Z") }, DEFAULT_ATTEMPT_RULES, window);
    expect("next" in r && iso(r.next)).toBe("2026-12-07T08:00:00.000Z");
  });

  it("keeps an agent for repeat calls within 72 hours of an abandoned one", () => {
    const abandoned = at("2026-12-02T10:00:00Z");
    const r = afterAttempt({ outcome: "ABANDONED", at: abandoned, attempts: 1 }, DEFAULT_ATTEMPT_RULES, window);
    expect(r).toEqual({ next: at("2026-12-02T11:00:00Z"), because: "ABANDONED", agentReservedUntil: at("2026-12-05T10:00:00Z") });
    // Later attempts within the 72 hours still need one; after them, not.
    const busy = afterAttempt({ outcome: "BUSY", at: at("2026-12-02T11:00:00Z"), attempts: 2, lastAbandonedAt: abandoned }, DEFAULT_ATTEMPT_RULES, window);
    expect("next" in busy && busy.agentReservedUntil).toEqual(at("2026-12-05T10:00:00Z"));
    const late = afterAttempt({ outcome: "BUSY", at: at("2026-12-07T11:00:00Z"), attempts: 3, lastAbandonedAt: abandoned }, DEFAULT_ATTEMPT_RULES, window);
    expect("next" in late && late.agentReservedUntil).toBeNull();
  });

  it("schedules nothing after the campaign's end, or when the window never opens", () => {
    const endsAt = at("2026-12-02T12:00:00Z");
    expect(afterAttempt({ outcome: "NO_ANSWER", at: at("2026-12-02T11:30:00Z"), attempts: 1 }, DEFAULT_ATTEMPT_RULES, { ...window, endsAt })).toEqual({
      done: "NO_WINDOW",
    });
    const never: BusinessHours = { enabled: true, days: {}, holidays: [] };
    expect(afterAttempt({ outcome: "BUSY", at: at("2026-12-02T10:00:00Z"), attempts: 1 }, DEFAULT_ATTEMPT_RULES, { hours: never, timeZone: WAW })).toEqual({
      done: "NO_WINDOW",
    });
  });
});

describe("outcomeOfSipCode", () => {
  it("reads the network's final answer", () => {
    expect(outcomeOfSipCode(200)).toBeNull();
    expect(outcomeOfSipCode(486)).toBe("BUSY");
    expect(outcomeOfSipCode(480)).toBe("NO_ANSWER");
    expect(outcomeOfSipCode(487)).toBe("NO_ANSWER");
    expect(outcomeOfSipCode(404)).toBe("INVALID_NUMBER");
    expect(outcomeOfSipCode(484)).toBe("INVALID_NUMBER");
    expect(outcomeOfSipCode(503)).toBe("NETWORK_ERROR");
  });
});
