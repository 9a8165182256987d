import { describe, expect, it } from "vitest";
import { parseRequestedTime, requestedTimeProblem } from "./callback-time.ts";

const NOW = new Date("2026-03-20T10:00:00Z");

describe("parseRequestedTime", () => {
  it("takes an instant with its zone as it is", () => {
    expect(parseRequestedTime("2026-03-21T09:30:00.000Z", "Europe/Warsaw")).toEqual(new Date("2026-03-21T09:30:00Z"));
    expect(parseRequestedTime("2026-03-21T11:30+02:00", "Europe/Warsaw")).toEqual(new Date("2026-03-21T09:30:00Z"));
  });

  it("reads a wall-clock time (a datetime-local field) on the organisation's clock, daylight saving included", () => {
    // Warsaw: UTC+1 in winter, UTC+2 from the last Sunday of March.
    expect(parseRequestedTime("2026-03-21T14:30", "Europe/Warsaw")).toEqual(new Date("2026-03-21T13:30:00Z"));
    expect(parseRequestedTime("2026-03-30T14:30", "Europe/Warsaw")).toEqual(new Date("2026-03-30T12:30:00Z"));
    expect(parseRequestedTime("2026-03-21 14:30:15", "Europe/London")).toEqual(new Date("2026-03-21T14:30:15Z"));
  });

  it("is nothing when empty (as soon as possible), and invalid when it is not a time", () => {
    expect(parseRequestedTime("", "Europe/Warsaw")).toBeNull();
    expect(parseRequestedTime(null, "Europe/Warsaw")).toBeNull();
    expect(parseRequestedTime("  ", "Europe/Warsaw")).toBeNull();
    for (const bad of ["tomorrow", "2026-02-30T10:00", "2026-03-21T25:00", "21.03.2026 14:30", "2026-03-21"])
      expect(parseRequestedTime(bad, "Europe/Warsaw"), bad).toBe("invalid");
  });
});

describe("requestedTimeProblem", () => {
  it("accepts now (with a minute of slack) up to 14 days ahead", () => {
    expect(requestedTimeProblem(new Date(NOW.getTime() - 30_000), NOW)).toBeNull();
    expect(requestedTimeProblem(new Date(NOW.getTime() + 3600_000), NOW)).toBeNull();
    expect(requestedTimeProblem(new Date(NOW.getTime() + 14 * 86_400_000), NOW)).toBeNull();
  });

  it("refuses the past and more than 14 days ahead", () => {
    expect(requestedTimeProblem(new Date(NOW.getTime() - 120_000), NOW)).toBe("past");
    expect(requestedTimeProblem(new Date(NOW.getTime() + 15 * 86_400_000), NOW)).toBe("too_far");
  });
});
