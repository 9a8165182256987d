// The queue report's table columns, in order: the figure each shows, how it reads (a count, a
// share, a duration, a ratio) and which interactions its cell lists. The screen, the CSV and the
// XLSX export use this one list; their words are messages' reports.queues.column.<key>.
import type { Figures } from "./queue-figures.ts";
import type { DrillFigure } from "./queue-report-calls.ts";

export type ColumnKind = "count" | "percent" | "duration" | "ratio";

export interface QueueColumn {
  key: Exclude<keyof Figures, "answeredWaitSeconds">;
  kind: ColumnKind;
  drill: DrillFigure;
}

export const QUEUE_COLUMNS: QueueColumn[] = [
  { key: "offered", kind: "count", drill: "OFFERED" },
  { key: "answered", kind: "count", drill: "ANSWERED" },
  { key: "abandoned", kind: "count", drill: "ABANDONED" },
  { key: "shortAbandoned", kind: "count", drill: "SHORT_ABANDONED" },
  { key: "answeredInSl", kind: "count", drill: "ANSWERED_IN_SL" },
  { key: "serviceLevel", kind: "percent", drill: "OFFERED" },
  { key: "abandonRate", kind: "percent", drill: "ABANDONED" },
  { key: "asa", kind: "duration", drill: "ANSWERED" },
  { key: "averageWait", kind: "duration", drill: "OFFERED" },
  { key: "waitMax", kind: "duration", drill: "OFFERED" },
  { key: "averageTalk", kind: "duration", drill: "ANSWERED" },
  { key: "talkSeconds", kind: "duration", drill: "ANSWERED" },
  { key: "offersPerCall", kind: "ratio", drill: "OFFERED" },
  { key: "transferred", kind: "count", drill: "TRANSFERRED" },
];

/** A value as the plain text of a CSV cell: durations h:mm:ss, shares in whole percent, ratios to 2 places. */
export function plainValue(kind: ColumnKind, value: number | null): string {
  if (value === null) return "";
  if (kind === "percent") return String(Math.round(value * 100));
  if (kind === "ratio") return value.toFixed(2);
  if (kind === "duration") {
    const total = Math.round(value);
    const h = Math.floor(total / 3600);
    return `${h}:${String(Math.floor((total % 3600) / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
  }
  return String(value);
}
