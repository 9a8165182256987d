// Which encoding a CSV file was saved in. Excel on Windows writes the ANSI code page of its
// language: Windows-1250 in Poland, Windows-1251 in Russia; everything newer writes UTF-8, with or
// without a byte-order mark. Chosen by the admin, or guessed here from the bytes.
export const TEXT_ENCODINGS = ["utf-8", "windows-1250", "windows-1251"] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

const LATIN = /[A-Za-z]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * UTF-8 when the bytes are valid UTF-8 (a BOM settles it); otherwise Windows-1251 when, read so,
 * the words are Cyrillic (Russian text), and Windows-1250 when they would be a mix of Latin and
 * Cyrillic letters (Polish "Łódź" read as 1251 is "Ј\u00f3dџ"): Polish is the default.
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  const sample = bytes.subarray(0, 256 * 1024);
  try {
    // A sample may end inside a character: only the last three bytes may be incomplete.
    new TextDecoder("utf-8", { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, trimmedEnd(sample)) : sample);
    return "utf-8";
  } catch {
    // Not UTF-8: one of the Windows code pages.
  }
  const words = new TextDecoder("windows-1251").decode(sample).split(/[^\p{L}]+/u);
  let cyrillic = 0;
  let mixed = 0;
  for (const w of words) {
    if (!CYRILLIC.test(w)) continue;
    if (LATIN.test(w)) mixed++;
    else cyrillic++;
  }
  return cyrillic > mixed ? "windows-1251" : "windows-1250";
}

function trimmedEnd(b: Uint8Array): number {
  let end = b.length;
  for (let i = 0; i < 3 && end > 0 && (b[end - 1] & 0xc0) === 0x80; i++) end--;
  if (end > 0 && b[end - 1] >= 0xc0) end--;
  return end;
}

/** The text, without a byte-order mark. Bytes that do not fit the encoding become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  const text = new TextDecoder(encoding).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text in slices of about `sliceBytes` bytes, without a byte-order mark; a character cut by a slice's end is kept for the next. */
export function* decodedSlices(bytes: Uint8Array, encoding: TextEncodingName, sliceBytes = 1024 * 1024): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < bytes.length; at += sliceBytes) {
    let text = decoder.decode(bytes.subarray(at, at + sliceBytes), { stream: true });
    if (at === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
