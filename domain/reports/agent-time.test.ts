import { describe, expect, it } from "vitest";
import { type StateSpan, agentTime, daysOf, holdSpans } from "./agent-time.ts";

const TZ = "Europe/Warsaw";
const at = (iso: string) => new Date(iso);
const span = (state: StateSpan["state"], from: string, to: string | null, pauseCodeId: string | null = null): StateSpan => ({
  userId: "a",
  state,
  pauseCodeId,
  startedAt: at(from),
  endedAt: to ? at(to) : null,
});

describe("the days of a period on the organisation's clock", () => {
  it("has a 23-hour day when the clocks go forward and a 25-hour one when they go back", () => {
    const spring = daysOf(TZ, at("2026-03-28T23:00:00Z"), at("2026-03-30T22:00:00Z"));
    expect(spring.map((d) => [d.date, (d.end.getTime() - d.start.getTime()) / 3_600_000])).toEqual([
      ["2026-03-29", 23],
      ["2026-03-30", 24],
    ]);
    const autumn = daysOf(TZ, at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z"));
    expect(autumn.map((d) => [d.date, (d.end.getTime() - d.start.getTime()) / 3_600_000])).toEqual([["2026-10-25", 25]]);
  });
});

describe("an agent's timesheet", () => {
  it("splits a shift across midnight by the organisation's days, with states, pauses by reason, talk and sessions", () => {
    // 22:00–02:00 Warsaw time (UTC+1 in December): Ready, a 30-minute lunch pause, Ready, signed out.
    const spans = [
      span("READY", "2026-12-01T21:00:00Z", "2026-12-01T22:30:00Z"),
      span("PAUSE", "2026-12-01T22:30:00Z", "2026-12-01T23:00:00Z", "lunch"),
      span("READY", "2026-12-01T23:00:00Z", "2026-12-02T01:00:00Z"),
      span("OFFLINE", "2026-12-02T01:00:00Z", null),
    ];
    const talks = [{ userId: "a", joinedAt: at("2026-12-01T22:50:00Z"), leftAt: at("2026-12-01T23:20:00Z") }];
    const [a] = agentTime({
      userIds: ["a"],
      spans,
      talks,
      from: at("2026-12-01T00:00:00Z"),
      to: at("2026-12-03T00:00:00Z"),
      now: at("2026-12-03T00:00:00Z"),
      timeZone: TZ,
    });
    const day1 = a.days.find((d) => d.date === "2026-12-01")!;
    const day2 = a.days.find((d) => d.date === "2026-12-02")!;
    expect(day1.states.READY / 3600).toBe(1.5); // 22:00–23:30 Warsaw
    expect(day1.pauses).toEqual({ lunch: 1800 });
    expect(day2.states.READY / 3600).toBe(2); // 00:00–02:00
    expect(day1.talk).toBe(600); // 23:50–00:20: ten minutes on the 1st...
    expect(day2.talk).toBe(1200); // ...and twenty on the 2nd (a call crossing midnight, counted once overall)
    expect(a.total.talk).toBe(1800);
    // One sign-in, counted on the day it began, four hours long, ending at 02:00.
    expect([day1.sessions, day2.sessions, a.total.sessions]).toEqual([1, 0, 1]);
    expect(a.total.longestSession).toBe(4 * 3600);
    expect(a.total.firstSignIn).toEqual(at("2026-12-01T21:00:00Z"));
    expect(a.total.lastSignOut).toEqual(at("2026-12-02T01:00:00Z"));
    expect(a.total.signedIn).toBe(4 * 3600);
    // Busy 30 of 210 minutes available; 30 of 240 signed in.
    expect(a.total.occupancy).toBeCloseTo(30 / 210);
    expect(a.total.utilisation).toBeCloseTo(30 / 240);
  });

  it("counts a state still going on until now, not until the end of the period", () => {
    const spans = [span("READY", "2026-12-04T08:00:00Z", null)];
    const [a] = agentTime({
      userIds: ["a"],
      spans,
      talks: [],
      from: at("2026-12-04T00:00:00Z"),
      to: at("2026-12-05T00:00:00Z"),
      now: at("2026-12-04T10:00:00Z"),
      timeZone: TZ,
    });
    expect(a.total.states.READY).toBe(2 * 3600);
    expect(a.total.lastSignOut).toBeNull(); // still signed in
    expect(a.total.sessions).toBe(1);
  });

  it("keeps sign-ins apart when the agent signed out between them, and clips at the period's edges", () => {
    const spans = [
      span("READY", "2026-12-04T06:00:00Z", "2026-12-04T07:00:00Z"),
      span("OFFLINE", "2026-12-04T07:00:00Z", "2026-12-04T08:00:00Z"),
      span("READY", "2026-12-04T08:00:00Z", "2026-12-04T08:30:00Z"),
      span("WRAP_UP", "2026-12-04T08:30:00Z", "2026-12-04T08:40:00Z"),
      span("OFFLINE", "2026-12-04T08:40:00Z", null),
    ];
    const [a] = agentTime({
      userIds: ["a"],
      spans,
      talks: [],
      from: at("2026-12-04T06:30:00Z"),
      to: at("2026-12-04T12:00:00Z"),
      now: at("2026-12-04T12:00:00Z"),
      timeZone: TZ,
    });
    expect(a.total.states.READY).toBe(30 * 60 + 30 * 60); // the first half hour is before the period
    expect(a.total.sessions).toBe(1); // the first sign-in began before the period
    expect(a.total.shortestSession).toBe(40 * 60);
    expect(a.total.states.WRAP_UP).toBe(600);
  });

  it("an agent with no history has empty days and no ratios", () => {
    const [a] = agentTime({
      userIds: ["a"],
      spans: [],
      talks: [],
      from: at("2026-12-01T00:00:00Z"),
      to: at("2026-12-02T00:00:00Z"),
      now: at("2026-12-04T00:00:00Z"),
      timeZone: TZ,
    });
    expect(a.total).toMatchObject({ signedIn: 0, sessions: 0, occupancy: null, utilisation: null, firstSignIn: null });
    expect(a.days.length).toBe(2); // 1 Dec 00:00 UTC is 01:00 in Warsaw: the 1st and the 2nd
  });

  it("counts hold from the agent's hold to the resume, or to their leaving the call, split at midnight", () => {
    const holds = holdSpans(
      [
        { interactionId: "i1", type: "resumed", agentId: "a", at: at("2026-12-01T22:57:00Z") },
        { interactionId: "i1", type: "held", agentId: "a", at: at("2026-12-01T22:55:00Z") },
        { interactionId: "i1", type: "held", agentId: "a", at: at("2026-12-01T22:58:00Z") },
        { interactionId: "i1", type: "held", agentId: "a", at: at("2026-12-01T22:59:00Z") }, // already on hold: no second hold
        { interactionId: "i2", type: "resumed", agentId: "a", at: at("2026-12-02T08:00:00Z") }, // nothing held: ignored
      ],
      new Map([["i1:a", at("2026-12-01T23:04:00Z")]]),
    );
    expect(holds).toEqual([
      { userId: "a", startedAt: at("2026-12-01T22:55:00Z"), endedAt: at("2026-12-01T22:57:00Z") },
      { userId: "a", startedAt: at("2026-12-01T22:58:00Z"), endedAt: at("2026-12-01T23:04:00Z") },
    ]);
    const [a] = agentTime({
      userIds: ["a"],
      spans: [],
      talks: [],
      holds,
      from: at("2026-12-01T00:00:00Z"),
      to: at("2026-12-03T00:00:00Z"),
      now: at("2026-12-03T00:00:00Z"),
      timeZone: TZ,
    });
    expect(a.days.map((d) => d.hold)).toEqual([240, 240, 0]); // 23:55–23:59 Warsaw, then 00:00–00:04
    expect(a.total.hold).toBe(480);
  });
});
