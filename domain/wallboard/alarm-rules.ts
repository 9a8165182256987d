// When an alarm is raised and when it clears. Pure: evaluate-alarms.ts reads the figures and keeps
// the occurrences. An alarm is raised as soon as its figure passes the threshold; it clears only
// once the figure is back past the threshold by a margin (hysteresis) and has stayed there for a
// steady few seconds, so a figure hovering at the threshold does not raise and clear it in turn.

export const ALARM_KINDS = [
  /** Agents signed in to the queue (any state but Offline): N or fewer left. */
  "SIGNED_IN_AT_MOST",
  /** Agents Ready in the queue: N or fewer. */
  "READY_AT_MOST",
  /** The longest wait now, over N seconds. */
  "LONGEST_WAIT_ABOVE",
  /** Service level today under N %. */
  "SERVICE_LEVEL_BELOW",
  /** Abandon rate today over N %. */
  "ABANDON_RATE_ABOVE",
  /** A trunk that should be registered is not (its registration failed). */
  "TRUNK_UNREGISTERED",
  /** An active SMS account's link has not been up for N minutes or more (texts are not going out). */
  "SMS_LINK_DOWN",
  /** A mailbox has failed to be read for N minutes or more (mail is not coming in). */
  "MAILBOX_FAILING",
] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
export const isAlarmKind = (v: string): v is AlarmKind => (ALARM_KINDS as readonly string[]).includes(v);
export const TRUNK_KINDS: readonly AlarmKind[] = ["TRUNK_UNREGISTERED"];
/** Alarms on the system's own links (monitoring), each over every account or mailbox: their value
 * is how many minutes the link has been failing (0: working). */
export const LINK_KINDS: readonly AlarmKind[] = ["SMS_LINK_DOWN", "MAILBOX_FAILING"];
/** Alarms on a queue's figures (the rest watch the telephone, SMS and e-mail links). */
export const isQueueKind = (kind: AlarmKind) => !TRUNK_KINDS.includes(kind) && !LINK_KINDS.includes(kind);

/** How long a figure must stay back within bounds before its alarm clears. */
export const CLEAR_AFTER_MS = 10_000;

/** Whether a higher value is worse (its peak is the highest) or a lower one. */
const HIGHER_IS_WORSE: Record<AlarmKind, boolean> = {
  SIGNED_IN_AT_MOST: false,
  READY_AT_MOST: false,
  LONGEST_WAIT_ABOVE: true,
  SERVICE_LEVEL_BELOW: false,
  ABANDON_RATE_ABOVE: true,
  TRUNK_UNREGISTERED: true,
  SMS_LINK_DOWN: true,
  MAILBOX_FAILING: true,
};

/** The figure passes the threshold. A figure not known yet (null: no calls today) raises nothing. */
export function breached(kind: AlarmKind, threshold: number, value: number | null): boolean {
  if (value === null) return false;
  switch (kind) {
    case "SIGNED_IN_AT_MOST":
    case "READY_AT_MOST":
      return value <= threshold;
    case "LONGEST_WAIT_ABOVE":
    case "ABANDON_RATE_ABOVE":
      return value > threshold;
    case "SERVICE_LEVEL_BELOW":
      return value < threshold;
    case "TRUNK_UNREGISTERED":
      return value >= 1;
    case "SMS_LINK_DOWN":
    case "MAILBOX_FAILING":
      return value > 0 && value >= threshold;
  }
}

/** The figure is back within bounds by the margin: counts of people by one, percentages by 2 points, waits by a tenth. */
export function recovered(kind: AlarmKind, threshold: number, value: number | null): boolean {
  if (value === null) return true;
  switch (kind) {
    case "SIGNED_IN_AT_MOST":
    case "READY_AT_MOST":
      return value >= threshold + 1;
    case "LONGEST_WAIT_ABOVE":
      return value <= threshold - Math.max(1, Math.round(threshold / 10));
    case "ABANDON_RATE_ABOVE":
      return value <= threshold - 2;
    case "SERVICE_LEVEL_BELOW":
      return value >= threshold + 2;
    case "TRUNK_UNREGISTERED":
      return value < 1;
    case "SMS_LINK_DOWN":
    case "MAILBOX_FAILING":
      return value === 0;
  }
}

export interface OpenAlarm {
  peakValue: number;
  clearingSince: Date | null;
}

export type Decision =
  | { action: "NONE" }
  | { action: "RAISE"; value: number }
  /** Still raised: its latest and worst values, and since when it has looked fine (null: it does not). */
  | { action: "KEEP"; lastValue: number; peakValue: number; clearingSince: Date | null }
  | { action: "CLEAR"; lastValue: number };

/** What to do with one alarm of one queue (or trunk), given its figure now and whether it is raised. */
export function decide(kind: AlarmKind, threshold: number, value: number | null, open: OpenAlarm | null, now: Date, clearAfterMs = CLEAR_AFTER_MS): Decision {
  if (!open) return breached(kind, threshold, value) ? { action: "RAISE", value: value! } : { action: "NONE" };
  const last = value ?? open.peakValue;
  const peakValue = value === null ? open.peakValue : HIGHER_IS_WORSE[kind] ? Math.max(open.peakValue, value) : Math.min(open.peakValue, value);
  if (!recovered(kind, threshold, value)) return { action: "KEEP", lastValue: last, peakValue, clearingSince: null };
  const since = open.clearingSince ?? now;
  if (now.getTime() - since.getTime() >= clearAfterMs) return { action: "CLEAR", lastValue: last };
  return { action: "KEEP", lastValue: last, peakValue, clearingSince: since };
}
