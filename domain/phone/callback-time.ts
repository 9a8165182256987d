// When a web visitor asks to be called: as soon as possible, or a time within the next two weeks.
// Browsers send an instant (ISO with its zone, from the widget); a site's own form may send what
// a datetime-local field holds ("2025-05-03T14:30", no zone), which means the organisation's clock.
import { offsetMinutes } from "../shared/wall-clock.ts";

export const MAX_DAYS_AHEAD = 14;
/** A time a little in the past is "now": the visitor picked it a moment ago. */
export const PAST_SLACK_MS = 60_000;

const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The instant asked for; null for none (as soon as possible); "invalid" when it is not a time. */
export function parseRequestedTime(raw: string | null | undefined, timeZone: string): Date | null | "invalid" {
  const v = (raw ?? "").trim();
  if (!v) return null;
  if (ZONED.test(v)) {
    const at = new Date(v);
    return Number.isNaN(at.getTime()) ? "invalid" : at;
  }
  const m = WALL.exec(v);
  if (!m) return "invalid";
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  // 2025-02-30 or 25:00 are not times (Date.UTC would roll them over).
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || check.getUTCHours() !== h || check.getUTCMinutes() !== mi) return "invalid";
  // The offset where the wall clock is, asked twice: once near the guess, once at it (daylight saving).
  const guess = wall - offsetMinutes(timeZone, new Date(wall)) * 60_000;
  return new Date(wall - offsetMinutes(timeZone, new Date(guess)) * 60_000);
}

/** Why this time cannot be the call-back's, or null when it can. */
export function requestedTimeProblem(at: Date, now: Date): "past" | "too_far" | null {
  if (at.getTime() < now.getTime() - PAST_SLACK_MS) return "past";
  if (at.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) return "too_far";
  return null;
}
