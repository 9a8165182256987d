// The queue report's arithmetic: interval rows summed into the report's intervals (15 minutes, an
// hour, a day, a week, a month on the organisation's clock) and the rates and averages computed
// from the sums. Pure; definitions in docs/reports.md.

export const INTERVAL_SIZES = ["QUARTER_HOUR", "HOUR", "DAY", "WEEK", "MONTH"] as const;
export type IntervalSize = (typeof INTERVAL_SIZES)[number];

/** Longest period shown in each interval size (a screen of rows, not thousands). */
export const MAX_DAYS_FOR: Record<IntervalSize, number> = { QUARTER_HOUR: 7, HOUR: 31, DAY: 93, WEEK: 93, MONTH: 93 };

export interface Sums {
  offered: number;
  answered: number;
  answeredInSl: number;
  abandoned: number;
  abandonedInSl: number;
  shortAbandoned: number;
  transferred: number;
  offers: number;
  waitSeconds: number;
  waitMax: number;
  answeredWaitSeconds: number;
  talkSeconds: number;
  talkMax: number;
}

export interface Figures extends Sums {
  /** Answered within the target ÷ (offered − short abandons); null when nothing counts. */
  serviceLevel: number | null;
  /** (abandoned − short abandons) ÷ (offered − short abandons). */
  abandonRate: number | null;
  /** Average speed of answer: the answered calls' wait ÷ answered. */
  asa: number | null;
  averageWait: number | null;
  /** Average handling (talk) time: talk ÷ answered. */
  averageTalk: number | null;
  offersPerCall: number | null;
}

export const ZERO: Sums = {
  offered: 0,
  answered: 0,
  answeredInSl: 0,
  abandoned: 0,
  abandonedInSl: 0,
  shortAbandoned: 0,
  transferred: 0,
  offers: 0,
  waitSeconds: 0,
  waitMax: 0,
  answeredWaitSeconds: 0,
  talkSeconds: 0,
  talkMax: 0,
};

export function add(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as (keyof Sums)[]) out[k] = k === "waitMax" || k === "talkMax" ? Math.max(a[k], b[k]) : a[k] + b[k];
  return out;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function figuresOf(s: Sums): Figures {
  const counted = s.offered - s.shortAbandoned;
  return {
    ...s,
    serviceLevel: ratio(s.answeredInSl, counted),
    abandonRate: ratio(s.abandoned - s.shortAbandoned, counted),
    asa: ratio(s.answeredWaitSeconds, s.answered),
    averageWait: ratio(s.waitSeconds, s.offered),
    averageTalk: ratio(s.talkSeconds, s.answered),
    offersPerCall: ratio(s.offers, s.offered),
  };
}

/** A zone's wall clock, with one formatter per zone (they are slow to make). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function clock(timeZone: string, at: Date) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The key of the report interval a 15-minute bucket belongs to: the bucket itself, the start of
 * its hour (an instant, so the hour repeated when clocks go back is a row of its own), or its
 * local date (day), the Monday of its week, its month.
 */
export function intervalKey(size: IntervalSize, timeZone: string, bucket: Date): string {
  if (size === "QUARTER_HOUR") return bucket.toISOString();
  const c = clock(timeZone, bucket);
  if (size === "HOUR") return new Date(bucket.getTime() - c.minute * 60_000).toISOString();
  if (size === "MONTH") return `${c.year}-${pad(c.month)}`;
  const date = Date.UTC(c.year, c.month - 1, c.day);
  if (size === "DAY") return new Date(date).toISOString().slice(0, 10);
  const monday = date - ((new Date(date).getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

export interface Interval {
  key: string;
  /** The first instant of the interval inside the period, and the end (exclusive). */
  start: Date;
  end: Date;
}

/** Every interval of [from, to) in order, quiet ones included. */
export function intervalsOf(size: IntervalSize, timeZone: string, from: Date, to: Date): Interval[] {
  const out: Interval[] = [];
  const q = 15 * 60_000;
  for (let t = Math.ceil(from.getTime() / q) * q; t < to.getTime(); t += q) {
    const key = intervalKey(size, timeZone, new Date(t));
    const last = out.at(-1);
    if (last?.key === key) last.end = new Date(t + q);
    else out.push({ key, start: new Date(Math.max(t, from.getTime())), end: new Date(t + q) });
  }
  if (out.length) out[out.length - 1].end = new Date(Math.min(out[out.length - 1].end.getTime(), to.getTime()));
  return out;
}
