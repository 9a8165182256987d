import { describe, expect, it } from "vitest";
import { tokenBucket } from "./token-bucket.ts";

describe("tokenBucket", () => {
  it("lets a burst through, then spaces sends at the rate", () => {
    const b = tokenBucket(10, 2);
    expect([b.wait(0), b.wait(0)]).toEqual([0, 0]);
    expect(b.wait(0)).toBe(100);
    expect(b.wait(0)).toBe(200);
    // A second later the bucket has refilled (to its burst, no more).
    expect([b.wait(1000), b.wait(1000), b.wait(1000)]).toEqual([0, 0, 100]);
  });

  it("over a second of steady sending keeps to the rate", () => {
    const b = tokenBucket(45);
    let t = 0;
    let sent = 0;
    while (t < 10_000) {
      t += b.wait(t);
      sent++;
    }
    expect(sent / 10).toBeGreaterThanOrEqual(44);
    expect(sent / 10).toBeLessThanOrEqual(46);
  });
});
