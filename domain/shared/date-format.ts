// How dates and times read, for every screen, e-mail and the date picker: in the user's language's
// conventions and the organisation's time zone, never the browser's. English follows British
// conventions (day before month, 24-hour clock: 04/12/2026, 17:42) — a contact centre's staff read
// "04/12" as the 4th of December in Poland and Russia too, and an ambiguous US date on a callback
// or deadline is an error, not a style. Pure.
import type { Locale } from "./locale.ts";

/** The Intl locale whose conventions each language uses for dates and numbers. */
export const FORMAT_LOCALE: Record<Locale, string> = { pl: "pl-PL", en: "en-GB", ru: "ru-RU" };

export type DateStyle =
  /** 17:42 */
  | "time"
  /** 17:42:56 */
  | "timeSeconds"
  /** 04/12/2026 (en), 04.12.2026 (pl, ru) */
  | "date"
  /** 4 Dec 2026, 4 gru 2026, 4 дек. 2026 г. */
  | "dateMedium"
  /** 04/12/2026, 17:42 */
  | "dateTime"
  /** 04/12/2026, 17:42:56 */
  | "dateTimeSeconds"
  /** 4 Dec 2026, 17:42 */
  | "dateTimeMedium"
  /** 4 Dec (charts) */
  | "dayMonth";

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: "2-digit", minute: "2-digit" },
  timeSeconds: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
  date: { day: "2-digit", month: "2-digit", year: "numeric" },
  dateMedium: { dateStyle: "medium" },
  dateTime: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" },
  dateTimeSeconds: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
  dateTimeMedium: { dateStyle: "medium", timeStyle: "short" },
  dayMonth: { day: "numeric", month: "short" },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, style: DateStyle) {
  const key = `${locale}|${timeZone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    // hourCycle h23 everywhere: "00:15", never "24:15" nor "12:15 AM".
    const o = OPTIONS[style];
    f = new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { ...o, ...("hour" in o || "timeStyle" in o ? { hourCycle: "h23" } : {}), timeZone });
    cache.set(key, f);
  }
  return f;
}

export function formatDate(at: Date | string | number, style: DateStyle, locale: Locale, timeZone: string): string {
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? "" : formatter(locale, timeZone, style).format(d);
}

/** A calendar day (YYYY-MM-DD, no time zone) in the `date` style: what a date field shows. */
export function formatDay(day: string, locale: Locale): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDate(`${day}T12:00:00Z`, "date", locale, "UTC") : "";
}

/** The order and separator of the `date` style, to read what a user types: "dd.mm.yyyy" or "dd/mm/yyyy". */
export function dayPattern(locale: Locale): { order: ("day" | "month" | "year")[]; separator: string } {
  const parts = formatter(locale, "UTC", "date").formatToParts(new Date(Date.UTC(2026, 11, 4, 12)));
  return {
    order: parts.filter((p) => p.type === "day" || p.type === "month" || p.type === "year").map((p) => p.type as "day" | "month" | "year"),
    separator: parts.find((p) => p.type === "literal")?.value ?? ".",
  };
}

/** What a user typed in a date field, in their language's order ("4.12.2026", "04/12/2026"), as YYYY-MM-DD; null if it is no date. */
export function parseDay(text: string, locale: Locale): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return validDay(Number(t.slice(0, 4)), Number(t.slice(5, 7)), Number(t.slice(8, 10)));
  const nums = t.split(/[^\d]+/).filter(Boolean).map(Number);
  if (nums.length !== 3) return null;
  const { order } = dayPattern(locale);
  const v = Object.fromEntries(order.map((k, i) => [k, nums[i]])) as Record<"day" | "month" | "year", number>;
  return validDay(v.year < 100 ? 2000 + v.year : v.year, v.month, v.day);
}

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Month names and the week's day names (Monday first) in the user's language, for the date picker. */
export function calendarNames(locale: Locale): { months: string[]; weekdays: string[] } {
  const tag = FORMAT_LOCALE[locale];
  const months = Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat(tag, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, m, 1))));
  // 2026-11-30 is a Monday.
  const weekdays = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(tag, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 10, 30 + i))));
  return { months, weekdays };
}

/** A time of day (HH:MM, 24-hour, no time zone) as a time field shows it: "08:30" in every language (h23). */
export function formatClock(time: string, locale: Locale): string {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  return m ? formatDate(Date.UTC(2026, 11, 4, Number(m[1]), Number(m[2])), "time", locale, "UTC") : "";
}

/** What a user typed in a time field ("8:30", "8.30", "0830", "8") as HH:MM on the 24-hour clock; null if it is no time. */
export function parseClock(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})(?:[:.\s]?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2] ?? 0)];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}
