// The timesheet's columns, in order, for the CSV and the XLSX: the figure each shows (agent-time.ts)
// and how it reads; their words are messages' reports.agents.file.column.<key>. After them, a
// column per pause reason the period mentions.
import type { TimeFigures } from "./agent-time.ts";

export type TimeColumnKind = "count" | "duration" | "percent" | "dateTime";

export const AGENT_TIME_COLUMNS: { key: string; kind: TimeColumnKind; value: (f: TimeFigures) => number | Date | null }[] = [
  { key: "signedIn", kind: "duration", value: (f) => f.signedIn },
  { key: "sessions", kind: "count", value: (f) => f.sessions },
  { key: "firstSignIn", kind: "dateTime", value: (f) => f.firstSignIn },
  { key: "lastSignOut", kind: "dateTime", value: (f) => f.lastSignOut },
  { key: "longestSession", kind: "duration", value: (f) => f.longestSession },
  { key: "shortestSession", kind: "duration", value: (f) => f.shortestSession },
  { key: "averageSession", kind: "duration", value: (f) => f.averageSession },
  { key: "ready", kind: "duration", value: (f) => f.states.READY },
  { key: "talk", kind: "duration", value: (f) => f.talk },
  { key: "hold", kind: "duration", value: (f) => f.hold },
  { key: "wrapUp", kind: "duration", value: (f) => f.states.WRAP_UP },
  { key: "pause", kind: "duration", value: (f) => f.states.PAUSE },
  { key: "break", kind: "duration", value: (f) => f.states.BREAK },
  { key: "away", kind: "duration", value: (f) => f.states.AWAY },
  { key: "occupancy", kind: "percent", value: (f) => f.occupancy },
  { key: "utilisation", kind: "percent", value: (f) => f.utilisation },
];
