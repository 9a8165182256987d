// Opening hours (a week of intervals, and holidays closed all day), as data any entry point or
// IVR flow carries, and whether they are open at a moment in the organisation's time zone.
import { z } from "zod";
import { wallClock } from "../shared/wall-clock.ts";

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
