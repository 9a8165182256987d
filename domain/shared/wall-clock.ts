// Wall-clock time in an organisation's time zone (days, business hours), from Intl alone.

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function parts(timeZone: string, at: Date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

/** Minutes to add to UTC to get the wall-clock time in `timeZone` at `at`. */
export function offsetMinutes(timeZone: string, at: Date): number {
  const p = parts(timeZone, at);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at.getTime()) / 60_000);
}

/** The date, weekday and minute of the day that a clock in `timeZone` shows at `at`. */
export function wallClock(timeZone: string, at: Date): { date: string; weekday: Weekday; minuteOfDay: number } {
  const p = parts(timeZone, at);
  const date = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  return { date, weekday: WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()], minuteOfDay: p.hour * 60 + p.minute };
}

/** `at` as a clock in `timeZone` shows it, "2026-12-05 09:30:00" (exports and sheets). */
export function localTimestamp(timeZone: string, at: Date): string {
  const p = parts(timeZone, at);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** Midnight of `at`'s day as the organisation's clock shows it, as an instant. */
export function startOfDay(timeZone: string, at: Date): Date {
  const wall = new Date(at.getTime() + offsetMinutes(timeZone, at) * 60_000);
  const midnightWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  // The offset at midnight may differ from now (daylight saving): ask again at the guess.
  const guess = midnightWall - offsetMinutes(timeZone, new Date(midnightWall)) * 60_000;
  return new Date(midnightWall - offsetMinutes(timeZone, new Date(guess)) * 60_000);
}

/**
 * The instant a clock in `timeZone` shows `minuteOfDay` on `date` (YYYY-MM-DD). A time shown twice
 * (the clocks go back) is its first showing; a time the clocks skip (they go forward) is read as
 * the moment the clock shows that much later (02:30 → 03:30).
 */
export function instantOf(timeZone: string, date: string, minuteOfDay: number): Date {
  const wall = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + minuteOfDay * 60_000;
  const first = wall - offsetMinutes(timeZone, new Date(wall)) * 60_000;
  // The offset at the guess may differ from the offset at the answer (a change in between): ask again.
  const second = wall - offsetMinutes(timeZone, new Date(first)) * 60_000;
  const reads = (t: number) => t + offsetMinutes(timeZone, new Date(t)) * 60_000 === wall;
  const exact = [first, second, first - 3600_000].filter(reads);
  if (exact.length) return new Date(Math.min(...exact));
  return new Date(Math.max(first, second));
}
