// An incoming e-mail as the domain sees it: already parsed from MIME by the channel adapter
// (channels/email), with the headers the rules below need and the original kept whole.

import type { BouncedMail } from "./bounce.ts";

export type Address = { address: string; name: string };

export interface InboundEmail {
  /** The Message-ID header without <>; null when the mail had none. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  /** Reply-To: where answers go when set (a web form's no-reply sender names the customer here). */
  replyTo: Address[];
  date: Date | null;
  text: string;
  /** As sent; sanitised before it is stored (sanitize-email-html.ts). */
  html: string | null;
  /** Lower-case names; only the ones the rules read (auto-submitted, precedence, list-id...). */
  headers: Record<string, string>;
  /** multipart/report; report-type=delivery-status: a bounce, with the mail it is about (bounce.ts). */
  deliveryReport: BouncedMail | null;
  attachments: { fileName: string; contentType: string; bytes: Uint8Array }[];
  /** Images the HTML shows by `cid:` (from any depth of nested multiparts). */
  inlineImages: { contentId: string; fileName: string; contentType: string; bytes: Uint8Array }[];
  /** The message exactly as the server had it (stored as .eml: nothing is ever lost). */
  raw: Uint8Array;
  /** Set when MIME parsing failed: the case shows this and the original. */
  parseError: string | null;
  /** Broken MIME (unreadable, or a multipart whose parts could not be found): the agent is told. */
  malformed: boolean;
}
