import { describe, expect, it } from "vitest";
import { registerRetryDelayMs } from "./register-retry.ts";

describe("registerRetryDelayMs", () => {
  it("starts at 5 s and doubles up to 5 minutes, for ever", () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 100].map((n) => registerRetryDelayMs(n, mid))).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it("spreads by ±20 %", () => {
    expect(registerRetryDelayMs(0, () => 0)).toBe(4000);
    expect(registerRetryDelayMs(0, () => 0.999_999)).toBe(6000);
    expect(registerRetryDelayMs(9, () => 0)).toBe(240_000);
  });
});
