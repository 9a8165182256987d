/** A job's period in the largest whole unit, for words such as "every 5 s" or "every hour". */
export function scheduleParts(everyMs: number): { unit: "second" | "minute" | "hour"; count: number } {
  if (everyMs >= 3_600_000 && everyMs % 3_600_000 === 0) return { unit: "hour", count: everyMs / 3_600_000 };
  if (everyMs >= 60_000 && everyMs % 60_000 === 0) return { unit: "minute", count: everyMs / 60_000 };
  return { unit: "second", count: Math.round(everyMs / 100) / 10 };
}
