import { describe, expect, it } from "vitest";
import { businessHoursSchema } from "../entry-points/business-hours.ts";
import { readSlaSettings, targetsFor } from "../queues/sla-settings.ts";
import { addCountedTime, countedTimeBetween, isBreached, nextSla, type SlaPolicy, slaView } from "./sla.ts";

const tz = "Europe/Warsaw";
const weekdays = { from: "08:00", to: "16:00" };
const office = businessHoursSchema.parse({
  enabled: true,
  days: { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays], sun: [{ from: "01:00", to: "05:00" }] },
  holidays: ["2026-12-25"],
});
const roundTheClock: SlaPolicy = { firstResponseMinutes: 30, resolutionMinutes: 8 * 60, hours: null, timeZone: tz };
const inHours: SlaPolicy = { ...roundTheClock, hours: office };
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

function created(policy: SlaPolicy, when: string) {
  return nextSla(null, { type: "created", at: at(when), category: "NEW" }, policy);
}

describe("counted time", () => {
  it("counts every hour without opening hours", () => {
    expect(iso(addCountedTime(at("2026-03-28T22:00:00Z"), 4 * 3_600_000, roundTheClock))).toBe("2026-03-29T02:00:00.000Z");
  });
  it("starts at the next opening for a case created at night, and skips the weekend and holidays", () => {
    // Friday 2026-12-04 17:00 in Warsaw (16:00Z): closed; Monday 08:00 = 07:00Z; 30 minutes later.
    expect(iso(addCountedTime(at("2026-12-04T16:00:00Z"), 30 * 60_000, { ...inHours, hours: { ...office, days: { ...office.days, sun: [] } } }))).toBe(
      "2026-12-07T07:30:00.000Z",
    );
    // Thursday 24 Dec 15:00 local, 2 hours: one hour on Thursday, Christmas is closed, one on Monday 28th (the Sunday night counts 4h: 25th is Friday).
    expect(iso(addCountedTime(at("2026-12-24T14:00:00Z"), 2 * 3_600_000, inHours))).toBe("2026-12-27T01:00:00.000Z");
  });
  it("gives an opening its real length on the day clocks go forward (Sunday 29 March 2026 in Warsaw)", () => {
    // Sunday 01:00–05:00 local: 00:00Z–03:00Z, three real hours, since 02:00 becomes 03:00.
    expect(countedTimeBetween(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"), inHours)).toBe(3 * 3_600_000);
    expect(iso(addCountedTime(at("2026-03-28T23:30:00Z"), 3 * 3_600_000, inHours))).toBe("2026-03-29T03:00:00.000Z");
    // Half an hour more: Monday 08:30 in summer time.
    expect(iso(addCountedTime(at("2026-03-28T23:30:00Z"), 3.5 * 3_600_000, inHours))).toBe("2026-03-30T06:30:00.000Z");
  });
  it("and on the day they go back (Sunday 25 October 2026): five real hours", () => {
    expect(countedTimeBetween(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"), inHours)).toBe(5 * 3_600_000);
    // A 24-hour clock still means 24 real hours across the change.
    expect(iso(addCountedTime(at("2026-10-24T10:00:00Z"), 24 * 3_600_000, roundTheClock))).toBe("2026-10-25T10:00:00.000Z");
  });
  it("starts a Monday-morning clock at 08:00 local in summer and in winter", () => {
    expect(iso(created(inHours, "2026-07-06T04:00:00Z").firstResponseDueAt)).toBe("2026-07-06T06:30:00.000Z");
    expect(iso(created(inHours, "2026-11-23T05:00:00Z").firstResponseDueAt)).toBe("2026-11-23T07:30:00.000Z");
  });
});

describe("the clocks of a case", () => {
  const monday = "2026-11-23T08:00:00Z"; // 09:00 in Warsaw
  it("runs both clocks from creation; the first answer stops the first, on time", () => {
    const s = created(inHours, monday);
    expect(iso(s.firstResponseDueAt)).toBe("2026-11-23T08:30:00.000Z");
    expect(iso(s.resolutionDueAt)).toBe("2026-11-24T08:00:00.000Z"); // 7 hours on Monday, 1 on Tuesday
    expect(iso(s.dueAt)).toBe("2026-11-23T08:30:00.000Z");
    expect(slaView(s, "NEW", at("2026-11-23T08:10:00Z"))).toEqual({ clock: "FIRST_RESPONSE", remainingMs: 20 * 60_000, tone: "ok" });
    expect(slaView(s, "NEW", at("2026-11-23T08:25:00Z")).tone).toBe("warn");
    const answered = nextSla(s, { type: "first_response", at: at("2026-11-23T08:20:00Z"), category: "OPEN" }, inHours);
    expect(answered).toMatchObject({ breached: false, dueAt: s.resolutionDueAt });
    expect(slaView(answered, "OPEN", at("2026-11-23T09:00:00Z")).clock).toBe("RESOLUTION");
    // A second answer changes nothing.
    expect(nextSla(answered, { type: "first_response", at: at("2026-11-23T10:00:00Z"), category: "OPEN" }, inHours)).toBe(answered);
  });
  it("is breached once a running clock passes its due time, and a late answer keeps it so", () => {
    const s = created(roundTheClock, monday);
    expect(isBreached(s, at("2026-11-23T08:29:00Z"))).toBe(false);
    expect(isBreached(s, at("2026-11-23T08:30:00Z"))).toBe(true);
    expect(slaView(s, "NEW", at("2026-11-23T08:40:00Z"))).toMatchObject({ remainingMs: -10 * 60_000, tone: "breached" });
    const late = nextSla(s, { type: "first_response", at: at("2026-11-23T08:45:00Z"), category: "OPEN" }, roundTheClock);
    expect(late.breached).toBe(true);
    expect(isBreached(late, at("2026-11-23T09:00:00Z"))).toBe(true);
  });
  it("holds the resolution clock while the case waits on the customer, and adds the wait", () => {
    let s = created(inHours, monday);
    s = nextSla(s, { type: "first_response", at: at("2026-11-23T08:10:00Z"), category: "OPEN" }, inHours);
    s = nextSla(s, { type: "status", at: at("2026-11-23T10:00:00Z"), from: "OPEN", to: "PENDING" }, inHours);
    expect(s.dueAt).toBeNull();
    expect(slaView(s, "PENDING", at("2026-11-30T10:00:00Z"))).toEqual({ clock: "HELD", remainingMs: null, tone: "ok" });
    // 6 counted hours were left at 11:00 local; back on Wednesday 10:00 local (09:00Z): 6 on Wednesday → 16:00 local.
    s = nextSla(s, { type: "status", at: at("2026-11-25T09:00:00Z"), from: "PENDING", to: "OPEN" }, inHours);
    expect(iso(s.resolutionDueAt)).toBe("2026-11-25T15:00:00.000Z");
    expect(s.breached).toBe(false);
  });
  it("misses nothing when resolved in time, and a target when resolved late", () => {
    const s = nextSla(created(roundTheClock, monday), { type: "first_response", at: at("2026-11-23T08:05:00Z"), category: "OPEN" }, roundTheClock);
    const onTime = nextSla(s, { type: "status", at: at("2026-11-23T12:00:00Z"), from: "OPEN", to: "RESOLVED" }, roundTheClock);
    expect(onTime).toMatchObject({ breached: false, dueAt: null });
    expect(slaView(onTime, "RESOLVED", at("2026-11-30T00:00:00Z")).clock).toBe("NONE");
    const lateResolved = nextSla(s, { type: "status", at: at("2026-11-23T17:00:00Z"), from: "OPEN", to: "CLOSED" }, roundTheClock);
    expect(lateResolved.breached).toBe(true);
  });
  it("starts the resolution clock afresh when reopened, and the first-response one if nobody had answered", () => {
    const resolved = nextSla(created(roundTheClock, monday), { type: "status", at: at("2026-11-23T08:10:00Z"), from: "NEW", to: "RESOLVED" }, roundTheClock);
    expect(resolved.breached).toBe(false);
    const reopened = nextSla(resolved, { type: "status", at: at("2026-11-27T10:00:00Z"), from: "RESOLVED", to: "OPEN" }, roundTheClock);
    expect(iso(reopened.resolutionDueAt)).toBe("2026-11-27T18:00:00.000Z");
    expect(iso(reopened.firstResponseDueAt)).toBe("2026-11-27T10:30:00.000Z");
    expect(iso(reopened.dueAt)).toBe("2026-11-27T10:30:00.000Z");
    expect(reopened.heldAt).toBeNull();
  });
  it("reopened while a target had been missed, stays missed", () => {
    const late = nextSla(created(roundTheClock, monday), { type: "status", at: at("2026-11-24T08:00:00Z"), from: "OPEN", to: "RESOLVED" }, roundTheClock);
    expect(late.breached).toBe(true);
    expect(nextSla(late, { type: "status", at: at("2026-11-25T08:00:00Z"), from: "RESOLVED", to: "OPEN" }, roundTheClock).breached).toBe(true);
  });
  it("has no clocks without targets", () => {
    const none = created({ ...roundTheClock, firstResponseMinutes: null, resolutionMinutes: null }, monday);
    expect(none).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, dueAt: null, breached: false });
    expect(slaView(none, "NEW", at(monday)).clock).toBe("NONE");
  });
});

describe("queue settings", () => {
  it("uses a channel's own pair, else the queue's, and the hours only when enabled", () => {
    const settings = readSlaSettings({ firstResponseMinutes: 60, resolutionMinutes: 480, channels: { CHAT: { firstResponseMinutes: 2, resolutionMinutes: null } } });
    expect(targetsFor(settings, "CHAT")).toEqual({ firstResponseMinutes: 2, resolutionMinutes: null, hours: null });
    expect(targetsFor(settings, "EMAIL")).toMatchObject({ firstResponseMinutes: 60, resolutionMinutes: 480 });
    expect(readSlaSettings({ firstResponseMinutes: "soon" })).toMatchObject({ firstResponseMinutes: null });
    expect(targetsFor(readSlaSettings({ businessHours: { enabled: true, days: { mon: [weekdays] } } }), "VOICE").hours?.enabled).toBe(true);
  });
});
