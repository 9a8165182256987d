import { describe, expect, it } from "vitest";
import { DomainError } from "../domain/shared/errors.ts";
import { clientError } from "./client-error.ts";

describe("what a client is told of an error", () => {
  it("a domain error keeps its code, words and reason, with its HTTP status", () => {
    const e = clientError(new DomainError("CONFLICT", "This offer is no longer yours", { reason: "OFFER_GONE" }));
    expect(e).toMatchObject({ status: 409, body: { code: "CONFLICT", message: "This offer is no longer yours", reason: "OFFER_GONE" }, log: "none" });
    expect(clientError(new DomainError("LIMIT_EXCEEDED", "too big", { reason: "BODY_TOO_LARGE" })).status).toBe(413);
    expect(clientError(new DomainError("LIMIT_EXCEEDED", "slow down", { reason: "TOO_FAST" })).status).toBe(429);
  });

  it("a database too busy to start the work is 'busy, try again', with a pause to wait", () => {
    for (const err of [
      Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }),
      Object.assign(new Error("Transaction failed due to a write conflict or a deadlock. Please retry your transaction"), { code: "P2034" }),
      new Error("timeout exceeded when trying to connect"),
      // A deadlock or serialisation failure that outlived its retries (PostgreSQL's own codes).
      Object.assign(new Error("deadlock detected"), { code: "40P01" }),
      Object.assign(new Error("x"), { meta: { code: "40001" } }),
    ]) {
      const e = clientError(err);
      expect(e).toMatchObject({ status: 503, body: { code: "UNAVAILABLE", reason: "BUSY" }, headers: { "retry-after": "2" }, log: "warn" });
    }
  });

  it("anything else is INTERNAL and says nothing of what failed", () => {
    const e = clientError(new Error('relation "secret_table" does not exist at /srv/app/x.ts:12'));
    expect(e.status).toBe(500);
    expect(e.body.code).toBe("INTERNAL");
    expect(JSON.stringify(e.body)).not.toMatch(/secret_table|\/srv/);
    expect(e.log).toBe("error");
  });
});
