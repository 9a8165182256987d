// A multipart mail whose parts cannot be found (the boundary in Content-Type matches no line of
// the body) parses to nothing: no text, no HTML, no attachment — an empty message with no word
// of why. Such a mail is flagged malformed and shows its raw body instead, so nothing the sender
// wrote is hidden from the agent.

const MAX_CHARS = 200_000;

/** True when a multipart mail gave no part at all although its body is not empty. */
export function isBrokenMultipart(parsed: { contentType: string; text: string; html: string | null; attachmentCount: number }, raw: Uint8Array): boolean {
  if (!/^multipart\//i.test(parsed.contentType.trim())) return false;
  if (parsed.text.trim() || parsed.html?.trim() || parsed.attachmentCount > 0) return false;
  return rawBody(raw).trim().length > 0;
}

/** The body of a raw message (after the first empty line), as text. */
export function rawBody(raw: Uint8Array): string {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  const m = /\r?\n\r?\n/.exec(text);
  return (m ? text.slice(m.index + m[0].length) : "").replaceAll("\u0000", "").slice(0, MAX_CHARS);
}
