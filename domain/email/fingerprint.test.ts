import { describe, expect, it } from "vitest";
import { contentFingerprint, type FingerprintInput } from "./fingerprint.ts";

const mail = (over: Partial<FingerprintInput> = {}): FingerprintInput => ({
  messageId: "a@x",
  from: { address: "jan@customer.test", name: "Jan" },
  to: [{ address: "support@shop.test", name: "" }],
  cc: [],
  date: new Date("2026-11-22T10:00:00Z"),
  subject: "Order",
  text: "Where is it?",
  html: null,
  attachments: [],
  raw: new TextEncoder().encode("Received: by mx1\r\n\r\nWhere is it?"),
  parseError: null,
  ...over,
});

describe("content fingerprint", () => {
  it("is the same for the same mail however it was delivered", () => {
    const again = mail({ raw: new TextEncoder().encode("Received: by mx2\r\nDelivered-To: sales@shop.test\r\n\r\nWhere is it?") });
    expect(contentFingerprint(again)).toBe(contentFingerprint(mail()));
    expect(contentFingerprint(mail({ from: { address: "JAN@customer.test", name: "Jan N." } }))).toBe(contentFingerprint(mail()));
  });
  it("tells apart different mails that share a Message-ID", () => {
    expect(contentFingerprint(mail({ text: "Another question" }))).not.toBe(contentFingerprint(mail()));
    expect(contentFingerprint(mail({ subject: "Order 2" }))).not.toBe(contentFingerprint(mail()));
    const file = (b: number) => ({ fileName: "a.pdf", contentType: "application/pdf", bytes: new Uint8Array([b]) });
    expect(contentFingerprint(mail({ attachments: [file(1)] }))).not.toBe(contentFingerprint(mail({ attachments: [file(2)] })));
  });
  it("knows mail without a Message-ID by its content", () => {
    expect(contentFingerprint(mail({ messageId: null }))).toBe(contentFingerprint(mail({ messageId: null })));
    expect(contentFingerprint(mail({ messageId: null }))).not.toBe(contentFingerprint(mail()));
  });
  it("goes by the bytes of mail that could not be parsed", () => {
    const broken = (s: string) => mail({ parseError: "broken", raw: new TextEncoder().encode(s) });
    expect(contentFingerprint(broken("x"))).toBe(contentFingerprint(broken("x")));
    expect(contentFingerprint(broken("x"))).not.toBe(contentFingerprint(broken("y")));
  });
});
