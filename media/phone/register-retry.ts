// How long a trunk whose registration failed (refused, unanswered, lost on a refresh) waits before
// it registers again: 5 s, doubling with each failure in a row, at most 5 minutes, with ±20 %
// jitter so that many trunks at one provider do not come back in step. It never gives up: a
// registrar that answers again, even hours later, gets the trunk back.
const FIRST_MS = 5_000;
const MAX_MS = 300_000;

/** The pause before attempt `failures + 1` (`failures`: failures in a row so far, from 0). */
export function registerRetryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_MS, FIRST_MS * 2 ** Math.min(failures, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}
