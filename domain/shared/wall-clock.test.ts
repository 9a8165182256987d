import { describe, expect, it } from "vitest";
import { localTimestamp, startOfDay } from "./wall-clock.ts";

describe("startOfDay", () => {
  it("finds midnight in the organisation's time zone", () => {
    expect(startOfDay("Europe/Warsaw", new Date("2026-11-22T10:00:00Z")).toISOString()).toBe("2026-11-21T23:00:00.000Z");
    expect(startOfDay("Europe/Warsaw", new Date("2026-07-01T23:30:00Z")).toISOString()).toBe("2026-07-01T22:00:00.000Z");
    expect(startOfDay("Europe/Moscow", new Date("2026-11-22T22:00:00Z")).toISOString()).toBe("2026-11-22T21:00:00.000Z");
  });
  it("handles the day clocks go forward", () => {
    expect(startOfDay("Europe/Warsaw", new Date("2026-03-29T12:00:00Z")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });
});

describe("a local timestamp", () => {
  it("is the organisation's clock, across a daylight-saving change", () => {
    expect(localTimestamp("Europe/Warsaw", new Date("2026-12-05T08:05:09Z"))).toBe("2026-12-05 09:05:09");
    expect(localTimestamp("Europe/Warsaw", new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02 00:30:00");
    expect(localTimestamp("UTC", new Date("2026-03-29T00:59:59Z"))).toBe("2026-03-29 00:59:59");
  });
});
