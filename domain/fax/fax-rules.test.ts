import { describe, expect, it } from "vitest";
import { cleanIdent, faxState } from "./fax-rules";

describe("faxState", () => {
  it("tells a whole fax from a partial one and from nothing", () => {
    expect(faxState({ ok: true, pages: 3 })).toBe("RECEIVED");
    expect(faxState({ ok: false, pages: 2 })).toBe("PARTIAL");
    expect(faxState({ ok: false, pages: 0 })).toBe("FAILED");
    // T.30 may end "OK" with no page (a poll with nothing to send): nothing arrived
    expect(faxState({ ok: true, pages: 0 })).toBe("FAILED");
  });
});

describe("cleanIdent", () => {
  it("keeps the sender's ident printable and short", () => {
    expect(cleanIdent("  +48 22 000 00 01  ")).toBe("+48 22 000 00 01");
    expect(cleanIdent("\u0000AB\u0007C")).toBe("ABC");
    expect(cleanIdent("x".repeat(60))).toHaveLength(40);
  });
});
