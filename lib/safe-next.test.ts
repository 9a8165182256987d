import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next.ts";

describe("safeNext", () => {
  it("keeps paths on this site, with their query", () => {
    expect(safeNext("/ok/path?x=1")).toBe("/ok/path?x=1");
    expect(safeNext("/agent/cases/0190?search=a%20b%2F%2Fc#top")).toBe("/agent/cases/0190?search=a%20b%2F%2Fc#top");
  });

  it.each([
    "/%09/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\\evil.com",
    "/\\\\evil.com",
    "//evil.com",
    "/%2F/evil.com",
    "/%2f%2fevil.com",
    "/%5Cevil.com",
    "https://evil.com",
    "javascript:alert(1)",
    " /x",
    "/%E0%A4%A",
    "",
    undefined,
  ])("sends %j to the start page instead", (hostile) => {
    expect(safeNext(hostile)).toBe("/");
  });
});
