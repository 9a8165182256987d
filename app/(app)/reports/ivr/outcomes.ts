// The IVR report's outcomes in the order charts stack them (handed on well first, lost last) and
// their colours, shared by the tiles, the whole-period bar and the per-day columns.
export const OUTCOMES = [
  { key: "queue", color: "#16a34a" },
  { key: "callback", color: "#0ea5e9" },
  { key: "voicemail", color: "#6366f1" },
  { key: "transfer", color: "#14b8a6" },
  { key: "endedByFlow", color: "#94a3b8" },
  { key: "queueRefused", color: "#f59e0b" },
  { key: "failed", color: "#9333ea" },
  { key: "abandoned", color: "#e11d48" },
  { key: "inProgress", color: "#cbd5e1" },
] as const;

export type OutcomeKey = (typeof OUTCOMES)[number]["key"];
