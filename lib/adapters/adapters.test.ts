import { describe, expect, it } from "vitest";
import { memoryRateLimiter } from "./rate-limiter.ts";
import { aesSecretBox } from "./secret-box.ts";
import { hmacTokens } from "./tokens.ts";

describe("visitor tokens", () => {
  it("verify their own subject until they expire, and nothing forged", () => {
    let t = Date.parse("2026-11-22T10:00:00Z");
    const tokens = hmacTokens("x".repeat(32), () => new Date(t));
    const token = tokens.sign("visitor:abc", 60);
    expect(tokens.verify(token)).toBe("visitor:abc");
    expect(hmacTokens("y".repeat(32), () => new Date(t)).verify(token)).toBeNull();
    const [body] = token.split(".");
    const forged = `${Buffer.from("visitor:other|9999999999").toString("base64url")}.${token.split(".")[1]}`;
    expect(tokens.verify(forged)).toBeNull();
    expect(tokens.verify(`${body}.`)).toBeNull();
    t += 61_000;
    expect(tokens.verify(token)).toBeNull();
  });
});

describe("secret box", () => {
  it("seals and opens, and refuses tampering", () => {
    const box = aesSecretBox("x".repeat(32));
    const sealed = box.seal("identity-secret");
    expect(sealed).not.toContain("identity-secret");
    expect(box.open(sealed)).toBe("identity-secret");
    expect(() => box.open(`${sealed.slice(0, -2)}AA`)).toThrow();
  });
  it("digests under a key per scope and per server secret", () => {
    const box = aesSecretBox("x".repeat(32));
    const mac = box.mac("org-a", "1234");
    expect(mac).toMatch(/^[\w-]{43}$/);
    expect(box.mac("org-a", "1234")).toBe(mac);
    expect(box.mac("org-b", "1234")).not.toBe(mac);
    expect(aesSecretBox("y".repeat(32)).mac("org-a", "1234")).not.toBe(mac);
  });
});

describe("rate limiter", () => {
  it("allows a burst up to the limit, then refills with time", () => {
    let t = 0;
    const limiter = memoryRateLimiter(() => t);
    const takes = Array.from({ length: 5 }, () => limiter.take("k", 3));
    expect(takes).toEqual([true, true, true, false, false]);
    t += 20_000; // a third of a minute: one token back
    expect(limiter.take("k", 3)).toBe(true);
    expect(limiter.take("k", 3)).toBe(false);
    expect(limiter.take("other", 3)).toBe(true);
  });
});
