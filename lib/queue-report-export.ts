// The queue report's table as a file, in the reader's language: XLSX written as a stream by
// exceljs's WorkbookWriter (its in-memory workbook took 1.3 GB for 100k rows), or CSV (UTF-8 with
// a BOM, formula-safe). Sheet 1: a row per interval and the total; sheet 2: a row per queue.
import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { type ColumnKind, QUEUE_COLUMNS, plainValue } from "../domain/reports/queue-columns.ts";
import type { Figures } from "../domain/reports/queue-figures.ts";
import type { QueueReport } from "../domain/reports/queue-report.ts";
import { csvFile } from "../domain/shared/csv.ts";
import { FORMAT_LOCALE, formatDate } from "../domain/shared/date-format.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { offsetMinutes } from "../domain/shared/wall-clock.ts";

interface Words {
  title: string;
  intervalColumn: string;
  queue: string;
  total: string;
  column: Record<string, string>;
  sheet: { name: string; byQueue: string; period: string; timezone: string; start: string };
}

const wordsOf = (locale: Locale): Words => (createRequire(import.meta.url)(`../messages/${locale}.json`) as { reports: { queues: Words } }).reports.queues;

const NUM_FMT: Record<ColumnKind, string> = { count: "0", percent: "0.0%", duration: "[h]:mm:ss", ratio: "0.00" };

/** A cell's value in a spreadsheet: durations as fractions of a day (what [h]:mm:ss reads). */
const sheetValue = (kind: ColumnKind, v: number | null) => (v === null ? null : kind === "duration" ? v / 86_400 : v);

interface Line {
  label: string;
  /** The interval's start on the organisation's clock, as a spreadsheet date (no zone). */
  start: Date | null;
  figures: Figures;
}

function lines(report: QueueReport, locale: Locale, words: Words): { intervals: Line[]; queues: Line[] } {
  const tz = report.timezone;
  const label = (i: QueueReport["intervals"][number]) => {
    if (report.interval === "MONTH") return new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { month: "long", year: "numeric", timeZone: tz }).format(i.start);
    if (report.interval === "DAY") return formatDate(i.start, "date", locale, tz);
    if (report.interval === "WEEK") return `${formatDate(i.start, "date", locale, tz)} – ${formatDate(i.end.getTime() - 1, "date", locale, tz)}`;
    return formatDate(i.start, "dateTime", locale, tz);
  };
  const wall = (at: Date) => new Date(at.getTime() + offsetMinutes(tz, at) * 60_000);
  return {
    intervals: [
      ...report.intervals.map((i) => ({ label: label(i), start: wall(i.start), figures: i })),
      { label: words.total, start: null, figures: report.total },
    ],
    queues: report.queues.map((q) => ({ label: q.name, start: null, figures: q })),
  };
}

export function queueReportCsv(report: QueueReport, locale: Locale): string {
  const words = wordsOf(locale);
  const { intervals, queues } = lines(report, locale, words);
  const header = (first: string) => [first, ...QUEUE_COLUMNS.map((c) => words.column[c.key])];
  const row = (l: Line) => [l.label, ...QUEUE_COLUMNS.map((c) => plainValue(c.kind, l.figures[c.key]))];
  return csvFile([header(words.intervalColumn), ...intervals.map(row), [], header(words.queue), ...queues.map(row)]);
}

export async function writeQueueReportXlsx(report: QueueReport, locale: Locale, out: Writable): Promise<void> {
  const words = wordsOf(locale);
  const { intervals, queues } = lines(report, locale, words);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = (name: string, first: string, rows: Line[], withStart: boolean) => {
    const ws = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = [
      { header: first, width: 26 },
      ...(withStart
        ? [
            {
              header: words.sheet.start,
              width: 18,
              style: { numFmt: report.interval === "QUARTER_HOUR" || report.interval === "HOUR" ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd" },
            },
          ]
        : []),
      ...QUEUE_COLUMNS.map((c) => ({ header: words.column[c.key], width: 14, style: { numFmt: NUM_FMT[c.kind] } })),
    ];
    ws.getRow(1).font = { bold: true };
    for (const l of rows) {
      ws.addRow([l.label, ...(withStart ? [l.start] : []), ...QUEUE_COLUMNS.map((c) => sheetValue(c.kind, l.figures[c.key]))]).commit();
    }
    ws.addRow([]).commit();
    ws.addRow([
      words.sheet.period,
      `${formatDate(report.from, "dateTime", locale, report.timezone)} – ${formatDate(report.to, "dateTime", locale, report.timezone)}`,
    ]).commit();
    ws.addRow([words.sheet.timezone, report.timezone]).commit();
    ws.commit();
  };
  sheet(words.sheet.name, words.intervalColumn, intervals, true);
  sheet(words.sheet.byQueue, words.queue, queues, false);
  await book.commit();
}
