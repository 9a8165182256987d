// A new day on an organisation's clock: the wall-board's "today" figures start again from zero at
// its midnight, even when nothing happens on a quiet night to make the boards read again. The
// worker's job `wallboard.new_day` asks, every half minute, which organisations passed midnight
// since it last looked, and tells their boards (event `wallboard.day_started`).
import type { Deps } from "../ports.ts";
import { startOfDay } from "../shared/wall-clock.ts";

/** The organisations whose midnight fell after `since` and no later than `now`. Pure. */
export function pastMidnight(organizations: { id: string; timezone: string }[], since: Date, now: Date): string[] {
  return organizations.filter((o) => startOfDay(o.timezone, now) > since).map((o) => o.id);
}

/** Tells the boards of the organisations that passed midnight since `since`; returns how many. */
export async function announceNewDays(since: Date, deps: Pick<Deps, "db" | "events" | "now">): Promise<number> {
  const now = deps.now();
  const organizations = await deps.db.organization.findMany({ select: { id: true, timezone: true } });
  const ids = pastMidnight(organizations, since, now);
  for (const organizationId of ids) deps.events.publish("wallboard.day_started", { organizationId });
  return ids.length;
}
