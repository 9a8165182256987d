// What the contacts directory searches for, from what an agent types: words of a name (each must
// appear, in any order: "kowalski jan" finds Jan Kowalski), an e-mail or part of one, or a phone
// number however it is written ("+48 601-234-567", "0048601234567", "601 234 567" all find
// +48601234567). Everything becomes LIKE patterns with the wildcards typed (% _ \) escaped: a
// search for "100%" means those four characters. Pages are cut by a cursor over the directory's
// order (last contact, newest first; the id breaks ties), never by an offset.
export interface ContactSearch {
  /** LIKE patterns each of which the lower-cased name and company must contain. */
  words: string[];
  /** LIKE pattern for e-mails and external ids (lower-cased, as e-mails are stored). */
  identity: string | null;
  /** LIKE pattern over stored phones: the digits typed, without leading zeros; null when it is not a number. */
  phoneDigits: string | null;
}

export const MAX_SEARCH_LENGTH = 100;
/** Fewer digits than this are not searched as a phone number (every number contains "12"). */
const MIN_PHONE_DIGITS = 3;

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (text: string) => `%${escapeLike(text)}%`;

/** The search for a typed query; null when nothing was typed (the whole directory). */
export function contactSearch(raw: string | null | undefined): ContactSearch | null {
  const q = (raw ?? "").trim().toLowerCase().slice(0, MAX_SEARCH_LENGTH);
  if (!q) return null;
  // As domain/contacts/match-contact.ts normalises phones (00 → +, punctuation dropped), less the
  // country-code sign and any leading zeros: what is left is in every way the number can be stored.
  const looksLikePhone = /^[+\d\s\-.()/]+$/.test(q);
  const digits = q.replace(/\D/g, "").replace(/^0+/, "");
  return {
    words: q.split(/\s+/).map(contains),
    identity: contains(q),
    phoneDigits: looksLikePhone && digits.length >= MIN_PHONE_DIGITS ? contains(digits) : null,
  };
}

export interface DirectoryCursor {
  lastContactAt: Date;
  id: string;
}

export function encodeCursor(c: DirectoryCursor): string {
  return Buffer.from(`${c.lastContactAt.toISOString()}|${c.id}`).toString("base64url");
}

/** The position a cursor names; null for anything not made by encodeCursor. */
export function decodeCursor(cursor: string): DirectoryCursor | null {
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const lastContactAt = new Date(at ?? "");
  if (rest.length || Number.isNaN(lastContactAt.getTime()) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id ?? "")) return null;
  return { lastContactAt, id: id! };
}
