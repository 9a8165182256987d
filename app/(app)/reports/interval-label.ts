"use client";
// How a report names one of its intervals on screen, in the viewer's language and formats, on the
// organisation's clock: a month by name, a day or week by dates, a quarter-hour or hour by its time
// (short: for a chart's axis). The files name them the same way (lib/queue-report-export.ts).
import { useCallback } from "react";
import type { IntervalSize } from "../../../domain/reports/queue-figures.ts";
import { useDates } from "../../_client/use-dates.ts";

export function useIntervalLabel(interval: IntervalSize, timezone: string) {
  const dates = useDates();
  return useCallback(
    (i: { start: string; end: string }, short = false) => {
      if (interval === "MONTH")
        return new Intl.DateTimeFormat(dates.locale, { month: short ? "short" : "long", year: "numeric", timeZone: timezone }).format(new Date(i.start));
      if (interval === "DAY") return dates.format(i.start, short ? "dayMonth" : "date");
      if (interval === "WEEK")
        return short ? dates.format(i.start, "dayMonth") : `${dates.format(i.start, "date")} – ${dates.format(new Date(i.end).getTime() - 1, "date")}`;
      return dates.format(i.start, short ? "time" : "dateTime");
    },
    [interval, timezone, dates],
  );
}
