// Rows of an uploaded list, one at a time: CSV (papaparse; `,` `;` or tab; UTF-8, Windows-1250 or
// Windows-1251) or XLSX (exceljs's streaming reader: the first sheet is read row by row, never
// held whole — the in-memory workbook took 1.3 GB for 100,000 rows). Every cell arrives as text.
// A CSV is decoded a slice at a time as papaparse asks for it: only the upload's bytes (at most
// MAX_LIST_FILE_BYTES) are held, never the whole text beside them (twice their size in UTF-16).
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { DomainError } from "../../shared/errors.ts";
import { type TextEncodingName, decodeText, detectEncoding, decodedSlices } from "./text-encoding.ts";

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export type FileFormat = "CSV" | "XLSX";

export interface ReadOptions {
  encoding?: TextEncodingName | null;
  delimiter?: Delimiter | null;
}

export interface OpenedFile {
  format: FileFormat;
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  /** Rows in the file (the header too) when it can be known before reading: CSV lines. */
  lineCount: number | null;
  rows(): AsyncGenerator<string[]>;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export function openListFile(bytes: Uint8Array, o: ReadOptions = {}): OpenedFile {
  if (!bytes.length) throw new DomainError("INVALID_INPUT", "The file is empty", { reason: "LIST_FILE_EMPTY" });
  if (isZip(bytes)) return { format: "XLSX", encoding: null, delimiter: null, lineCount: null, rows: () => xlsxRows(bytes) };
  const encoding = o.encoding ?? detectEncoding(bytes);
  const delimiter = o.delimiter ?? guessDelimiter(decodeText(bytes.subarray(0, HEAD_BYTES), encoding));
  return { format: "CSV", encoding, delimiter, lineCount: countLines(bytes), rows: () => csvRows(bytes, encoding, delimiter) };
}

const SLICE_BYTES = 256 * 1024;
/** Enough of the file to hold its header line. */
const HEAD_BYTES = 64 * 1024;

/** The delimiter found most often in the header line (outside quotes); a comma when none is. */
export function guessDelimiter(text: string): Delimiter {
  const header = (/^[^\r\n]*/.exec(text)?.[0] ?? "").replace(/"[^"]*"/g, "");
  let best: Delimiter = ",";
  let most = 0;
  for (const d of DELIMITERS) {
    const n = header.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** Line breaks counted in the bytes: a line feed is byte 0x0A in UTF-8 and both code pages alike. */
function countLines(bytes: Uint8Array): number {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let n = 0;
  for (let i = bytes.indexOf(0x0a, bom); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return bytes.length === bom || bytes[bytes.length - 1] === 0x0a ? n : n + 1;
}

/**
 * Papaparse's rows as an async generator. The text reaches papaparse as a stream of decoded slices;
 * while a batch of rows waits to be stored both the parser and the stream pause (papaparse would go
 * on queueing the stream's slices), so at most a slice or two is decoded ahead.
 */
async function* csvRows(bytes: Uint8Array, encoding: TextEncodingName, delimiter: Delimiter): AsyncGenerator<string[]> {
  const queue: string[][] = [];
  let parser: Papa.Parser | null = null;
  let paused = false;
  let done = false;
  let failed: unknown = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const text = Readable.from(decodedSlices(bytes, encoding, SLICE_BYTES), { highWaterMark: 1 });
  Papa.parse<string[]>(text as unknown as File, {
    delimiter,
    step(result, p) {
      parser = p;
      queue.push(result.data);
      if (queue.length >= 500) {
        p.pause();
        text.pause();
        paused = true;
        signal();
      }
    },
    complete() {
      done = true;
      signal();
    },
    error(e) {
      failed = e;
      done = true;
      signal();
    },
  });
  // A last line break ends the last row: papaparse's stream gives no empty row after it.
  try {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (failed) throw failed;
      if (done) return;
      const waiting = new Promise<void>((r) => (wake = r));
      if (paused) {
        paused = false;
        text.resume();
        (parser as Papa.Parser | null)?.resume();
      }
      if (!done && !queue.length) await waiting;
    }
  } finally {
    text.destroy(); // A reader that stops early (the preview) leaves nothing decoding.
  }
}

async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache", // Dates are numbers styled as dates: read as dates.
    worksheets: "emit",
    entries: "ignore",
  });
  try {
    for await (const sheet of reader) {
      let next = 1;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // Rows with nothing in them are not in the file: they are given back as blank rows.
        for (; next < row.number; next++) yield [];
        next = row.number + 1;
        const values = row.values as unknown[];
        const out: string[] = [];
        for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
        yield out;
      }
      return; // The first sheet only.
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError("INVALID_INPUT", "The file is not a readable XLSX workbook", { reason: "LIST_FILE_UNREADABLE" });
  }
}

/** A cell as text: a formula's last result, a date as ISO, rich text joined, an error as empty. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().replace(/T00:00:00\.000Z$/, "");
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) return cellText(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((r: { text?: string }) => r.text ?? "").join("");
    if ("text" in o) return cellText(o.text);
    if ("error" in o) return "";
  }
  return "";
}

/** The header and the first rows, for the column mapping screen. */
export async function previewListFile(bytes: Uint8Array, o: ReadOptions = {}, rows = 10) {
  const file = openListFile(bytes, o);
  const read: string[][] = [];
  for await (const r of file.rows()) {
    if (!read.length && r.every((c) => !c.trim())) continue;
    read.push(r);
    if (read.length > rows) break;
  }
  if (!read.length) throw new DomainError("INVALID_INPUT", "The file has no rows", { reason: "LIST_FILE_EMPTY" });
  const [header, ...sample] = read;
  return { format: file.format, encoding: file.encoding, delimiter: file.delimiter, header, sample, lineCount: file.lineCount };
}
