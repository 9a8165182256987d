// The port an SMS provider fills (an SMPP account: lib/sms/smpp-client.ts; a generic HTTP
// provider: to come). The product keeps every message and part as rows; a provider only moves
// them and reports what became of them. Its handlers answer the provider only once what arrived is
// stored, so a crash in between makes the provider deliver it again instead of losing it.

/** A message to send: `ref` is ours (0–255, the concatenation reference of its parts). */
export interface OutgoingSms {
  to: string;
  from: string;
  text: string;
  ref: number;
}

export interface SentSms {
  /** The provider's id of each part, in order (receipts name them). */
  partIds: string[];
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
