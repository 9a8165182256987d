import { describe, expect, it } from "vitest";
import { MAX_LEASE_MS, MIN_LEASE_MS, errorText, leaseMsFor, renewEveryMs, retryInMs } from "./schedule.ts";

describe("leases", () => {
  it("last three periods, at least 3 s and at most a minute", () => {
    expect(leaseMsFor(1000)).toBe(3000); // the wrap-up sweep: a dead node delays it 3 s, not 15
    expect(leaseMsFor(200)).toBe(MIN_LEASE_MS);
    expect(leaseMsFor(5000)).toBe(15_000);
    expect(leaseMsFor(3_600_000)).toBe(MAX_LEASE_MS); // an hourly job is not stuck for hours
  });

  it("are renewed three times per lease while a run lasts", () => {
    expect(renewEveryMs(3000)).toBe(1000);
    expect(renewEveryMs(60_000)).toBe(20_000);
    expect(renewEveryMs(900)).toBe(500);
  });
});

describe("when a node tries a job again", () => {
  const dbNow = new Date("2026-12-04T12:00:00.000Z");
  const at = (ms: number) => new Date(dbNow.getTime() + ms);

  it("waits for the cluster's next run, on the database's clock", () => {
    expect(retryInMs({ nextRunAt: at(700), leaseUntil: null, dbNow }, 1000)).toBe(700);
  });

  it("waits for a run in progress elsewhere to end or its lease to run out", () => {
    expect(retryInMs({ nextRunAt: at(200), leaseUntil: at(2500), dbNow }, 5000)).toBe(2500);
  });

  it("never waits more than a period (a run asked for now is seen in time) nor spins", () => {
    expect(retryInMs({ nextRunAt: at(3_600_000), leaseUntil: null, dbNow }, 60_000)).toBe(60_000);
    expect(retryInMs({ nextRunAt: at(-5000), leaseUntil: at(-1000), dbNow }, 1000)).toBe(50);
    expect(retryInMs({ nextRunAt: null, leaseUntil: null, dbNow }, 1000, 10)).toBe(10);
  });
});

describe("errors as operators read them", () => {
  it("keep the first line of the message, bounded", () => {
    expect(errorText(new Error("connection refused\n  at somewhere"))).toBe("connection refused");
    expect(errorText("plain")).toBe("plain");
    expect(errorText(new Error("x".repeat(900)))).toHaveLength(500);
    expect(errorText(new TypeError(""))).toBe("TypeError");
  });
});
