// Reports made of figure tables (a row per interval with the total, then per queue, agent, kind...)
// as files: one XLSX sheet per table (lib/report-sheets.ts; each interval's start as a date on the
// organisation's clock, durations as [h]:mm:ss) or one CSV with the tables one after another.
// The Chat and e-mail and the Outbound calls reports are written this way, from their column lists.
import type { Writable } from "node:stream";
import type { IntervalSize } from "../domain/reports/queue-figures.ts";
import { type ColumnKind, plainValue } from "../domain/reports/queue-columns.ts";
import { csvFile } from "../domain/shared/csv.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { intervalLabel, periodFooter } from "./queue-report-export.ts";
import { type SheetColumn, type SheetSpec, sheetValue, wallDate, writeWorkbook } from "./report-sheets.ts";

export interface FigureLine<K extends string> {
  label: string;
  /** The interval's start (a dated table's rows; null on its total). */
  start: Date | null;
  figures: Record<K, number | null>;
}

export interface FigureTable<K extends string> {
  name: string;
  /** The first column's header. */
  first: string;
  /** Rows are intervals: a column with each one's start follows the label. */
  dated: boolean;
  lines: FigureLine<K>[];
}

export interface FigureReport {
  from: Date;
  to: Date;
  timezone: string;
  interval: IntervalSize;
  intervals: { start: Date; end: Date }[];
}

/** The per-interval table's lines, named in the reader's language, then the total. */
export function intervalLines<K extends string>(
  report: Omit<FigureReport, "intervals"> & { intervals: ({ start: Date; end: Date } & Record<K, number | null>)[] },
  locale: Locale,
  total: { label: string; figures: Record<K, number | null> },
): FigureLine<K>[] {
  const tz = report.timezone;
  return [
    ...report.intervals.map((i) => ({ label: intervalLabel(report.interval, i, locale, tz), start: wallDate(tz, i.start), figures: i })),
    { label: total.label, start: null, figures: total.figures },
  ];
}

export function figureTablesCsv<K extends string>(
  tables: FigureTable<K>[],
  columns: readonly { key: K; kind: ColumnKind }[],
  header: (key: K) => string,
): string {
  const head = (first: string) => [first, ...columns.map((c) => header(c.key))];
  const row = (l: FigureLine<K>) => [l.label, ...columns.map((c) => plainValue(c.kind, l.figures[c.key]))];
  return csvFile(tables.flatMap((t, n) => [...(n ? [[]] : []), head(t.first), ...t.lines.map(row)]));
}

export async function writeFigureTablesXlsx<K extends string>(
  tables: FigureTable<K>[],
  columns: readonly { key: K; kind: ColumnKind }[],
  words: { header: (key: K) => string; start: string; period: string; timezone: string },
  report: FigureReport,
  locale: Locale,
  out: Writable,
): Promise<void> {
  const figureColumns: SheetColumn[] = columns.map((c) => ({ header: words.header(c.key), kind: c.kind }));
  const footer = periodFooter(words, report, locale);
  const fine = report.interval === "QUARTER_HOUR" || report.interval === "HOUR";
  const sheets: SheetSpec[] = tables.map((t) => ({
    name: t.name,
    columns: [
      { header: t.first, kind: "text" },
      ...(t.dated ? [{ header: words.start, kind: fine ? ("dateTime" as const) : ("date" as const), width: 18 }] : []),
      ...figureColumns,
    ],
    rows: t.lines.map((l) => [l.label, ...(t.dated ? [l.start] : []), ...columns.map((c) => sheetValue(c.kind, l.figures[c.key]))]),
    footer,
  }));
  await writeWorkbook(sheets, out);
}
