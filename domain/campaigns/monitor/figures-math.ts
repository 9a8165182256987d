// The campaign monitor's arithmetic, pure: abandon rates (abandoned ÷ person-answered, the rule the
// pacer keeps under the campaign's cap: docs/campaigns.md) and today's hours in the organisation's
// time zone. The SQL in campaign-figures.ts only counts; what the counts mean is decided here.

/** Abandoned calls as a percentage of person-answered ones; null before anyone answered. */
export function abandonPercent(abandoned: number, personAnswered: number): number | null {
  if (personAnswered <= 0) return null;
  return Math.round((abandoned / personAnswered) * 10000) / 100;
}

/** How an abandon rate stands against the cap: under 90 % of it fine, under the cap near, else over. */
export type CapLevel = "NONE" | "OK" | "NEAR" | "OVER";
export function capLevel(percent: number | null, capPercent: number): CapLevel {
  if (percent === null) return "NONE";
  if (percent > capPercent) return "OVER";
  if (percent >= capPercent * 0.9) return "NEAR";
  return "OK";
}

export interface HourCount {
  /** Hour of the day (0–23) in the organisation's time zone. */
  hour: number;
  dialled: number;
  personAnswered: number;
  abandoned: number;
}

export interface HourFigures extends HourCount {
  abandonPercent: number | null;
}

/** Every hour of today up to the current one (0 … `currentHour`), counted or not, with its rate.
 * Rows of the same hour (the repeated hour of a DST change) are added together. */
export function hourBuckets(rows: readonly HourCount[], currentHour: number): HourFigures[] {
  const last = Math.max(0, Math.min(23, Math.floor(currentHour)));
  const out: HourFigures[] = [];
  for (let hour = 0; hour <= last; hour++) out.push({ hour, dialled: 0, personAnswered: 0, abandoned: 0, abandonPercent: null });
  for (const r of rows) {
    const b = out[r.hour];
    if (!b) continue;
    b.dialled += r.dialled;
    b.personAnswered += r.personAnswered;
    b.abandoned += r.abandoned;
  }
  for (const b of out) b.abandonPercent = abandonPercent(b.abandoned, b.personAnswered);
  return out;
}

/** Calls a contact not yet done may still get: the campaign's maximum less those made (never below 0). */
export function attemptsLeft(maxAttempts: number, attemptsMade: number, contacts: number): number {
  return Math.max(0, maxAttempts * contacts - attemptsMade);
}
