// MIME → InboundEmail, with mailparser. Lenient by design: unknown charsets, broken structure or
// a missing Message-ID still give a readable message (and the original is kept whole); only if
// mailparser gives up entirely does the case show the raw text with the reason.
import type { AddressObject, ParsedMail } from "mailparser";
import { readBounce } from "../../domain/email/bounce.ts";
import { isBrokenMultipart, rawBody } from "../../domain/email/broken-mime.ts";
import { cleanDisplayName } from "../../domain/email/display-name.ts";
import { citedContentIds } from "../../domain/email/inline-images.ts";
import type { Address, InboundEmail } from "../../domain/email/inbound-email.ts";

const HEADERS = ["auto-submitted", "x-autoreply", "x-autorespond", "x-auto-response-suppress", "precedence", "list-id", "list-unsubscribe", "return-path"];

export async function parseEmail(raw: Uint8Array): Promise<InboundEmail> {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  let mail: ParsedMail;
  try {
    // Loaded with the first mail, not at start: a server with no mailbox never needs it.
    const { simpleParser } = await import("mailparser");
    mail = await simpleParser(buffer, { skipImageLinks: true, maxHtmlLengthToParse: 5_000_000 });
  } catch (err) {
    return unreadable(raw, err);
  }
  // From the raw header lines: mailparser folds some of these into structures (List-* into "list").
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    if (HEADERS.includes(key) && !(key in headers)) headers[key] = line.slice(line.indexOf(":") + 1).trim();
  }
  const report = deliveryReport(mail);
  const text = (mail.text ?? (mail.html ? htmlToText(mail.html) : "")).trim();
  const html = typeof mail.html === "string" ? mail.html : null;
  // Images the HTML shows by cid: are kept as inline images; every other part is a download.
  const cids = new Set(citedContentIds(html ?? ""));
  const isInline = (a: ParsedMail["attachments"][number]) => !!a.contentId && /^image\//i.test(a.contentType) && cids.has(bare(a.contentId)!.toLowerCase());
  const inlineImages = mail.attachments
    .filter(isInline)
    .map((a) => ({ contentId: bare(a.contentId)!, fileName: a.filename ?? "image", contentType: a.contentType, bytes: new Uint8Array(a.content) }));
  const attachments = mail.attachments
    .filter((a) => !isInline(a))
    .filter((a) => !report || !/^(message\/delivery-status|text\/rfc822-headers|message\/rfc822)$/i.test(a.contentType))
    .map((a) => ({ fileName: a.filename ?? "attachment", contentType: a.contentType, bytes: new Uint8Array(a.content) }));
  const contentType = (mail.headers.get("content-type") as { value?: string } | undefined)?.value ?? "";
  // The boundary matched nothing: show what the sender wrote, raw, and say so.
  const broken = isBrokenMultipart({ contentType, text, html, attachmentCount: mail.attachments.length }, raw);
  return {
    messageId: bare(mail.messageId),
    inReplyTo: bare(typeof mail.inReplyTo === "string" ? mail.inReplyTo : null),
    references: (Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []).map(bare).filter((x): x is string => !!x),
    subject: (mail.subject ?? "").replace(/\s+/g, " ").trim(),
    from: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    date: mail.date ?? null,
    text: broken ? rawBody(raw).trim() : text,
    html,
    headers,
    deliveryReport: report,
    attachments,
    inlineImages,
    raw,
    parseError: null,
    malformed: broken,
  };
}

const bare = (id: string | null | undefined) => (id ? id.trim().replace(/^<|>$/g, "").trim() || null : null);

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => !!a.address)
    .map((a) => ({ address: a.address!.replaceAll("\u0000", "").replace(/\s+/g, ""), name: cleanDisplayName(a.name) }));
}

/** multipart/report; report-type=delivery-status: the mail that bounced, from the report and the original's headers. */
function deliveryReport(mail: ParsedMail): InboundEmail["deliveryReport"] {
  const type = mail.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== "multipart/report" || type.params?.["report-type"]?.toLowerCase() !== "delivery-status") return null;
  // mailparser puts message/delivery-status into the text; the original comes as an attachment.
  const originals = mail.attachments
    .filter((a) => /^(text\/rfc822-headers|message\/rfc822)$/i.test(a.contentType))
    .map((a) => a.content.toString("utf8").split(/\r?\n\r?\n/)[0]!);
  return readBounce([...originals, mail.text ?? ""]);
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/tr>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\n{3,}/g, "\n\n");
}

function unreadable(raw: Uint8Array, err: unknown): InboundEmail {
  const text = Buffer.from(raw).toString("utf8").slice(0, 20_000);
  return {
    messageId: null,
    inReplyTo: null,
    references: [],
    subject: "",
    from: null,
    to: [],
    cc: [],
    replyTo: [],
    date: null,
    text,
    html: null,
    headers: {},
    deliveryReport: null,
    attachments: [],
    inlineImages: [],
    raw,
    parseError: `This message could not be read as e-mail (${err instanceof Error ? err.message : String(err)}); the original is attached`,
    malformed: true,
  };
}
