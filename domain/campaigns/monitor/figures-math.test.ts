import { describe, expect, it } from "vitest";
import { abandonPercent, attemptsLeft, capLevel, hourBuckets } from "./figures-math.ts";

describe("campaign monitor arithmetic", () => {
  it("divides abandoned by person-answered calls, none before anyone answered", () => {
    expect(abandonPercent(0, 0)).toBeNull();
    expect(abandonPercent(3, 100)).toBe(3);
    expect(abandonPercent(1, 3)).toBe(33.33);
    expect(abandonPercent(2, 70)).toBe(2.86);
  });

  it("says how a rate stands against the cap", () => {
    expect(capLevel(null, 3)).toBe("NONE");
    expect(capLevel(1.5, 3)).toBe("OK");
    expect(capLevel(2.7, 3)).toBe("NEAR");
    expect(capLevel(3, 3)).toBe("NEAR");
    expect(capLevel(3.01, 3)).toBe("OVER");
  });

  it("gives every hour up to now, adds a repeated hour, and drops hours out of range", () => {
    const hours = hourBuckets(
      [
        { hour: 9, dialled: 50, personAnswered: 20, abandoned: 1 },
        { hour: 2, dialled: 3, personAnswered: 1, abandoned: 0 },
        { hour: 2, dialled: 2, personAnswered: 1, abandoned: 1 },
        { hour: 23, dialled: 9, personAnswered: 9, abandoned: 9 },
      ],
      10,
    );
    expect(hours).toHaveLength(11);
    expect(hours[0]).toEqual({ hour: 0, dialled: 0, personAnswered: 0, abandoned: 0, abandonPercent: null });
    expect(hours[2]).toEqual({ hour: 2, dialled: 5, personAnswered: 2, abandoned: 1, abandonPercent: 50 });
    expect(hours[9]!.abandonPercent).toBe(5);
    expect(hourBuckets([], -1)).toHaveLength(1);
  });

  it("counts the calls left, never below none", () => {
    expect(attemptsLeft(5, 7, 3)).toBe(8);
    expect(attemptsLeft(2, 9, 3)).toBe(0);
  });
});
