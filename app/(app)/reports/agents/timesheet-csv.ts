// The timesheet as a CSV file (one row per agent and day, then each agent's total), for Excel and
// payroll: durations as h:mm:ss, ratios as whole percent, dates and times as the screen shows
// them. UTF-8 with a byte-order mark, so Excel reads Polish and Russian names right.
import { csvFile } from "../../../../domain/shared/csv.ts";
import type { AgentFigures, AgentTimeData } from "./agent-time-query.ts";

export interface TimesheetWords {
  columns: string[];
  total: string;
  duration: (seconds: number | null) => string;
  dateTime: (iso: string | null) => string;
  day: (date: string) => string;
}

/** `report`'s pause reasons carry their names in the language of the file. */
export function timesheetCsv(report: Omit<AgentTimeData, "pauseReasons"> & { pauseReasons: { id: string; name: string }[] }, words: TimesheetWords): string {
  const pauseIds = report.pauseReasons.map((p) => p.id);
  const header = [...words.columns, ...report.pauseReasons.map((p) => p.name)];
  const row = (agent: AgentTimeData["agents"][number], when: string, f: AgentFigures) => [
    when,
    agent.name,
    agent.username,
    words.duration(f.signedIn),
    f.sessions,
    words.dateTime(f.firstSignIn),
    words.dateTime(f.lastSignOut),
    words.duration(f.states.ready),
    words.duration(f.talk),
    words.duration(f.states.wrapUp),
    words.duration(f.states.pause),
    words.duration(f.states.break),
    words.duration(f.states.away),
    f.occupancy === null ? "" : Math.round(f.occupancy * 100),
    f.utilisation === null ? "" : Math.round(f.utilisation * 100),
    ...pauseIds.map((id) => words.duration(f.pauses.find((p) => p.pauseReasonId === id)?.seconds ?? 0)),
  ];
  const rows = report.agents.flatMap((a) => [...a.days.map((d) => row(a, words.day(d.date), d.figures)), row(a, words.total, a.total)]);
  return csvFile([header, ...rows]);
}
