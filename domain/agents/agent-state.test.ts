import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors.ts";
import { checkStateRequest, isSameState, timeInStates } from "./agent-state.ts";

const codes = new Set(["p1"]);

describe("checkStateRequest", () => {
  it("accepts PAUSE with an active pause code", () => {
    expect(checkStateRequest({ state: "PAUSE", pauseCodeId: "p1" }, codes)).toEqual({ state: "PAUSE", pauseCodeId: "p1" });
  });
  it("refuses PAUSE without a reason, or with an archived one", () => {
    expect(() => checkStateRequest({ state: "PAUSE" }, codes)).toThrow(DomainError);
    expect(() => checkStateRequest({ state: "PAUSE", pauseCodeId: "gone" }, codes)).toThrow(/not available/);
  });
  it("refuses a pause code on any other state", () => {
    expect(() => checkStateRequest({ state: "READY", pauseCodeId: "p1" }, codes)).toThrow(/Only PAUSE/);
  });
  it("treats a repeated request as the same state", () => {
    expect(isSameState({ state: "PAUSE", pauseCodeId: "p1" }, { state: "PAUSE", pauseCodeId: "p1" })).toBe(true);
    expect(isSameState({ state: "PAUSE", pauseCodeId: "p1" }, { state: "PAUSE", pauseCodeId: "p2" })).toBe(false);
  });
});

describe("timeInStates", () => {
  const t = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 22, h, m));
  it("clips intervals to the window and runs open ones until now", () => {
    const totals = timeInStates(
      [
        { state: "READY", startedAt: t(7), endedAt: t(9) }, // starts before the window
        { state: "PAUSE", startedAt: t(9), endedAt: t(9, 15) },
        { state: "READY", startedAt: t(9, 15), endedAt: null }, // still open
      ],
      t(8),
      t(24),
      t(10),
    );
    expect(totals.READY).toBe(60 * 60_000 + 45 * 60_000);
    expect(totals.PAUSE).toBe(15 * 60_000);
    expect(totals.OFFLINE).toBe(0);
  });
});
