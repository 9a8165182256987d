import { describe, expect, it } from "vitest";
import { pastMidnight } from "./new-day.ts";

const orgs = [
  { id: "warsaw", timezone: "Europe/Warsaw" },
  { id: "london", timezone: "Europe/London" },
  { id: "tokyo", timezone: "Asia/Tokyo" },
];
const at = (iso: string) => new Date(iso);

describe("pastMidnight", () => {
  it("names the organisations whose midnight fell since the last look", () => {
    // 23:00 UTC on 5 Dec is midnight in Warsaw (UTC+1); London is still at 23:00.
    expect(pastMidnight(orgs, at("2026-12-05T22:59:40Z"), at("2026-12-05T23:00:10Z"))).toEqual(["warsaw"]);
    expect(pastMidnight(orgs, at("2026-12-05T23:59:50Z"), at("2026-12-06T00:00:20Z"))).toEqual(["london"]);
    expect(pastMidnight(orgs, at("2026-12-05T14:59:50Z"), at("2026-12-05T15:00:00Z"))).toEqual(["tokyo"]);
  });

  it("names nobody between midnights, and a midnight exactly at the last look is not passed again", () => {
    expect(pastMidnight(orgs, at("2026-12-05T10:00:00Z"), at("2026-12-05T10:00:30Z"))).toEqual([]);
    expect(pastMidnight(orgs, at("2026-12-05T23:00:00Z"), at("2026-12-05T23:00:30Z"))).toEqual([]);
  });

  it("a look delayed past several hours still names each once", () => {
    expect(pastMidnight(orgs, at("2026-12-05T22:00:00Z"), at("2026-12-06T01:00:00Z")).sort()).toEqual(["london", "warsaw"]);
  });

  it("the clocks going back (Warsaw, 25 October 2026) change nothing: midnight is once", () => {
    expect(pastMidnight(orgs, at("2026-10-24T21:59:50Z"), at("2026-10-24T22:00:10Z"))).toEqual(["warsaw"]);
    expect(pastMidnight(orgs, at("2026-10-24T22:59:50Z"), at("2026-10-24T23:00:10Z"))).toEqual(["london"]); // still summer time there
    // The next midnight comes 25 hours later in Warsaw (the day has 25 hours).
    expect(pastMidnight(orgs, at("2026-10-25T22:59:50Z"), at("2026-10-25T23:00:10Z"))).toEqual(["warsaw"]);
  });
});
