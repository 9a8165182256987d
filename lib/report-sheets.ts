// What every report file shares: its words in the reader's language, the XLSX written as a stream
// by exceljs's WorkbookWriter (its in-memory workbook took 1.3 GB for 100k rows) with real numbers
// (durations as [h]:mm:ss, shares as 0.0%, times as dates on the organisation's clock), and a
// whole file as bytes for a mail attachment. The CSV rules (BOM, formula guard) are domain/shared/csv.ts.
import { createRequire } from "node:module";
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ColumnKind } from "../domain/reports/queue-columns.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { offsetMinutes } from "../domain/shared/wall-clock.ts";

/** The `reports` messages of a language. */
export const reportWords = <T>(locale: Locale, pick: (reports: Record<string, unknown>) => unknown): T =>
  pick((createRequire(import.meta.url)(`../messages/${locale}.json`) as { reports: Record<string, unknown> }).reports) as T;

export type SheetKind = ColumnKind | "text" | "dateTime" | "date";

const NUM_FMT: Record<SheetKind, string | undefined> = {
  count: "0",
  percent: "0.0%",
  duration: "[h]:mm:ss",
  ratio: "0.00",
  dateTime: "yyyy-mm-dd hh:mm",
  date: "yyyy-mm-dd",
  text: undefined,
};

/** A cell's value in a spreadsheet: durations as fractions of a day (what [h]:mm:ss reads). */
export const sheetValue = (kind: SheetKind, v: number | null) => (v === null ? null : kind === "duration" ? v / 86_400 : v);

/** An instant as a spreadsheet date (no zone) showing the organisation's wall clock. */
export const wallDate = (timeZone: string, at: Date | null) => (at ? new Date(at.getTime() + offsetMinutes(timeZone, at) * 60_000) : null);

export interface SheetColumn {
  header: string;
  kind: SheetKind;
  width?: number;
}

/** A cell of its own kind, in a column of mixed ones (a sheet of several small tables). */
export interface KindCell {
  value: number | null;
  kind: SheetKind;
}

export type SheetCell = string | number | Date | null | KindCell;

const isKindCell = (c: SheetCell): c is KindCell => typeof c === "object" && c !== null && !(c instanceof Date);

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: SheetCell[][];
  /** Lines under the table (the period, the time zone). */
  footer: [string, string][];
}

export async function writeWorkbook(sheets: SheetSpec[], out: Writable): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = s.columns.map((c, i) => ({
      header: c.header,
      width: c.width ?? (i === 0 ? 26 : 14),
      ...(NUM_FMT[c.kind] ? { style: { numFmt: NUM_FMT[c.kind] } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(r.map((c) => (isKindCell(c) ? sheetValue(c.kind, c.value) : c)));
      r.forEach((c, i) => {
        if (isKindCell(c) && NUM_FMT[c.kind]) row.getCell(i + 1).numFmt = NUM_FMT[c.kind]!;
      });
      row.commit();
    }
    ws.addRow([]).commit();
    for (const f of s.footer) ws.addRow(f).commit();
    ws.commit();
  }
  await book.commit();
}

/** A file written to a stream, as bytes (a mail's attachment). */
export async function bytesOf(write: (out: Writable) => Promise<void>): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  await write(out);
  out.end();
  await ended;
  return Buffer.concat(chunks);
}
