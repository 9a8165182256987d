// What makes two mails the same mail: a SHA-256 over what the sender wrote — Message-ID, sender,
// recipients, date, subject, text, HTML and each attachment's bytes — and not over what servers
// add on the way (Received, Delivered-To, the mailbox position). The same mail read again (the
// folder renumbered after a server rebuild, or a copy in a second mailbox of the organisation)
// has the same fingerprint, with or without a Message-ID; two different mails that happen to
// share a Message-ID (broken senders, forged ids) have different ones, so both are kept.
import { createHash } from "node:crypto";
import type { InboundEmail } from "./inbound-email.ts";

export type FingerprintInput = Pick<
  InboundEmail,
  "messageId" | "from" | "to" | "cc" | "date" | "subject" | "text" | "html" | "attachments" | "raw" | "parseError"
> &
  Partial<Pick<InboundEmail, "inlineImages">>;

export function contentFingerprint(email: FingerprintInput): string {
  const hash = createHash("sha256");
  // Unreadable mail has nothing parsed to go by: its bytes are all there is.
  if (email.parseError) return hash.update("raw\0").update(email.raw).digest("hex");
  const addr = (a: { address: string } | null) => (a ? a.address.trim().toLowerCase() : "");
  const fields = [
    "v1",
    email.messageId ?? "",
    addr(email.from),
    email.to.map(addr).join(","),
    email.cc.map(addr).join(","),
    email.date && !Number.isNaN(email.date.getTime()) ? email.date.toISOString() : "",
    email.subject,
    email.text,
    email.html ?? "",
  ];
  for (const f of fields) hash.update(f).update("\0");
  for (const a of [...email.attachments, ...(email.inlineImages ?? [])])
    hash.update(a.fileName).update("\0").update(a.contentType).update("\0").update(a.bytes).update("\0");
  return hash.digest("hex");
}
