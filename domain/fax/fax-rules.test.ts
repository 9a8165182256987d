import { describe, expect, it } from "vitest";
import { FAX_RETRY_MINUTES, MAX_FAX_ATTEMPTS, afterFaxAttempt, cleanIdent, faxState, keyedFaxNumber } from "./fax-rules";

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

describe("afterFaxAttempt", () => {
  const now = new Date("2026-12-06T10:00:00Z");
  const minutesLater = (v: ReturnType<typeof afterFaxAttempt>) => (v.state === "QUEUED" ? (v.retryAt.getTime() - now.getTime()) / 60_000 : null);

  it("sends once T.30 says every page went through", () => {
    expect(afterFaxAttempt({ kind: "fax", ok: true, pages: 3, reason: "" }, 1, now)).toEqual({ state: "SENT" });
  });

  it("tries a busy, silent or failing number again, later each time, and gives up after the last attempt", () => {
    const busy = { kind: "call", code: 486, words: "Busy Here" } as const;
    expect(minutesLater(afterFaxAttempt(busy, 1, now))).toBe(FAX_RETRY_MINUTES[0]);
    expect(minutesLater(afterFaxAttempt({ kind: "call", code: 408, words: "" }, 2, now))).toBe(FAX_RETRY_MINUTES[1]);
    expect(minutesLater(afterFaxAttempt({ kind: "call", code: 503, words: "Service Unavailable" }, 3, now))).toBe(FAX_RETRY_MINUTES[2]);
    expect(afterFaxAttempt(busy, MAX_FAX_ATTEMPTS, now)).toEqual({ state: "FAILED", reason: "the number was busy (486 Busy Here)" });
    // a fax that broke off is sent again whole
    const broke = afterFaxAttempt({ kind: "fax", ok: false, pages: 1, reason: "Disconnected after permission to send" }, 1, now);
    expect(broke).toMatchObject({ state: "QUEUED", reason: "broke off after 1 page(s): Disconnected after permission to send" });
  });

  it("fails at once where a retry cannot help", () => {
    expect(afterFaxAttempt({ kind: "call", code: 404, words: "Not Found" }, 1, now)).toEqual({
      state: "FAILED",
      reason: "the number does not exist (404 Not Found)",
    });
    expect(afterFaxAttempt({ kind: "call", code: 603, words: "Decline" }, 1, now).state).toBe("FAILED");
    expect(afterFaxAttempt({ kind: "document", reason: "the document is not a PDF" }, 1, now)).toEqual({
      state: "FAILED",
      reason: "the document could not be faxed: the document is not a PDF",
    });
  });
});

describe("keyedFaxNumber", () => {
  it("reads digits keyed on a telephone as a number: 00 international, else national after the prefix", () => {
    expect(keyedFaxNumber("00442075550703", "+48")).toBe("+442075550703");
    expect(keyedFaxNumber("225550701", "+48")).toBe("+48225550701");
    expect(keyedFaxNumber("02075550703", "+44")).toBe("+442075550703");
    expect(keyedFaxNumber("0612345678", "+39")).toBe("+390612345678");
    expect(keyedFaxNumber("84951234567", "+7")).toBe("+74951234567");
    expect(keyedFaxNumber("4951234567", "+7")).toBe("+74951234567");
    // nothing to put it after, too short, or not digits
    expect([keyedFaxNumber("225550701", null), keyedFaxNumber("12", "+48"), keyedFaxNumber("22*555", "+48"), keyedFaxNumber("", "+48")]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
