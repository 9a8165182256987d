// CSV for Excel: UTF-8 with a byte-order mark (so Polish and Russian read right), CRLF lines,
// quoted where a cell holds a separator, quote or line break, and formula-safe — a cell starting
// with = + - @ would be run by a spreadsheet, so it gets a leading apostrophe.

export function csvCell(v: string | number): string {
  const s = String(v);
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvFile(rows: (string | number)[][]): string {
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
