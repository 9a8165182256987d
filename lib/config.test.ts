import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("runs on embedded defaults with nothing set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: "127.0.0.1", databaseUrl: undefined, roles: ["web", "media", "worker"], seed: "demo" });
    expect(c.publicUrl).toBe("http://localhost:3000");
  });

  it("names every bad variable, and never echoes secrets", () => {
    try {
      loadConfig({ PORT: "70000", DATABASE_URL: "postgres://u:hunter2@", ROLES: "web,teleport", AUTH_SECRET: "short" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as Error).message;
      for (const name of ["PORT", "DATABASE_URL", "ROLES", "AUTH_SECRET"]) expect(text).toContain(`${name}:`);
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("short");
    }
  });

  it("reads the recordings disk minimum in MB and percent, 1 GB and 1% by default", () => {
    expect(loadConfig({}).recordingsMinFree).toEqual({ minFreeBytes: 1024 * 1024 * 1024, minFreePercent: 1 });
    expect(loadConfig({ RECORDINGS_MIN_FREE_MB: "200", RECORDINGS_MIN_FREE_PERCENT: "5" }).recordingsMinFree).toEqual({
      minFreeBytes: 200 * 1024 * 1024,
      minFreePercent: 5,
    });
    expect(() => loadConfig({ RECORDINGS_MIN_FREE_PERCENT: "95" })).toThrow(/RECORDINGS_MIN_FREE_PERCENT: must be at most 90/);
  });

  it("requires the shared parts when the product is split over processes", () => {
    expect(() => loadConfig({ ROLES: "web" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ROLES: "web", DATABASE_URL: "postgres://h/db" })).toThrow(/AUTH_SECRET/);
    expect(() => loadConfig({ ROLES: "web", DATABASE_URL: "postgres://h/db", AUTH_SECRET: "x".repeat(32) })).toThrow(/REDIS_URL/);
  });
});

describe("trusted origins", () => {
  it("trusts the loopback names when running locally, and only PUBLIC_URL (plus TRUSTED_ORIGINS) otherwise", () => {
    expect(loadConfig({ PORT: "3000" }).trustedOrigins).toEqual(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]);
    expect(loadConfig({ PUBLIC_URL: "https://cc.example.com/", TRUSTED_ORIGINS: "https://cc.example.pl" }).trustedOrigins).toEqual([
      "https://cc.example.com",
      "https://cc.example.pl",
    ]);
    expect(() => loadConfig({ TRUSTED_ORIGINS: "not a url" })).toThrow(/TRUSTED_ORIGINS/);
  });
});
