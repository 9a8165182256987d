// Pure rules of the SMS channel that the use-cases share: how an address is kept, what an
// incoming message with parts missing reads as, and what a sent message's receipts add up to.
import { joinParts } from "./sms-text.ts";

/**
 * An address as stored: a number in E.164 with "+" (SMPP carries international numbers without
 * it; national ones as they came), or a sender name (letters) as it is.
 */
export function smsAddress(raw: string): string {
  const a = raw.trim();
  if (/[a-z]/i.test(a)) return a.slice(0, 11);
  const digits = a.replace(/\D/g, "");
  if (!digits) return "";
  if (a.startsWith("+") || a.startsWith("00")) return `+${digits.replace(/^00/, "")}`;
  // Long enough to carry a country code (the SMSC sent it as international, without "+").
  return digits.length >= 11 ? `+${digits}` : digits;
}

/** A number the customer can be texted back at (a sender name cannot be answered). */
export const isReplyable = (address: string) => /^\+?\d{3,}$/.test(address);

/** Parts one reply may take: a typed answer longer than this is a mistake, and each part costs. */
export const MAX_REPLY_PARTS = 10;

export const GAP = " […] ";

/**
 * The text of a long message of which some parts never came: the runs of parts that did are
 * joined (by their bytes, sms-text.ts) and a gap marks each missing stretch; `missing` lists them.
 */
export function joinArrived(parts: { seq: number; payload: Uint8Array }[], total: number, dataCoding: number): { text: string; missing: number[] } {
  const bySeq = new Map(parts.map((p) => [p.seq, p]));
  const missing: number[] = [];
  // Runs of the text that came, and null where a stretch of parts is missing.
  const pieces: (string | null)[] = [];
  let run: { seq: number; payload: Uint8Array }[] = [];
  for (let seq = 1; seq <= total + 1; seq++) {
    const p = bySeq.get(seq);
    if (p && seq <= total) {
      run.push(p);
      continue;
    }
    if (run.length) pieces.push(joinParts(run, dataCoding));
    run = [];
    if (seq > total) break;
    if (pieces.at(-1) !== null) pieces.push(null);
    missing.push(seq);
  }
  if (!missing.length) return { text: pieces.join(""), missing };
  return { text: pieces.map((t) => (t === null ? GAP.trim() : t.trim())).join(" "), missing };
}

export type SentPartState = "SUBMITTED" | "DELIVERED" | "FAILED" | "ACCEPTED" | "PENDING";

/**
 * A sent message's state from its parts' receipts: failed if any part failed (with that part's
 * reason), delivered once every part is, sent until then.
 */
export function sentMessageState(
  parts: number,
  states: { seq: number; state: string; detail: string }[],
): { state: "SENT" | "DELIVERED" | "FAILED"; error: string } {
  const failed = states.filter((p) => p.state === "FAILED").sort((a, b) => a.seq - b.seq);
  if (failed.length) {
    const reason = failed.map((p) => (parts > 1 ? `part ${p.seq}: ${p.detail || "undeliverable"}` : p.detail || "undeliverable")).join("; ");
    return { state: "FAILED", error: reason };
  }
  const delivered = new Set(states.filter((p) => p.state === "DELIVERED").map((p) => p.seq));
  return { state: delivered.size >= parts ? "DELIVERED" : "SENT", error: "" };
}

/** A provider's id for a part without leading zeros ("000A1" → "A1"; "0" stays). */
export const canonicalPartId = (id: string): string => id.replace(/^0+(?=.)/, "");

/**
 * The forms one provider id may take: SMSCs often answer a send with the id in hex and name it in
 * the receipt in decimal (or the reverse), zero-padded. Ours first; at most a few, so a lookup
 * stays one indexed query.
 */
export function receiptIdForms(id: string): string[] {
  const forms = new Set([id]);
  const trimmed = canonicalPartId(id);
  forms.add(trimmed);
  if (/^\d{1,30}$/.test(trimmed)) {
    const hex = BigInt(trimmed).toString(16);
    forms.add(hex).add(hex.toUpperCase());
  }
  if (/^[0-9a-f]{1,25}$/i.test(trimmed)) forms.add(BigInt(`0x${trimmed}`).toString(10));
  return [...forms];
}

/** Why a notice was never handed to the provider, as kept in its `error` (the alarms page words it). */
export const NOTICE_NOT_SENT = {
  /** The account has no SMS number to text from. */
  noNumber: "NO_SMS_NUMBER",
  /** The number had its hour's texts already: a flapping alarm costs no more than this. */
  heldBack: "HELD_BACK",
} as const;
/** Notices one number may get in an hour (every alarm together); beyond it they are held back. */
export const NOTICES_PER_NUMBER_HOUR = 10;
