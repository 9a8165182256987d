// What an agent's reply looks like on the wire: their words (light formatting: **bold**, *italic*,
// [links](https://…), "- " lists), their signature, and the customer's mail quoted below (or, for a
// forward, the forwarded mail's header block). Both parts are built here from text — never from
// HTML that came from outside — so the HTML part needs no sanitising. Pure.

import { formatDate } from "../shared/date-format.ts";
import { isLocale } from "../shared/locale.ts";

export type Quoted = { fromName: string; fromAddress: string; date: Date; subject: string; to: string[]; text: string };

export interface ComposeInput {
  body: string;
  signature: string;
  /** The mail answered (quoted) or forwarded; null for a first mail. */
  original: Quoted | null;
  forward: boolean;
  /** For the "On … wrote:" line, in the case's language. */
  locale: string;
  timeZone: string;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const LINK = /\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)|(https?:\/\/[^\s<]*[^\s<.,;:!?)])/g;

const emphasis = (s: string) =>
  s
    .replace(/\*\*([^*\n]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, "$1<em>$2</em>")
    .replace(/(^|[^_\w])_([^_\n]+)_(?!\w)/g, "$1<em>$2</em>");

/** Inline formatting of one already-escaped line. Links only to http(s) and mailto; nothing inside
 * a link is formatted further. */
function inline(escaped: string): string {
  let out = "";
  let at = 0;
  for (const m of escaped.matchAll(LINK)) {
    out += emphasis(escaped.slice(at, m.index));
    out += m[3] ? `<a href="${m[3]}">${m[3]}</a>` : `<a href="${m[2]}">${m[1]}</a>`;
    at = m.index + m[0].length;
  }
  return out + emphasis(escaped.slice(at));
}

/** Light markup to HTML: paragraphs, line breaks, "- " and "1. " lists, bold, italic, links. */
export function markupToHtml(text: string): string {
  const out: string[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (!lines.length) continue;
    if (lines.every((l) => /^\s*[-*•]\s+/.test(l))) {
      out.push(`<ul>${lines.map((l) => `<li>${inline(escape(l.replace(/^\s*[-*•]\s+/, "")))}</li>`).join("")}</ul>`);
    } else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      out.push(`<ol>${lines.map((l) => `<li>${inline(escape(l.replace(/^\s*\d+[.)]\s+/, "")))}</li>`).join("")}</ol>`);
    } else {
      out.push(`<p>${lines.map((l) => inline(escape(l))).join("<br>")}</p>`);
    }
  }
  return out.join("\n");
}

/** The markup's plain-text reading: the marks that only mean formatting are dropped. */
export function markupToText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g, "$1 <$2>")
    .replace(/\*\*([^*\n]+)\*\*/g, "$1");
}

function attribution(o: Quoted, locale: string, timeZone: string) {
  const when = formatDate(o.date, "dateTimeMedium", isLocale(locale) ? locale : "en", timeZone);
  const who = o.fromName ? `${o.fromName} <${o.fromAddress}>` : o.fromAddress;
  const words: Record<string, string> = { pl: "{when} {who} napisał(a):", ru: "{when} {who} написал(а):", en: "On {when}, {who} wrote:" };
  return (words[locale] ?? words.en).replace("{when}", when).replace("{who}", who);
}

function forwardHeader(o: Quoted, timeZone: string): string[] {
  const when = formatDate(o.date, "dateTimeMedium", "en", timeZone);
  return [
    "---------- Forwarded message ----------",
    `From: ${o.fromName ? `${o.fromName} <${o.fromAddress}>` : o.fromAddress}`,
    `Date: ${when}`,
    `Subject: ${o.subject}`,
    ...(o.to.length ? [`To: ${o.to.join(", ")}`] : []),
  ];
}

/** The text and HTML parts of an outgoing mail. */
export function composeEmail(input: ComposeInput): { text: string; html: string } {
  const text: string[] = [markupToText(input.body).trim()];
  const html: string[] = [`<div>${markupToHtml(input.body)}</div>`];
  const signature = input.signature.trim();
  if (signature) {
    text.push(`-- \n${signature}`);
    html.push(`<div style="color:#475569;margin-top:1em">-- <br>${escape(signature).replace(/\n/g, "<br>")}</div>`);
  }
  const o = input.original;
  if (o && input.forward) {
    const head = forwardHeader(o, input.timeZone);
    text.push(`${head.join("\n")}\n\n${o.text.trim()}`);
    html.push(`<div style="margin-top:1em">${head.map(escape).join("<br>")}<br><br>${escape(o.text.trim()).replace(/\n/g, "<br>")}</div>`);
  } else if (o) {
    const line = attribution(o, input.locale, input.timeZone);
    const quoted = o.text.trim().split("\n");
    text.push(`${line}\n${quoted.map((l) => (l.startsWith(">") ? `>${l}` : `> ${l}`)).join("\n")}`);
    html.push(
      `<div style="margin-top:1em">${escape(line)}</div><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${escape(o.text.trim()).replace(/\n/g, "<br>")}</blockquote>`,
    );
  }
  return { text: `${text.join("\n\n")}\n`, html: html.join("\n") };
}
