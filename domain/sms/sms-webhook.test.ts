import { describe, expect, it } from "vitest";
import { readSmsWebhook, receiptState, signSmsWebhook, verifySmsWebhook } from "./sms-webhook.ts";

const KEY = "whsec-test";
const enc = (s: string) => new TextEncoder().encode(s);
const NOW = 1_800_000_000_000;
const TS = NOW / 1000;

describe("verifySmsWebhook", () => {
  const body = enc(`{"type":"status","id":"m1","status":"delivered"}`);
  const signed = (ts = TS, b = body, key = KEY) => ({ timestamp: String(ts), signature: signSmsWebhook(key, ts, b) });

  it("takes a call signed with the key within five minutes, with or without the sha256= prefix", () => {
    expect(verifySmsWebhook(KEY, signed(), body, NOW)).toBeNull();
    expect(verifySmsWebhook(KEY, signed(TS - 299), body, NOW)).toBeNull();
    expect(verifySmsWebhook(KEY, { ...signed(), signature: `sha256=${signed().signature}` }, body, NOW)).toBeNull();
  });

  it("refuses another key, a changed body, a moved timestamp, an old or future call, and no signature", () => {
    expect(verifySmsWebhook(KEY, signed(TS, body, "other"), body, NOW)).toBe("BAD_SIGNATURE");
    expect(verifySmsWebhook(KEY, signed(), enc(`{"type":"status","id":"m1","status":"failed"}`), NOW)).toBe("BAD_SIGNATURE");
    expect(verifySmsWebhook(KEY, { ...signed(), timestamp: String(TS + 1) }, body, NOW)).toBe("BAD_SIGNATURE");
    expect(verifySmsWebhook(KEY, signed(TS - 301), body, NOW)).toBe("STALE");
    expect(verifySmsWebhook(KEY, signed(TS + 301), body, NOW)).toBe("STALE");
    expect(verifySmsWebhook(KEY, {}, body, NOW)).toBe("UNSIGNED");
    expect(verifySmsWebhook(KEY, { timestamp: "soon", signature: signed().signature }, body, NOW)).toBe("UNSIGNED");
    expect(verifySmsWebhook(KEY, { timestamp: String(TS), signature: "abc" }, body, NOW)).toBe("UNSIGNED");
    expect(verifySmsWebhook("", signed(), body, NOW)).toBe("UNSIGNED");
  });
});

describe("readSmsWebhook", () => {
  it("reads a customer's text and a report in the provider's words", () => {
    expect(readSmsWebhook(enc(`{"type":"inbound","id":"in-1","from":"+48600100200","to":"+48221230000","text":"Dzień dobry\\u0000"}`))).toEqual({
      kind: "inbound",
      text: { providerId: "in-1", from: "+48600100200", to: "+48221230000", text: "Dzień dobry" },
    });
    expect(readSmsWebhook(enc(`{"type":"status","id":"m1","status":"undelivered","error":"absent subscriber"}`))).toEqual({
      kind: "receipt",
      receipt: { partId: "m1", state: "FAILED", detail: "undelivered: absent subscriber" },
    });
    expect(readSmsWebhook(enc(`{"type":"status","id":7,"status":"delivered"}`))).toBe("MALFORMED");
  });

  it("calls a body it cannot read malformed", () => {
    for (const b of ["", "null", "[]", `{"type":"other","id":"1"}`, `{"type":"inbound","id":"1"}`, "{"]) expect(readSmsWebhook(enc(b))).toBe("MALFORMED");
    expect(readSmsWebhook(new Uint8Array([0x7b, 0xff, 0x7d]))).toBe("MALFORMED");
  });

  it("maps providers' status words onto part states", () => {
    expect(["delivered", "DELIVRD"].map(receiptState)).toEqual(["DELIVERED", "DELIVERED"]);
    expect(["failed", "undelivered", "rejected", "expired"].map(receiptState)).toEqual(["FAILED", "FAILED", "FAILED", "FAILED"]);
    expect(["sent", "accepted", "queued", "whatever"].map(receiptState)).toEqual(["ACCEPTED", "ACCEPTED", "PENDING", "PENDING"]);
  });
});
