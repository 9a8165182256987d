// The cases report as a file, in the reader's language: XLSX (lib/report-sheets.ts) or CSV (UTF-8
// with a BOM, formula-safe). Sheet 1: a row per interval (created, resolved, deadlines missed, the
// backlog at its end) and the whole period; sheet 2: the backlog at each interval's end by status.
import type { Writable } from "node:stream";
import type { CaseReport } from "../domain/reports/case-report.ts";
import { csvFile } from "../domain/shared/csv.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { intervalLabel, periodFooter } from "./queue-report-export.ts";
import { type SheetColumn, reportWords, wallDate, writeWorkbook } from "./report-sheets.ts";

/** The counted figures in the table's order (the report's keys, the messages' column keys). */
const FIGURES = [
  ["CREATED", "created"],
  ["RESOLVED", "resolved"],
  ["FIRST_RESPONSE_BREACHED", "firstResponseBreached"],
  ["RESOLUTION_BREACHED", "resolutionBreached"],
  ["OVERDUE", "overdue"],
] as const;

interface Words {
  intervalColumn: string;
  total: string;
  column: Record<(typeof FIGURES)[number][1] | "backlogTotal", string>;
  sheet: { name: string; backlog: string; period: string; timezone: string; start: string };
}

const wordsOf = (locale: Locale) => reportWords<Words>(locale, (r) => r.cases);

interface Line {
  label: string;
  start: Date | null;
  counts: CaseReport["total"];
  backlogTotal: number;
  backlog: Record<string, number>;
}

function lines(report: CaseReport, locale: Locale, words: Words): Line[] {
  const tz = report.timezone;
  const label = (i: CaseReport["intervals"][number]) => intervalLabel(report.interval, i, locale, tz);
  // The whole period's backlog is the one at its end: the last interval's.
  const last = report.intervals.at(-1);
  return [
    ...report.intervals.map((i) => ({ label: label(i), start: wallDate(tz, i.start), counts: i, backlogTotal: i.backlogTotal, backlog: i.backlog })),
    { label: words.total, start: null, counts: report.total, backlogTotal: last?.backlogTotal ?? 0, backlog: last?.backlog ?? {} },
  ];
}

const counts = (l: Line) => FIGURES.map(([key]) => l.counts[key]);
const byStatus = (report: CaseReport, l: Line) => report.statuses.map((s) => l.backlog[s.id] ?? 0);

export function caseReportCsv(report: CaseReport, locale: Locale): string {
  const words = wordsOf(locale);
  const rows = lines(report, locale, words);
  return csvFile([
    [words.intervalColumn, ...FIGURES.map(([, k]) => words.column[k]), words.column.backlogTotal, ...report.statuses.map((s) => s.name)],
    ...rows.map((l) => [l.label, ...counts(l).map(String), String(l.backlogTotal), ...byStatus(report, l).map(String)]),
  ]);
}

export async function writeCaseReportXlsx(report: CaseReport, locale: Locale, out: Writable): Promise<void> {
  const words = wordsOf(locale);
  const rows = lines(report, locale, words);
  const footer = periodFooter(words.sheet, report, locale);
  const first: SheetColumn[] = [
    { header: words.intervalColumn, kind: "text" },
    { header: words.sheet.start, kind: "date", width: 14 },
  ];
  await writeWorkbook(
    [
      {
        name: words.sheet.name,
        columns: [...first, ...FIGURES.map(([, k]) => ({ header: words.column[k], kind: "count" as const })), { header: words.column.backlogTotal, kind: "count" }],
        rows: rows.map((l) => [l.label, l.start, ...counts(l), l.backlogTotal]),
        footer,
      },
      {
        name: words.sheet.backlog,
        columns: [...first, ...report.statuses.map((s) => ({ header: s.name, kind: "count" as const })), { header: words.column.backlogTotal, kind: "count" }],
        rows: rows.map((l) => [l.label, l.start, ...byStatus(report, l), l.backlogTotal]),
        footer,
      },
    ],
    out,
  );
}
