// The Outbound calls report's table columns, in order: the figure each shows, how it reads and which
// calls its cell lists. The screen, the CSV and the XLSX use this one list; their words are
// messages' reports.outbound.column.<key>.
import type { OutboundFigure } from "./outbound-report-list.ts";
import type { OutboundFigures } from "./outbound-report.ts";
import type { ColumnKind } from "./queue-columns.ts";

export interface OutboundColumn {
  key: Exclude<keyof OutboundFigures, "invalidNumber" | "networkError">;
  kind: ColumnKind;
  drill: OutboundFigure;
}

export const OUTBOUND_COLUMNS: OutboundColumn[] = [
  { key: "calls", kind: "count", drill: "CALLS" },
  { key: "answered", kind: "count", drill: "ANSWERED" },
  { key: "answerRate", kind: "percent", drill: "ANSWERED" },
  { key: "ringAvg", kind: "duration", drill: "ANSWERED" },
  { key: "talkAvg", kind: "duration", drill: "ANSWERED" },
  { key: "talkMax", kind: "duration", drill: "ANSWERED" },
  { key: "talkTotal", kind: "duration", drill: "ANSWERED" },
  { key: "machine", kind: "count", drill: "MACHINE" },
  { key: "abandoned", kind: "count", drill: "ABANDONED" },
  { key: "abandonRate", kind: "percent", drill: "ABANDONED" },
  { key: "busy", kind: "count", drill: "BUSY" },
  { key: "noAnswer", kind: "count", drill: "NO_ANSWER" },
  { key: "failed", kind: "count", drill: "FAILED" },
  { key: "cancelled", kind: "count", drill: "CANCELLED" },
];
