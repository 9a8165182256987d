import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { DomainError } from "../domain/shared/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { maskError } from "./errors.ts";

const logged: string[] = [];
const log = { warn: (_: unknown, m: string) => logged.push(`warn ${m}`), error: (_: unknown, m: string) => logged.push(`error ${m}`) } as unknown as Logger;
/** As graphql-js hands a resolver's error to the mask: wrapped, with its path. */
const fromResolver = (e: Error) => new GraphQLError(e.message, { path: ["acceptOffer"], originalError: e });

describe("GraphQL errors, mapped as plain HTTP maps them", () => {
  it("a busy database is UNAVAILABLE / BUSY, as the widget's HTTP API says it, logged as a warning", () => {
    const e = maskError(log)(fromResolver(Object.assign(new Error("Unable to start a transaction in the given time."), { code: "P2028" }))) as GraphQLError;
    expect(e.extensions).toMatchObject({ code: "UNAVAILABLE", reason: "BUSY" });
    expect(e.path).toEqual(["acceptOffer"]);
    expect(logged.pop()).toMatch(/^warn/);
  });

  it("a domain error keeps its reason for the screen to say in words", () => {
    const e = maskError(log)(fromResolver(new DomainError("CONFLICT", "This offer is no longer yours", { reason: "OFFER_GONE" }))) as GraphQLError;
    expect(e.message).toBe("This offer is no longer yours");
    expect(e.extensions).toMatchObject({ code: "CONFLICT", reason: "OFFER_GONE" });
  });

  it("anything else is INTERNAL, logged as an error", () => {
    const e = maskError(log)(fromResolver(new Error("SELECT * FROM secrets failed"))) as GraphQLError;
    expect(e.extensions.code).toBe("INTERNAL");
    expect(e.message).not.toMatch(/secrets/);
    expect(logged.pop()).toMatch(/^error/);
  });
});
