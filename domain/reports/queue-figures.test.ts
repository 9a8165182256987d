import { describe, expect, it } from "vitest";
import { ZERO, add, figuresOf, intervalKey, intervalsOf } from "./queue-figures.ts";

const TZ = "Europe/Warsaw";
const at = (iso: string) => new Date(iso);

describe("rates and averages", () => {
  it("leaves short abandons out of the service level and the abandon rate", () => {
    // 10 offered: 6 answered (4 within the target), 4 abandoned of which 2 within 5 s.
    const f = figuresOf({
      ...ZERO,
      offered: 10,
      answered: 6,
      answeredInSl: 4,
      abandoned: 4,
      shortAbandoned: 2,
      answeredWaitSeconds: 60,
      waitSeconds: 100,
      talkSeconds: 600,
      offers: 13,
    });
    expect(f.serviceLevel).toBe(4 / 8);
    expect(f.abandonRate).toBe(2 / 8);
    expect(f.asa).toBe(10);
    expect(f.averageWait).toBe(10);
    expect(f.averageTalk).toBe(100);
    expect(f.offersPerCall).toBe(1.3);
  });

  it("has no rates without calls, and sums keep the longest wait", () => {
    expect(figuresOf(ZERO)).toMatchObject({ serviceLevel: null, abandonRate: null, asa: null, averageTalk: null });
    expect(add({ ...ZERO, offered: 1, waitMax: 30 }, { ...ZERO, offered: 2, waitMax: 12 })).toMatchObject({ offered: 3, waitMax: 30 });
  });
});

describe("report intervals on the organisation's clock", () => {
  it("a day has 23 hours when the clocks go forward and 25 when they go back", () => {
    const spring = intervalsOf("HOUR", TZ, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"));
    expect(spring).toHaveLength(23);
    const autumn = intervalsOf("HOUR", TZ, at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z"));
    expect(autumn).toHaveLength(25);
    // The hour from 02:00 repeats: two rows, one hour apart.
    expect(autumn.slice(2, 4).map((i) => i.start.toISOString())).toEqual(["2026-10-25T00:00:00.000Z", "2026-10-25T01:00:00.000Z"]);
    expect(
      intervalsOf("DAY", TZ, at("2026-10-24T22:00:00Z"), at("2026-10-26T23:00:00Z")).map((d) => [d.key, (d.end.getTime() - d.start.getTime()) / 3_600_000]),
    ).toEqual([
      ["2026-10-25", 25],
      ["2026-10-26", 24],
    ]);
  });

  it("a quarter hour after midnight belongs to the new day, weeks begin on Monday, months by the local date", () => {
    expect(intervalKey("DAY", TZ, at("2026-12-01T23:00:00Z"))).toBe("2026-12-02");
    expect(intervalKey("DAY", TZ, at("2026-12-01T22:45:00Z"))).toBe("2026-12-01");
    expect(intervalKey("WEEK", TZ, at("2026-12-06T12:00:00Z"))).toBe("2026-11-30");
    expect(intervalKey("MONTH", TZ, at("2026-11-30T23:15:00Z"))).toBe("2026-12");
  });

  it("cuts the first and last interval at the period's ends", () => {
    const weeks = intervalsOf("WEEK", TZ, at("2026-12-02T23:00:00Z"), at("2026-12-09T23:00:00Z"));
    expect(weeks.map((w) => [w.key, w.start.toISOString(), w.end.toISOString()])).toEqual([
      ["2026-11-30", "2026-12-02T23:00:00.000Z", "2026-12-06T23:00:00.000Z"],
      ["2026-12-07", "2026-12-06T23:00:00.000Z", "2026-12-09T23:00:00.000Z"],
    ]);
  });

  it("works in zones a quarter hour off the hour", () => {
    const hours = intervalsOf("HOUR", "Asia/Kathmandu", at("2026-12-01T18:15:00Z"), at("2026-12-01T20:15:00Z"));
    expect(hours.map((h) => h.start.toISOString())).toEqual(["2026-12-01T18:15:00.000Z", "2026-12-01T19:15:00.000Z"]);
  });
});
