// What a bounce is about. A delivery status notification (RFC 3464: multipart/report with
// message/delivery-status and the original as text/rfc822-headers or message/rfc822) or a plain
// text bounce from MAILER-DAEMON/postmaster (the original's headers quoted in the body) names the
// mail that could not be delivered: its Message-ID, References and subject (with our [#n] tag),
// and whom it was for. That is how a bounce finds its case — never by its own sender.
import { caseNumberInSubject } from "./threading.ts";

export type BouncedMail = {
  /** The Message-ID of the mail that bounced (without <>). */
  messageId: string | null;
  references: string[];
  /** The case number in the bounced mail's subject tag. */
  caseNumber: number | null;
  /** Whom the bounced mail was for (Final-Recipient, Original-Recipient, its To). */
  recipients: string[];
};

const ADDRESS = /[^\s<>"(),;:@]+@[^\s<>"(),;:@]+\.[^\s<>"(),;:@]+/g;

/** Header fields of a header block or a quoted one ("> Subject: …"), continuation lines unfolded. */
function headerFields(text: string): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^(\s*>)+ ?/, "");
    const m = /^\s{0,4}([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/.exec(line);
    if (m) fields.push({ name: m[1]!.toLowerCase(), value: m[2]!.trim() });
    else if (/^[ \t]+\S/.test(line) && fields.length) fields[fields.length - 1]!.value += ` ${line.trim()}`;
  }
  return fields;
}

const ids = (value: string) => [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1]!);

/**
 * Reads the parts of a bounce that describe the original mail: the report and original headers
 * of a DSN, or the text of a plain bounce. The first Message-ID found is the bounced mail's.
 */
export function readBounce(parts: string[]): BouncedMail {
  const fields = parts.flatMap(headerFields);
  const first = (name: string) => fields.find((f) => f.name === name)?.value ?? "";
  const recipients = new Set<string>();
  for (const f of fields) {
    if (f.name === "final-recipient" || f.name === "original-recipient" || f.name === "to" || f.name === "x-failed-recipients") {
      for (const a of f.value.match(ADDRESS) ?? []) recipients.add(a.toLowerCase());
    }
  }
  // Postfix and qmail style: "<jan@customer.test>: host mx said: 550 …".
  for (const part of parts) for (const m of part.matchAll(/^\s*<([^<>\s]+@[^<>\s]+)>:/gm)) recipients.add(m[1]!.toLowerCase());
  const subject = first("subject");
  return {
    messageId: ids(first("message-id"))[0] ?? null,
    references: [...ids(first("in-reply-to")), ...ids(first("references"))],
    caseNumber: subject ? caseNumberInSubject(subject) : null,
    recipients: [...recipients],
  };
}
