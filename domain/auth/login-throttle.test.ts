import { describe, expect, it } from "vitest";
import { afterFailure, lockedForSeconds, normalizeLogin } from "./login-throttle.ts";

const policy = { maxFailures: 3, windowMinutes: 15, lockMinutes: 10 };
const at = (min: number) => new Date(Date.UTC(2026, 10, 22, 8, min));

describe("login lockout", () => {
  it("locks on the Nth failure within the window, for lockMinutes", () => {
    let r = afterFailure(null, at(0), policy);
    r = afterFailure(r, at(1), policy);
    expect(r.justLocked).toBe(false);
    r = afterFailure(r, at(2), policy);
    expect(r.justLocked).toBe(true);
    expect(lockedForSeconds(r, at(2))).toBe(600);
    expect(lockedForSeconds(r, at(12))).toBe(0);
  });

  it("forgets failures older than the window", () => {
    let r = afterFailure(null, at(0), policy);
    r = afterFailure(r, at(1), policy);
    r = afterFailure(r, at(20), policy);
    expect(r.justLocked).toBe(false);
    expect(r.failures).toBe(1);
  });

  it("counts logins case- and space-insensitively", () => {
    expect(normalizeLogin("  Agent1 ")).toBe("agent1");
  });
});
