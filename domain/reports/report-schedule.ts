// When a saved report is e-mailed and which days it covers, on the organisation's clock: the next
// send time after a moment (daily, weekly on a weekday, monthly on a day — the month's last day in
// shorter months — at a whole hour, across daylight-saving changes), and a period preset
// (yesterday, last week…) as a concrete from/to. Pure.
import { instantOf, offsetMinutes } from "../shared/wall-clock.ts";

export const SCHEDULES = ["NONE", "DAILY", "WEEKLY", "MONTHLY"] as const;
export type Schedule = (typeof SCHEDULES)[number];

export const PERIOD_PRESETS = ["YESTERDAY", "LAST_7_DAYS", "LAST_WEEK", "LAST_MONTH", "THIS_MONTH"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface ScheduleRule {
  schedule: Schedule;
  /** WEEKLY: 1 (Monday) to 7 (Sunday). */
  weekday?: number | null;
  /** MONTHLY: 1 to 31. */
  monthDay?: number | null;
  /** 0 to 23. */
  sendHour: number;
}

interface WallDate {
  year: number;
  /** 1 to 12; may run past either end (Date.UTC carries it over). */
  month: number;
  day: number;
}

/** The instant a clock in `timeZone` shows `hour`:00 on `date`; in a skipped hour (spring forward), the hour after. */
export function instantAt(timeZone: string, date: WallDate, hour = 0): Date {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).toISOString().slice(0, 10);
  return instantOf(timeZone, day, hour * 60);
}

function wallDateOf(timeZone: string, at: Date): WallDate {
  const shifted = new Date(at.getTime() + offsetMinutes(timeZone, at) * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The date `days` after `date` (normalised). */
function addDays(date: WallDate, days: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 (Monday) to 7 (Sunday). */
const isoWeekday = (d: WallDate) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7;

function sendsOn(rule: ScheduleRule, d: WallDate): boolean {
  if (rule.schedule === "DAILY") return true;
  if (rule.schedule === "WEEKLY") return isoWeekday(d) === rule.weekday;
  if (rule.schedule === "MONTHLY") return d.day === Math.min(rule.monthDay ?? 1, daysInMonth(d.year, d.month));
  return false;
}

/** The first send time strictly after `after`; null when the report is not scheduled. */
export function nextSendTime(rule: ScheduleRule, timeZone: string, after: Date): Date | null {
  if (rule.schedule === "NONE") return null;
  const today = wallDateOf(timeZone, after);
  // From yesterday on the org's clock: `after` may sit in the hour a change to winter time repeats.
  for (let i = -1; i <= 62; i++) {
    const d = addDays(today, i);
    if (!sendsOn(rule, d)) continue;
    const at = instantAt(timeZone, d, rule.sendHour);
    if (at.getTime() > after.getTime()) return at;
  }
  return null;
}

/** The whole days a preset covers as seen at `now`: [from, to). THIS_MONTH ends at `now`. */
export function presetPeriod(preset: PeriodPreset, timeZone: string, now: Date): { from: Date; to: Date } {
  const today = wallDateOf(timeZone, now);
  const at = (d: WallDate) => instantAt(timeZone, d);
  switch (preset) {
    case "YESTERDAY":
      return { from: at(addDays(today, -1)), to: at(today) };
    case "LAST_7_DAYS":
      return { from: at(addDays(today, -7)), to: at(today) };
    case "LAST_WEEK": {
      const monday = addDays(today, 1 - isoWeekday(today));
      return { from: at(addDays(monday, -7)), to: at(monday) };
    }
    case "LAST_MONTH":
      return { from: at({ year: today.year, month: today.month - 1, day: 1 }), to: at({ ...today, day: 1 }) };
    case "THIS_MONTH":
      return { from: at({ ...today, day: 1 }), to: now };
  }
}
