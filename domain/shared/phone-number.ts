// Telephone numbers as we store and compare them: E.164 ("+48123456789"). People type them with
// spaces, dashes, dots, brackets or a leading 00; all of those mean the same number. A number
// without its country code cannot be placed, so it is refused rather than guessed.
import { z } from "zod";

const SEPARATORS = /[\s\-.()/\u00a0]/g;

/** The number in E.164, or null when it is not one (no country code, letters, too short/long). */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().replace(SEPARATORS, "");
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  // E.164: a country code (never starting with 0) and at most 15 digits in all.
  return /^\+[1-9]\d{6,14}$/.test(s) ? s : null;
}

/**
 * A list of numbers as an admin typed it (one per line, or separated by commas or semicolons):
 * the valid ones normalised, without blanks or repeats, and the entries that are not numbers.
 */
export function parsePhoneList(
  entries: readonly string[] | string,
  normalise: (entry: string) => string | null = normalisePhone,
): { numbers: string[]; invalid: string[] } {
  const items = (typeof entries === "string" ? [entries] : entries)
    .flatMap((e) => e.split(/[\n,;]/))
    .map((e) => e.trim())
    .filter(Boolean);
  const numbers = new Set<string>();
  const invalid: string[] = [];
  for (const item of items) {
    const n = normalise(item);
    if (n) numbers.add(n);
    else invalid.push(item);
  }
  return { numbers: [...numbers], invalid };
}

/** A form field holding one number: trimmed, required, normalised to E.164 (an issue otherwise). */
export const phoneNumberField = () =>
  z
    .string()
    .trim()
    .min(1, "required")
    .transform((v, ctx) => {
      const n = normalisePhone(v);
      if (!n) ctx.addIssue({ code: "invalid_format", format: "e164", message: "a phone number with its country code, e.g. +48 22 123 45 67" } as never);
      return n ?? v;
    });
