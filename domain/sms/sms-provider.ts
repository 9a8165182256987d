// The port an SMS provider fills (an SMPP account: lib/sms/smpp-client.ts; a generic HTTP
// provider: lib/sms/http-sms-client.ts). The product keeps every message and part as rows; a provider only moves
// them and reports what became of them. Its handlers answer the provider only once what arrived is
// stored, so a crash in between makes the provider deliver it again instead of losing it.

/** A message to send: `ref` is ours (0–255, the concatenation reference of its parts). */
export interface OutgoingSms {
  to: string;
  from: string;
  text: string;
  ref: number;
  /** Names this sending of the message: the same key again is the same send (an HTTP provider's idempotency key). */
  key: string;
}

export interface SentSms {
  /** The provider's ids receipts will name, in order: one per part (SMPP), or one for the whole message (HTTP). */
  partIds: string[];
  /** Parts the text took, when the provider says (HTTP); else one per id. */
  parts?: number;
}

/** A whole incoming text, as an HTTP provider hands it over (it joined the parts itself). */
export interface IncomingSmsText {
  /** The provider's id of the text: the same id delivered again is the same text. */
  providerId: string;
  from: string;
  to: string;
  text: string;
}

/** One part of an incoming message, as raw as it came: parts are joined by their bytes (sms-text.ts joinParts). */
export interface IncomingSmsPart {
  from: string;
  to: string;
  dataCoding: number;
  /** The user data header (concatenation), or null for a message in one part. */
  udh: Uint8Array | null;
  payload: Uint8Array;
}

export type SmsPartState = "DELIVERED" | "FAILED" | "ACCEPTED" | "PENDING";

/** What became of a part we sent. */
export interface SmsReceipt {
  partId: string;
  state: SmsPartState;
  /** The provider's words: SMPP's stat (UNDELIV, EXPIRED, REJECTD…) and err code. */
  detail: string;
}

export interface SmsHandlers {
  inbound(part: IncomingSmsPart): Promise<void>;
  receipt(receipt: SmsReceipt): Promise<void>;
}
