import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./http-sms-client.ts";

describe("retryAfterMs", () => {
  it("reads seconds or a date, 1 s when absent or unreadable, never more than 30 s or less than 0", () => {
    const now = Date.parse("2026-12-06T10:00:00Z");
    expect(retryAfterMs(null, now)).toBe(1000);
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("0.5", now)).toBe(500);
    expect(retryAfterMs("3600", now)).toBe(30_000);
    expect(retryAfterMs("Sun, 06 Dec 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Sun, 06 Dec 2026 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBe(1000);
  });
});
