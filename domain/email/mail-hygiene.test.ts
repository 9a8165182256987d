import { describe, expect, it } from "vitest";
import { isBrokenMultipart, rawBody } from "./broken-mime.ts";
import { cleanDisplayName } from "./display-name.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("display names", () => {
  it("lose line breaks, NUL, control characters and bidi overrides", () => {
    expect(cleanDisplayName("Evil\r\nBcc: x\u0000Name")).toBe("Evil Bcc: x Name");
    expect(cleanDisplayName("  Anna \t Nowak ")).toBe("Anna Nowak");
    expect(cleanDisplayName("Bank \u202emoc.live")).toBe("Bank moc.live");
    expect(cleanDisplayName(null)).toBe("");
  });
});

describe("broken multipart mail", () => {
  const raw = bytes('Content-Type: multipart/alternative; boundary="a"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe words\r\n--b--\r\n');
  it("is a multipart that gave no part although its body has something", () => {
    expect(isBrokenMultipart({ contentType: "multipart/alternative", text: "", html: null, attachmentCount: 0 }, raw)).toBe(true);
    expect(isBrokenMultipart({ contentType: "multipart/alternative", text: "The words", html: null, attachmentCount: 0 }, raw)).toBe(false);
    expect(isBrokenMultipart({ contentType: "text/plain", text: "", html: null, attachmentCount: 0 }, raw)).toBe(false);
    expect(isBrokenMultipart({ contentType: "multipart/mixed", text: "", html: null, attachmentCount: 0 }, bytes("Subject: x\r\n\r\n  \r\n"))).toBe(false);
  });
  it("shows the raw body", () => {
    expect(rawBody(raw)).toContain("The words");
    expect(rawBody(bytes("Subject: only headers"))).toBe("");
  });
});
