import { describe, expect, it } from "vitest";
import { instantAt, nextSendTime, presetPeriod } from "./report-schedule.ts";

const WAW = "Europe/Warsaw";
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("instantAt", () => {
  it("reads the organisation's clock in winter and summer", () => {
    expect(iso(instantAt(WAW, { year: 2026, month: 1, day: 15 }, 7))).toBe("2026-01-15T06:00:00.000Z");
    expect(iso(instantAt(WAW, { year: 2026, month: 6, day: 15 }, 7))).toBe("2026-06-15T05:00:00.000Z");
  });
  it("takes the hour after a skipped one, and the first of a repeated one", () => {
    expect(iso(instantAt(WAW, { year: 2026, month: 3, day: 29 }, 2))).toBe("2026-03-29T01:00:00.000Z"); // 03:00 CEST
    expect(iso(instantAt(WAW, { year: 2026, month: 10, day: 25 }, 2))).toBe("2026-10-25T00:00:00.000Z"); // the first 02:00
    expect(iso(instantAt("America/New_York", { year: 2026, month: 3, day: 8 }, 3))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(instantAt("America/New_York", { year: 2026, month: 3, day: 8 }, 2))).toBe("2026-03-08T07:00:00.000Z");
  });
});

describe("nextSendTime", () => {
  it("sends daily at the hour, later today or tomorrow", () => {
    const rule = { schedule: "DAILY", sendHour: 7 } as const;
    expect(iso(nextSendTime(rule, WAW, new Date("2026-01-15T05:59:00Z")))).toBe("2026-01-15T06:00:00.000Z");
    expect(iso(nextSendTime(rule, WAW, new Date("2026-01-15T06:00:00Z")))).toBe("2026-01-16T06:00:00.000Z");
  });
  it("keeps the hour on the clock across daylight-saving changes", () => {
    const rule = { schedule: "DAILY", sendHour: 7 } as const;
    expect(iso(nextSendTime(rule, WAW, new Date("2026-03-28T06:00:00Z")))).toBe("2026-03-29T05:00:00.000Z");
    expect(iso(nextSendTime(rule, WAW, new Date("2026-10-24T05:00:00Z")))).toBe("2026-10-25T06:00:00.000Z");
    // Midnight on the day clocks go back, from the repeated hour's second pass.
    expect(iso(nextSendTime({ schedule: "DAILY", sendHour: 0 }, WAW, new Date("2026-10-25T01:30:00Z")))).toBe("2026-10-25T23:00:00.000Z");
  });
  it("sends weekly on the weekday", () => {
    // 2026-12-04 is a Friday; Monday is 1.
    const rule = { schedule: "WEEKLY", weekday: 1, sendHour: 8 } as const;
    expect(iso(nextSendTime(rule, WAW, new Date("2026-12-04T12:00:00Z")))).toBe("2026-12-07T07:00:00.000Z");
    expect(iso(nextSendTime({ ...rule, weekday: 5 }, WAW, new Date("2026-12-04T12:00:00Z")))).toBe("2026-12-11T07:00:00.000Z");
  });
  it("sends monthly on the day, or the month's last day when it is shorter", () => {
    const rule = { schedule: "MONTHLY", monthDay: 31, sendHour: 6 } as const;
    expect(iso(nextSendTime(rule, WAW, new Date("2027-01-31T06:00:00Z")))).toBe("2027-02-28T05:00:00.000Z");
    expect(iso(nextSendTime(rule, WAW, new Date("2027-02-28T05:00:00Z")))).toBe("2027-03-31T04:00:00.000Z");
    expect(iso(nextSendTime({ ...rule, monthDay: 1 }, WAW, new Date("2026-12-04T12:00:00Z")))).toBe("2027-01-01T05:00:00.000Z");
  });
  it("is null when not scheduled", () => {
    expect(nextSendTime({ schedule: "NONE", sendHour: 7 }, WAW, new Date())).toBeNull();
  });
});

describe("presetPeriod", () => {
  const now = new Date("2026-12-04T12:00:00Z"); // Friday
  const p = (preset: Parameters<typeof presetPeriod>[0], at = now, tz = WAW) => {
    const r = presetPeriod(preset, tz, at);
    return [r.from.toISOString(), r.to.toISOString()];
  };
  it("gives whole days on the organisation's clock", () => {
    expect(p("YESTERDAY")).toEqual(["2026-12-02T23:00:00.000Z", "2026-12-03T23:00:00.000Z"]);
    expect(p("LAST_7_DAYS")).toEqual(["2026-11-26T23:00:00.000Z", "2026-12-03T23:00:00.000Z"]);
    expect(p("LAST_WEEK")).toEqual(["2026-11-22T23:00:00.000Z", "2026-11-29T23:00:00.000Z"]);
    expect(p("LAST_MONTH")).toEqual(["2026-10-31T23:00:00.000Z", "2026-11-30T23:00:00.000Z"]);
    expect(p("THIS_MONTH")).toEqual(["2026-11-30T23:00:00.000Z", "2026-12-04T12:00:00.000Z"]);
  });
  it("spans a daylight-saving change and a year's end", () => {
    expect(p("LAST_MONTH", new Date("2026-11-02T10:00:00Z"))).toEqual(["2026-09-30T22:00:00.000Z", "2026-10-31T23:00:00.000Z"]);
    expect(p("LAST_MONTH", new Date("2027-01-10T10:00:00Z"))).toEqual(["2026-11-30T23:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
    // On a Monday, last week is the week before.
    expect(p("LAST_WEEK", new Date("2026-12-07T10:00:00Z"))).toEqual(["2026-11-29T23:00:00.000Z", "2026-12-06T23:00:00.000Z"]);
  });
});
