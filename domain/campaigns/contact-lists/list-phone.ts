// Numbers in a contact list as the dialler places them: E.164. A list's numbers are often written
// as people write them at home ("601 234 567", "(22) 123-45-67", "0048…"), without the country
// code, so the list's default country fills it in; a number with its own code keeps it.
import { type CountryCode, getCountries, parsePhoneNumberFromString } from "libphonenumber-js/min";

const COUNTRIES = new Set<string>(getCountries());

export function isCountryCode(value: string): value is CountryCode {
  return COUNTRIES.has(value);
}

/** The number in E.164, or null when it is none: empty, letters, too short or long for its country. */
export function normaliseListPhone(raw: string | number | null | undefined, country: CountryCode): string | null {
  if (raw === null || raw === undefined) return null;
  let s = String(raw).trim();
  if (!s) return null;
  // "0048 601…" and "+48 601…" are the same; a leading apostrophe is Excel's "keep as text".
  s = s.replace(/^'/, "").replace(/^00(?=[1-9])/, "+");
  if (/[A-Za-z]/.test(s.replace(/(ext\.?|x|wew\.?)\s*\d+$/i, ""))) return null;
  const parsed = parsePhoneNumberFromString(s, country);
  return parsed?.isValid() ? parsed.number : null;
}
