// Opening hours (a week of intervals, and holidays closed all day), as data any entry point or
// IVR flow carries, and whether they are open at a moment in the organisation's time zone.
import { z } from "zod";
import { instantOf, wallClock } from "../shared/wall-clock.ts";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const interval = z.object({ from: hhmm, to: hhmm }).refine((i) => i.from < i.to, "must end after it starts");

export const businessHoursSchema = z
  .object({
    enabled: z.boolean().default(false),
    days: z.partialRecord(z.enum(DAYS), z.array(interval).max(4)).default({}),
    /** YYYY-MM-DD, closed all day */
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"))
      .max(100)
      .default([]),
  })
  .default({ enabled: false, days: {}, holidays: [] });
export type BusinessHours = z.output<typeof businessHoursSchema>;

/** Whether the contact centre answers now, in the organisation's time zone. */
export function isOpen(hours: BusinessHours, timeZone: string, now: Date): boolean {
  if (!hours.enabled) return true;
  const clock = wallClock(timeZone, now);
  if (hours.holidays.includes(clock.date)) return false;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return (hours.days[clock.weekday] ?? []).some((i) => clock.minuteOfDay >= minutes(i.from) && clock.minuteOfDay < minutes(i.to));
}

const DAY = 86_400_000;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The open intervals from `from` on (the first clipped to it), in order, as instants; `horizonDays`
 * ahead at most (by default a year and a bit, so a year's holidays cannot hide every opening). */
export function* openIntervals(hours: BusinessHours, timeZone: string, from: Date, horizonDays = 400): Generator<[Date, Date]> {
  const first = wallClock(timeZone, from).date;
  const firstDay = Date.UTC(+first.slice(0, 4), +first.slice(5, 7) - 1, +first.slice(8, 10));
  for (let k = 0; k < horizonDays; k++) {
    const day = new Date(firstDay + k * DAY);
    const date = day.toISOString().slice(0, 10);
    if (hours.holidays.includes(date)) continue;
    const intervals = [...(hours.days[WEEKDAYS[day.getUTCDay()]] ?? [])].sort((a, b) => a.from.localeCompare(b.from));
    for (const i of intervals) {
      const start = instantOf(timeZone, date, minuteOf(i.from));
      const end = instantOf(timeZone, date, minuteOf(i.to));
      if (end <= from) continue;
      yield [start < from ? from : start, end];
    }
  }
}

/** The first moment at or after `from` when the hours are open (`from` itself when open now, or
 * when they are not in force); null when they never open within `horizonDays`. */
export function nextOpening(hours: BusinessHours, timeZone: string, from: Date, horizonDays = 400): Date | null {
  if (!hours.enabled) return from;
  for (const [start] of openIntervals(hours, timeZone, from, horizonDays)) return start;
  return null;
}
