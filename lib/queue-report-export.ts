// The queue report's table as a file, in the reader's language: XLSX (lib/report-sheets.ts) or CSV
// (UTF-8 with a BOM, formula-safe). Sheet 1: a row per interval and the total; sheet 2: a row per
// queue; sheet 3: the calls in detail (waits and talk, hang-ups, by number, end reason, IVR keys).
import type { Writable } from "node:stream";
import { QUEUE_COLUMNS, plainValue } from "../domain/reports/queue-columns.ts";
import type { QueueCallDetails, Spread } from "../domain/reports/queue-call-details.ts";
import type { Figures, IntervalSize } from "../domain/reports/queue-figures.ts";
import type { QueueReport } from "../domain/reports/queue-report.ts";
import { csvFile } from "../domain/shared/csv.ts";
import { FORMAT_LOCALE, formatDate } from "../domain/shared/date-format.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { type SheetCell, type SheetColumn, type SheetKind, reportWords, sheetValue, wallDate, writeWorkbook } from "./report-sheets.ts";

interface Words {
  title: string;
  intervalColumn: string;
  queue: string;
  total: string;
  column: Record<string, string>;
  sheet: { name: string; byQueue: string; details: string; period: string; timezone: string; start: string };
  details: {
    answeredTitle: string;
    unansweredTitle: string;
    measure: string;
    total: string;
    average: string;
    min: string;
    max: string;
    wait: string;
    talk: string;
    hangUpWait: string;
    place: string;
    number: string;
    noNumber: string;
    reason: string;
    reasons: Record<string, string>;
    path: string;
    unanswered: string;
  };
}

const wordsOf = (locale: Locale) => reportWords<Words>(locale, (r) => r.queues);

interface Line {
  label: string;
  /** The interval's start on the organisation's clock, as a spreadsheet date (no zone). */
  start: Date | null;
  figures: Figures;
}

/** An interval's name in a file: its month, its day, its week's first and last day, or its start. */
export function intervalLabel(size: IntervalSize, i: { start: Date; end: Date }, locale: Locale, tz: string): string {
  if (size === "MONTH") return new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { month: "long", year: "numeric", timeZone: tz }).format(i.start);
  if (size === "DAY") return formatDate(i.start, "date", locale, tz);
  if (size === "WEEK") return `${formatDate(i.start, "date", locale, tz)} – ${formatDate(i.end.getTime() - 1, "date", locale, tz)}`;
  return formatDate(i.start, "dateTime", locale, tz);
}

function lines(report: QueueReport, locale: Locale, words: Words): { intervals: Line[]; queues: Line[] } {
  const tz = report.timezone;
  const label = (i: QueueReport["intervals"][number]) => intervalLabel(report.interval, i, locale, tz);
  return {
    intervals: [
      ...report.intervals.map((i) => ({ label: label(i), start: wallDate(tz, i.start), figures: i })),
      { label: words.total, start: null, figures: report.total },
    ],
    queues: report.queues.map((q) => ({ label: q.name, start: null, figures: q })),
  };
}

/** The calls in detail as small tables one under another, each cell with its kind. */
function detailRows(d: QueueCallDetails, words: Words): SheetCell[][] {
  const w = words.details;
  const cell = (value: number | null, kind: SheetKind): SheetCell => ({ value, kind });
  const spread = (label: string, s: Spread, kind: SheetKind) => [label, cell(s.total, kind), cell(s.average, kind), cell(s.min, kind), cell(s.max, kind)];
  const counts = (first: string, rows: QueueCallDetails["byNumber"], name: (v: string) => string) => [
    [first, words.column.offered, words.column.answered, words.column.abandoned, words.column.serviceLevel],
    ...rows.map((r) => [name(r.value), cell(r.offered, "count"), cell(r.answered, "count"), cell(r.abandoned, "count"), cell(r.serviceLevel, "percent")]),
  ];
  return [
    [w.answeredTitle, cell(d.answered.calls, "count")],
    [w.measure, w.total, w.average, w.min, w.max],
    spread(w.wait, d.answered.wait, "duration"),
    spread(w.talk, d.answered.talk, "duration"),
    [],
    [w.unansweredTitle, cell(d.unanswered.calls, "count"), words.column.abandoned, cell(d.unanswered.abandoned, "count")],
    [w.measure, w.total, w.average, w.min, w.max],
    spread(w.hangUpWait, d.unanswered.hangUpWait, "duration"),
    [w.place, null, cell(d.unanswered.place.average, "ratio"), cell(d.unanswered.place.min, "count"), cell(d.unanswered.place.max, "count")],
    [],
    ...counts(w.number, d.byNumber, (v) => v || w.noNumber),
    [],
    ...counts(w.reason, d.byReason, (v) => w.reasons[v] ?? v),
    [],
    [w.path, w.unanswered],
    ...d.ivrPaths.map((r) => [r.value, cell(r.offered, "count")]),
  ];
}

const plainCell = (c: SheetCell): string => {
  if (c === null) return "";
  if (typeof c === "object" && !(c instanceof Date)) return c.kind === "text" || c.kind === "date" || c.kind === "dateTime" ? String(c.value ?? "") : plainValue(c.kind, c.value);
  return String(c);
};

export function queueReportCsv(report: QueueReport, details: QueueCallDetails, locale: Locale): string {
  const words = wordsOf(locale);
  const { intervals, queues } = lines(report, locale, words);
  const header = (first: string) => [first, ...QUEUE_COLUMNS.map((c) => words.column[c.key])];
  const row = (l: Line) => [l.label, ...QUEUE_COLUMNS.map((c) => plainValue(c.kind, l.figures[c.key]))];
  return csvFile([
    header(words.intervalColumn),
    ...intervals.map(row),
    [],
    header(words.queue),
    ...queues.map(row),
    [],
    [words.sheet.details],
    ...detailRows(details, words).map((r) => r.map(plainCell)),
  ]);
}

/** The period and time zone under each sheet. */
export const periodFooter = (
  words: { period: string; timezone: string },
  r: { from: Date; to: Date; timezone: string },
  locale: Locale,
): [string, string][] => [
  [words.period, `${formatDate(r.from, "dateTime", locale, r.timezone)} – ${formatDate(r.to, "dateTime", locale, r.timezone)}`],
  [words.timezone, r.timezone],
];

export async function writeQueueReportXlsx(report: QueueReport, details: QueueCallDetails, locale: Locale, out: Writable): Promise<void> {
  const words = wordsOf(locale);
  const { intervals, queues } = lines(report, locale, words);
  const figureColumns: SheetColumn[] = QUEUE_COLUMNS.map((c) => ({ header: words.column[c.key], kind: c.kind }));
  const values = (l: Line) => QUEUE_COLUMNS.map((c) => sheetValue(c.kind, l.figures[c.key]));
  const footer = periodFooter(words.sheet, report, locale);
  const fine = report.interval === "QUARTER_HOUR" || report.interval === "HOUR";
  await writeWorkbook(
    [
      {
        name: words.sheet.name,
        columns: [{ header: words.intervalColumn, kind: "text" }, { header: words.sheet.start, kind: fine ? "dateTime" : "date", width: 18 }, ...figureColumns],
        rows: intervals.map((l) => [l.label, l.start, ...values(l)]),
        footer,
      },
      {
        name: words.sheet.byQueue,
        columns: [{ header: words.queue, kind: "text" }, ...figureColumns],
        rows: queues.map((l) => [l.label, ...values(l)]),
        footer,
      },
      {
        name: words.sheet.details,
        // Small tables one under another: each cell carries its kind.
        columns: [{ header: words.sheet.details, kind: "text", width: 32 }, ...Array.from({ length: 4 }, () => ({ header: "", kind: "text" as const, width: 16 }))],
        rows: detailRows(details, words),
        footer,
      },
    ],
    out,
  );
}
