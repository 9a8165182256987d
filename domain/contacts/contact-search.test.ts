import { describe, expect, it } from "vitest";
import { contactSearch, decodeCursor, encodeCursor, escapeLike } from "./contact-search.ts";

describe("contact search", () => {
  it("looks for every word of a name, in any order, lower-cased", () => {
    expect(contactSearch("  Kowalski   JAN ")).toMatchObject({ words: ["%kowalski%", "%jan%"], identity: "%kowalski   jan%", phoneDigits: null });
    expect(contactSearch("")).toBeNull();
    expect(contactSearch("   ")).toBeNull();
    expect(contactSearch(null)).toBeNull();
  });

  it("finds a phone however it is typed: spaces, dashes, +, 00 or a leading 0", () => {
    for (const typed of ["+48 601-234-567", "0048 601 234 567", "48601234567", "(48) 601.234.567"])
      expect(contactSearch(typed)?.phoneDigits).toBe("%48601234567%");
    expect(contactSearch("0601 234 567")?.phoneDigits).toBe("%601234567%");
    expect(contactSearch("12")?.phoneDigits).toBeNull();
    expect(contactSearch("jan 601")?.phoneDigits).toBeNull();
  });

  it("takes % _ and \\ literally", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(contactSearch("%")).toMatchObject({ words: ["%\\%%"], identity: "%\\%%" });
    expect(contactSearch("a_b@x.pl")?.identity).toBe("%a\\_b@x.pl%");
  });

  it("keeps a query to 100 characters", () => {
    expect(contactSearch("x".repeat(500))?.identity).toHaveLength(102);
  });
});

describe("directory cursor", () => {
  it("round-trips, and refuses anything it did not make", () => {
    const at = { lastContactAt: new Date("2026-12-04T10:00:00.123Z"), id: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" };
    expect(decodeCursor(encodeCursor(at))).toEqual(at);
    expect(decodeCursor("nonsense")).toBeNull();
    expect(decodeCursor(Buffer.from("2026-12-04T10:00:00Z|'; drop table").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("yesterday|0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b").toString("base64url"))).toBeNull();
  });
});
