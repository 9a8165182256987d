import { wallClock } from "../shared/wall-clock.ts";
import type { WidgetConfig } from "./widget-config.ts";

/** Whether the contact centre answers now, in the organisation's time zone. */
export function isOpen(hours: WidgetConfig["businessHours"], timeZone: string, now: Date): boolean {
  if (!hours.enabled) return true;
  const clock = wallClock(timeZone, now);
  if (hours.holidays.includes(clock.date)) return false;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return (hours.days[clock.weekday] ?? []).some((i) => clock.minuteOfDay >= minutes(i.from) && clock.minuteOfDay < minutes(i.to));
}
