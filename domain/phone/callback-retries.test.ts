import { describe, expect, it } from "vitest";
import { callbackOutcome, failureOf, worthRetrying } from "./callback-retries.ts";

const outcome = (code: number, attempt = 1, retries = 2, answered = false) => callbackOutcome({ answered, code, attempt, retries });

describe("callbackOutcome", () => {
  it("tries again after busy, no answer, a decline or a network failure while tries are left", () => {
    for (const code of [486, 600, 408, 480, 487, 603, 500, 503]) expect(outcome(code), String(code)).toBe("RETRY");
    expect(outcome(486, 2, 2)).toBe("RETRY");
  });

  it("gives up after the last try", () => {
    expect(outcome(486, 3, 2)).toBe("FAILED");
    expect(outcome(480, 1, 0)).toBe("FAILED");
  });

  it("gives up at once on a number that cannot be reached this way", () => {
    for (const code of [404, 484, 410, 604, 403, 488]) expect(outcome(code), String(code)).toBe("FAILED");
  });

  it("leaves an answered call-back, and one we ended ourselves, alone", () => {
    expect(outcome(486, 1, 2, true)).toBe("NONE");
    expect(outcome(0)).toBe("NONE");
    expect(outcome(200)).toBe("NONE");
  });
});

describe("failureOf", () => {
  it("names the failure as the timeline does for calls out", () => {
    expect([486, 480, 603, 503, 404, 488].map(failureOf)).toEqual(["BUSY", "NO_ANSWER", "REJECTED", "NETWORK_ERROR", "NUMBER_UNKNOWN", "FAILED"]);
    expect(worthRetrying(404)).toBe(false);
  });
});
