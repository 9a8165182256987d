// What the pacer has learnt about how long things last: rings (and whether a person answered) and
// talks. Conditional on what has already elapsed, so a call ringing for 20 s or a talk at its
// fourth minute is judged by the calls that got that far. Pure; a bounded window of the most
// recent observations, so a change of list or time of day is followed.

/** Sorted numbers with insertion order kept, bounded to the newest `limit`. */
class RecentSorted {
  private readonly order: number[] = [];
  readonly sorted: number[] = [];
  sum = 0;
  constructor(private readonly limit: number) {}

  add(value: number) {
    this.order.push(value);
    this.sum += value;
    insert(this.sorted, value);
    if (this.order.length > this.limit) {
      const old = this.order.shift()!;
      this.sum -= old;
      remove(this.sorted, old);
    }
  }

  get size() {
    return this.sorted.length;
  }

  /** How many are ≤ x. */
  atMost(x: number) {
    return upperBound(this.sorted, x);
  }
}

function lowerBound(a: number[], x: number) {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: number[], x: number) {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Talk (or any) durations: the chance that one which has lasted `elapsed` s ends within `within` s. */
export class Durations {
  private readonly seen: RecentSorted;

  constructor(
    private readonly fallbackMean: number,
    limit = 2000,
  ) {
    this.seen = new RecentSorted(limit);
  }

  add(seconds: number) {
    this.seen.add(seconds);
  }

  get count() {
    return this.seen.size;
  }

  get mean() {
    return this.seen.size ? this.seen.sum / this.seen.size : this.fallbackMean;
  }

  /** P(ends by elapsed + within | still going at elapsed). Few observations (or none that lasted
   * this long): a memoryless guess from the mean. */
  endsWithin(elapsed: number, within: number): number {
    if (within <= 0) return 0;
    const total = this.seen.size;
    const beyond = total - this.seen.atMost(elapsed);
    if (total < 20 || beyond < 5) return 1 - Math.exp(-within / this.mean);
    return (this.seen.atMost(elapsed + within) - this.seen.atMost(elapsed)) / beyond;
  }
}

/** Rings: how long a call rang and whether a person (not a machine, busy tone or silence) answered,
 * over the same window of recent calls. */
export class Rings {
  private readonly order: { seconds: number; human: boolean }[] = [];
  private readonly all: number[] = [];
  private readonly human: number[] = [];

  constructor(
    private readonly limit = 2000,
    /** Until enough rings are seen: the share answered by a person, and after how long. */
    private readonly prior = { humanShare: 0.3, humanRingSeconds: 10 },
  ) {}

  add(seconds: number, human: boolean) {
    this.order.push({ seconds, human });
    insert(this.all, seconds);
    if (human) insert(this.human, seconds);
    if (this.order.length > this.limit) {
      const old = this.order.shift()!;
      remove(this.all, old.seconds);
      if (old.human) remove(this.human, old.seconds);
    }
  }

  get count() {
    return this.all.length;
  }

  get humanCount() {
    return this.human.length;
  }

  /** The share of dialled calls a person answered. */
  get humanShare() {
    return this.all.length < 30 ? this.prior.humanShare : this.human.length / this.all.length;
  }

  /** The seconds by which the given share of person-answered calls had been answered. */
  humanRingQuantile(q: number): number {
    const s = this.human;
    if (s.length < 10) return this.prior.humanRingSeconds * (0.5 + q);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))];
  }

  /** P(a person answers by `by` s of ringing | still ringing at `elapsed` s). */
  humanBy(elapsed: number, by: number): number {
    if (by <= elapsed) return 0;
    const beyond = this.all.length - upperBound(this.all, elapsed);
    if (this.all.length < 30 || beyond < 5) {
      // The prior: answers spread evenly over twice the usual ring time.
      const span = this.prior.humanRingSeconds * 2;
      if (elapsed >= span) return 0;
      return this.prior.humanShare * Math.min(1, (Math.min(by, span) - elapsed) / (span - elapsed));
    }
    return (upperBound(this.human, by) - upperBound(this.human, elapsed)) / beyond;
  }
}

function insert(sorted: number[], value: number) {
  sorted.splice(upperBound(sorted, value), 0, value);
}

function remove(sorted: number[], value: number) {
  sorted.splice(lowerBound(sorted, value), 1);
}
