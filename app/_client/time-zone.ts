/** Minutes to add to UTC to get the wall-clock time in `timeZone` at `at`. */
function offsetMinutes(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
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
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((wall - at.getTime()) / 60_000);
}

/** Midnight of `at`'s day as the organisation's clock shows it, as an instant. */
export function startOfDay(timeZone: string, at: Date): Date {
  const wall = new Date(at.getTime() + offsetMinutes(timeZone, at) * 60_000);
  const midnightWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  // The offset at midnight may differ from now (daylight saving): ask again at the guess.
  const guess = midnightWall - offsetMinutes(timeZone, new Date(midnightWall)) * 60_000;
  return new Date(midnightWall - offsetMinutes(timeZone, new Date(guess)) * 60_000);
}
