// The agents' timesheet as a file, in the reader's language: a row per agent and day (sheet 1),
// then the period's summary, a row per agent (sheet 2; in the CSV after an empty line). The
// columns are domain/reports/agent-time-columns.ts plus the pause time per reason. XLSX by
// lib/report-sheets.ts; CSV UTF-8 with a BOM, formula-safe, durations h:mm:ss, shares in whole percent.
import type { Writable } from "node:stream";
import type { TimeFigures } from "../domain/reports/agent-time.ts";
import { AGENT_TIME_COLUMNS, type TimeColumnKind } from "../domain/reports/agent-time-columns.ts";
import type { AgentTimeReport } from "../domain/reports/agent-time-report.ts";
import { plainValue } from "../domain/reports/queue-columns.ts";
import { csvFile } from "../domain/shared/csv.ts";
import { formatDate, formatDay } from "../domain/shared/date-format.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { localizedName } from "../domain/shared/localized-name.ts";
import { periodFooter } from "./queue-report-export.ts";
import { type SheetColumn, reportWords, sheetValue, wallDate, writeWorkbook } from "./report-sheets.ts";

interface Words {
  noReason: string;
  file: {
    timesheet: string;
    summary: string;
    day: string;
    agent: string;
    login: string;
    pausePrefix: string;
    period: string;
    timezone: string;
    column: Record<string, string>;
  };
}

const wordsOf = (locale: Locale) => reportWords<Words>(locale, (r) => r.agents);

interface Line {
  day: string | null;
  agent: AgentTimeReport["agents"][number];
  figures: TimeFigures;
}

function table(report: AgentTimeReport, locale: Locale) {
  const words = wordsOf(locale);
  const reasons = [...report.pauseReasons.map((r) => ({ id: r.id, name: localizedName(r.name, r.translations, locale) }))];
  if (report.agents.some((a) => a.total.pauses[""])) reasons.push({ id: "", name: words.noReason });
  const head = [words.file.agent, words.file.login];
  const figures = [
    ...AGENT_TIME_COLUMNS.map((c) => ({ header: words.file.column[c.key], kind: c.kind })),
    ...reasons.map((r) => ({ header: `${words.file.pausePrefix}: ${r.name}`, kind: "duration" as const })),
  ];
  const values = (f: TimeFigures) => [...AGENT_TIME_COLUMNS.map((c) => c.value(f)), ...reasons.map((r) => f.pauses[r.id] ?? 0)];
  const days: Line[] = report.agents.flatMap((agent) => agent.days.map((d) => ({ day: d.date, agent, figures: d })));
  const summary: Line[] = report.agents.map((agent) => ({ day: null, agent, figures: agent.total }));
  return { words, head, figures, values, days, summary };
}

export function agentTimeCsv(report: AgentTimeReport, locale: Locale): string {
  const { words, head, figures, values, days, summary } = table(report, locale);
  // A time as the screen shows it; a time missing (never signed out) is an empty cell.
  const cell = (kind: TimeColumnKind, v: number | Date | null) =>
    v instanceof Date ? formatDate(v, "dateTime", locale, report.timezone) : kind === "dateTime" ? "" : plainValue(kind, v);
  const row = (l: Line) => [
    ...(l.day ? [formatDay(l.day, locale)] : []),
    l.agent.name,
    l.agent.username,
    ...values(l.figures).map((v, i) => cell(figures[i].kind, v)),
  ];
  const header = (withDay: boolean) => [...(withDay ? [words.file.day] : []), ...head, ...figures.map((f) => f.header)];
  return csvFile([header(true), ...days.map(row), [], [words.file.summary], header(false), ...summary.map(row)]);
}

export async function writeAgentTimeXlsx(report: AgentTimeReport, locale: Locale, out: Writable): Promise<void> {
  const { words, head, figures, values, days, summary } = table(report, locale);
  const cells = (l: Line) => values(l.figures).map((v, i) => (v instanceof Date ? wallDate(report.timezone, v) : sheetValue(figures[i].kind, v)));
  const columns: SheetColumn[] = [
    ...head.map((h, i) => ({ header: h, kind: "text" as const, width: i ? 14 : 24 })),
    ...figures.map((f) => ({ ...f, width: f.kind === "dateTime" ? 17 : 12 })),
  ];
  const footer = periodFooter(words.file, report, locale);
  await writeWorkbook(
    [
      {
        name: words.file.timesheet,
        columns: [{ header: words.file.day, kind: "date", width: 12 }, ...columns],
        // The day as a spreadsheet date: its midnight, no zone.
        rows: days.map((l) => [new Date(`${l.day}T00:00:00Z`), l.agent.name, l.agent.username, ...cells(l)]),
        footer,
      },
      { name: words.file.summary, columns, rows: summary.map((l) => [l.agent.name, l.agent.username, ...cells(l)]), footer },
    ],
    out,
  );
}
