// What an SMS text costs and how it travels: the GSM 03.38 default alphabet (7-bit, with its
// extension table) or UCS-2, chosen per message; long texts cut into concatenated parts with a
// user data header; parts that arrive joined back by their raw bytes. Pure (no Buffer: the
// composer counts in the browser with the same rules). Why the product chooses the coding itself
// instead of leaving it to the SMPP library: docs/sms.md.

/** The GSM 03.38 default alphabet by code 0x00–0x7f; 0x1b escapes to the extension table. */
const BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const ESCAPE = 0x1b;
/** The extension table: each of these costs two septets (the escape and its code). */
const EXTENSION: ReadonlyMap<string, number> = new Map([
  ["\f", 0x0a],
  ["^", 0x14],
  ["{", 0x28],
  ["}", 0x29],
  ["\\", 0x2f],
  ["[", 0x3c],
  ["~", 0x3d],
  ["]", 0x3e],
  ["|", 0x40],
  ["€", 0x65],
]);
const BASIC_CODE: ReadonlyMap<string, number> = new Map([...BASIC].flatMap((c, i) => (i === ESCAPE ? [] : [[c, i] as const])));
const EXTENSION_CHAR: ReadonlyMap<number, string> = new Map([...EXTENSION].map(([c, code]) => [code, c]));

export type SmsCoding = "GSM7" | "UCS2";

/** SMPP data_coding: 0 the SMSC's default alphabet (GSM 03.38), 8 UCS-2. Never 1 or 3: see docs/sms.md. */
export const DATA_CODING: Record<SmsCoding, 0 | 8> = { GSM7: 0, UCS2: 8 };

/** Units in one message alone, and per part of a concatenated one (the header takes 6 bytes). */
export const UNITS: Record<SmsCoding, { single: number; perPart: number }> = {
  GSM7: { single: 160, perPart: 153 },
  UCS2: { single: 70, perPart: 67 },
};

/** The most parts a concatenated message can have (the header counts them in one byte). */
export const MAX_PARTS = 255;

/** What one character costs in GSM septets (1 or 2), or null when the alphabet lacks it. */
function septetsOf(c: string): 1 | 2 | null {
  if (BASIC_CODE.has(c)) return 1;
  if (EXTENSION.has(c)) return 2;
  return null;
}

/** Septets the text takes in the GSM alphabet, or null when a character is not in it. */
export function gsmSeptets(text: string): number | null {
  let n = 0;
  for (const c of text) {
    const cost = septetsOf(c);
    if (cost === null) return null;
    n += cost;
  }
  return n;
}

export interface SmsCount {
  coding: SmsCoding;
  /** Septets (GSM) or UTF-16 code units (UCS-2). */
  units: number;
  parts: number;
  /** Units left before another part is needed. */
  left: number;
  /** The characters (each once, in order) that make the text UCS-2: what the composer names. */
  costly: string[];
}

/** What the composer shows as the agent types: coding, parts, units left, and why it costs more. */
export function countSms(text: string): SmsCount {
  return analyse(text).count;
}

/** The count and the parts' texts, worked out once for countSms and planSms. */
function analyse(text: string): { count: SmsCount; chunks: string[] } {
  const septets = gsmSeptets(text);
  const coding: SmsCoding = septets === null ? "UCS2" : "GSM7";
  const units = septets ?? text.length;
  const { single, perPart } = UNITS[coding];
  const cost = (c: string) => (coding === "GSM7" ? septetsOf(c)! : c.length);
  // Whole when it fits one message; otherwise cut per character so that no escape pair (GSM) and
  // no surrogate pair (UCS-2) is split, each part at most `perPart` units.
  const chunks: string[] = [];
  let lastUnits = units;
  if (units <= single) chunks.push(text);
  else {
    let current = "";
    let used = 0;
    for (const c of text) {
      const n = cost(c);
      if (used + n > perPart) {
        chunks.push(current);
        current = "";
        used = 0;
      }
      current += c;
      used += n;
    }
    if (current) chunks.push(current);
    lastUnits = used;
  }
  // A part may end short of perPart (a pair kept whole): what is left is the last part's room.
  const left = chunks.length <= 1 ? single - units : perPart - lastUnits;
  const costly = coding === "UCS2" ? [...new Set([...text].filter((c) => septetsOf(c) === null))] : [];
  return { count: { coding, units, parts: chunks.length, left: Math.max(0, left), costly }, chunks };
}

/** GSM text as one byte per septet (unpacked, as SMPP carries data_coding 0). */
export function encodeGsm(text: string): Uint8Array {
  const out: number[] = [];
  for (const c of text) {
    const code = BASIC_CODE.get(c);
    if (code !== undefined) out.push(code);
    else {
      const ext = EXTENSION.get(c);
      if (ext === undefined) throw new RangeError(`not in the GSM 03.38 alphabet: ${JSON.stringify(c)}`);
      out.push(ESCAPE, ext);
    }
  }
  return Uint8Array.from(out);
}

/** Unpacked septets back to text; an escape to an unknown code reads as the basic character (23.038). */
export function decodeGsm(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0x7f;
    if (b === ESCAPE && i + 1 < bytes.length) {
      const code = bytes[++i] & 0x7f;
      s += EXTENSION_CHAR.get(code) ?? BASIC[code];
    } else s += BASIC[b];
  }
  return s;
}

/** UTF-16 big-endian, as UCS-2 is sent (a surrogate pair passes as its two units). */
export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 * i] = u >> 8;
    out[2 * i + 1] = u & 0xff;
  }
  return out;
}

export function decodeUcs2(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return s;
}

export interface SmsPart {
  /** The concatenation header, or null for a message in one part. */
  udh: Uint8Array | null;
  /** The part's text in its coding. */
  payload: Uint8Array;
  text: string;
}

export interface SmsPlan extends SmsCount {
  dataCoding: 0 | 8;
  segments: SmsPart[];
}

/**
 * The parts to submit. `ref` (0–255) ties the parts of one message together: the same for all its
 * parts, different from the other long messages to the same number in flight. Throws a RangeError
 * beyond MAX_PARTS (callers refuse such a text first, with countSms).
 */
export function planSms(text: string, ref: number): SmsPlan {
  const { count, chunks } = analyse(text);
  if (chunks.length > MAX_PARTS) throw new RangeError(`an SMS has at most ${MAX_PARTS} parts`);
  const segments = chunks.map((chunk, i) => ({
    udh: chunks.length > 1 ? Uint8Array.from([0x05, 0x00, 0x03, ref & 0xff, chunks.length, i + 1]) : null,
    payload: count.coding === "GSM7" ? encodeGsm(chunk) : encodeUcs2(chunk),
    text: chunk,
  }));
  return { ...count, dataCoding: DATA_CODING[count.coding], segments };
}

/** The concatenation element of a user data header (8-bit or 16-bit reference), if it has one. */
export function concatInfo(udh: Uint8Array): { ref: number; total: number; seq: number } | null {
  const end = Math.min(udh.length, 1 + udh[0]);
  for (let i = 1; i + 1 < end;) {
    const iei = udh[i];
    const len = udh[i + 1];
    const v = udh.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3 && v.length === 3) return { ref: v[0], total: v[1], seq: v[2] };
    if (iei === 0x08 && len === 4 && v.length === 4) return { ref: (v[0] << 8) | v[1], total: v[2], seq: v[3] };
    i += 2 + len;
  }
  return null;
}

/** A payload as text by its data_coding: 8 UCS-2, 3 Latin-1, otherwise the GSM alphabet. */
export function decodePayload(payload: Uint8Array, dataCoding: number): string {
  const dc = dataCoding & 0x0f;
  if (dc === 8) return decodeUcs2(payload);
  if (dc === 3) return String.fromCharCode(...payload);
  return decodeGsm(payload);
}

/**
 * The text of a message whose parts have all arrived (in any order; by sequence number). The raw
 * payloads are joined before decoding, so a cut inside an escape pair or a surrogate pair does no
 * harm (decoding each part alone loses the "€" whose escape ended the previous part).
 */
export function joinParts(parts: { seq: number; payload: Uint8Array }[], dataCoding: number): string {
  const sorted = [...parts].sort((a, b) => a.seq - b.seq);
  const bytes = new Uint8Array(sorted.reduce((n, p) => n + p.payload.length, 0));
  let at = 0;
  for (const p of sorted) {
    bytes.set(p.payload, at);
    at += p.payload.length;
  }
  return decodePayload(bytes, dataCoding);
}

const POLISH: Record<string, string> = { ą: "a", ć: "c", ę: "e", ł: "l", ń: "n", ó: "o", ś: "s", ź: "z", ż: "z" };

/**
 * Polish letters replaced by their plain ones (GSM has no Polish table: one "ą" makes a message
 * UCS-2, 70 characters instead of 160). What a campaign may choose; the agent sees the result.
 */
export function withoutPolishDiacritics(text: string): string {
  return text.replace(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g, (c) => {
    const lower = POLISH[c.toLowerCase()];
    return c === c.toLowerCase() ? lower : lower.toUpperCase();
  });
}
