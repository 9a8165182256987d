// What an HTTP SMS provider may tell us, and how we know it was the provider: a webhook is signed
// with HMAC-SHA256 over "<timestamp>.<raw body>" with the account's webhook key (hex, in
// X-Signature; a "sha256=" prefix is allowed), its timestamp (Unix seconds, X-Timestamp) at most
// five minutes from our clock. Anyone can reach the URL; only the key makes a call count, and an
// old call replayed is refused by its time (a repeat inside the window is harmless: texts are
// stored once by their id, and a receipt applied twice changes nothing).
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { IncomingSmsText, SmsPartState, SmsReceipt } from "./sms-provider.ts";

export const SMS_WEBHOOK_PATH = "/api/sms/webhook/";
/** Where an account's provider sends its webhooks (shown to the admin, sent with each message). */
export const smsWebhookUrl = (publicUrl: string, accountId: string) => `${publicUrl}${SMS_WEBHOOK_PATH}${accountId}`;

export const WEBHOOK_MAX_SKEW_SECONDS = 300;
export const WEBHOOK_MAX_BYTES = 64 * 1024;

export type SmsWebhookEvent = { kind: "inbound"; text: IncomingSmsText } | { kind: "receipt"; receipt: SmsReceipt };

export type SmsWebhookRefusal = "UNSIGNED" | "BAD_SIGNATURE" | "STALE" | "MALFORMED";

/** The signature a provider (or our test provider) puts on a webhook. */
export function signSmsWebhook(key: string, timestamp: number, rawBody: Uint8Array | string): string {
  return createHmac("sha256", key).update(`${timestamp}.`).update(rawBody).digest("hex");
}

/** Whether the call was signed with `key` within the allowed skew of `nowMs`. */
export function verifySmsWebhook(
  key: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: Uint8Array,
  nowMs: number,
): SmsWebhookRefusal | null {
  const ts = (headers.timestamp ?? "").trim();
  const given = (headers.signature ?? "").trim().replace(/^sha256=/i, "");
  if (!key || !/^\d{1,12}$/.test(ts) || !/^[0-9a-f]{64}$/i.test(given)) return "UNSIGNED";
  const want = Buffer.from(signSmsWebhook(key, Number(ts), rawBody), "hex");
  if (!timingSafeEqual(Buffer.from(given, "hex"), want)) return "BAD_SIGNATURE";
  // Checked after the signature, so that the time cannot be changed without the key.
  if (Math.abs(nowMs / 1000 - Number(ts)) > WEBHOOK_MAX_SKEW_SECONDS) return "STALE";
  return null;
}

const id = z.string().trim().min(1).max(120);
const address = z.string().trim().min(1).max(32);
const body = z.discriminatedUnion("type", [
  z.object({ type: z.literal("inbound"), id, from: address, to: address, text: z.string().max(20_000) }),
  z.object({ type: z.literal("status"), id, status: z.string().trim().min(1).max(40), error: z.string().max(500).optional() }),
]);

/** A verified call's body as an event, or MALFORMED (the provider is told, and it is logged). */
export function readSmsWebhook(rawBody: Uint8Array): SmsWebhookEvent | "MALFORMED" {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(rawBody));
  } catch {
    return "MALFORMED";
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return "MALFORMED";
  const e = parsed.data;
  if (e.type === "inbound") return { kind: "inbound", text: { providerId: e.id, from: e.from, to: e.to, text: e.text.replace(/\0/g, "") } };
  const state = receiptState(e.status);
  const detail = state === "FAILED" ? [e.status, e.error].filter(Boolean).join(": ") : e.status;
  return { kind: "receipt", receipt: { partId: e.id, state, detail } };
}

/** Providers' words for a message's fate, as our part states. */
export function receiptState(status: string): SmsPartState {
  const s = status.toLowerCase();
  if (s === "delivered" || s === "delivrd") return "DELIVERED";
  if (["failed", "undelivered", "undeliverable", "undeliv", "rejected", "rejectd", "expired", "deleted", "canceled", "cancelled"].includes(s)) return "FAILED";
  if (["sent", "accepted", "acceptd", "buffered"].includes(s)) return "ACCEPTED";
  return "PENDING";
}
