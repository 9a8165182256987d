// The Chat and e-mail report as a file, in the reader's language: XLSX (lib/report-sheets.ts) or
// CSV (UTF-8 with a BOM, formula-safe). Sheets: a row per interval and the total, per queue, per
// agent (nobody's last), per channel; in the CSV one table after another.
import type { Writable } from "node:stream";
import { CONVERSATION_COLUMNS } from "../domain/reports/conversation-columns.ts";
import type { ConversationFigures, ConversationReport } from "../domain/reports/conversation-report.ts";
import { plainValue } from "../domain/reports/queue-columns.ts";
import { csvFile } from "../domain/shared/csv.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { intervalLabel, periodFooter } from "./queue-report-export.ts";
import { type SheetColumn, type SheetSpec, reportWords, sheetValue, wallDate, writeWorkbook } from "./report-sheets.ts";

interface Words {
  intervalColumn: string;
  queue: string;
  agent: string;
  nobody: string;
  channelColumn: string;
  total: string;
  channel: Record<string, string>;
  column: Record<string, string>;
  sheet: { name: string; byQueue: string; byAgent: string; byChannel: string; period: string; timezone: string; start: string };
}

const wordsOf = (locale: Locale) => reportWords<Words>(locale, (r) => r.conversations);

interface Line {
  label: string;
  start: Date | null;
  figures: ConversationFigures;
}

/** The report's tables: per interval (with the total), queue, agent (names as the report's scope has them) and channel. */
function tables(report: ConversationReport, locale: Locale, words: Words) {
  const tz = report.timezone;
  const names = new Map(report.scope.agents.map((a) => [a.id, a.name]));
  return [
    {
      name: words.sheet.name,
      first: words.intervalColumn,
      dated: true,
      lines: [
        ...report.intervals.map((i) => ({ label: intervalLabel(report.interval, i, locale, tz), start: wallDate(tz, i.start), figures: i })),
        { label: words.total, start: null, figures: report.total },
      ],
    },
    { name: words.sheet.byQueue, first: words.queue, dated: false, lines: report.queues.map((q) => ({ label: q.name, start: null, figures: q })) },
    {
      name: words.sheet.byAgent,
      first: words.agent,
      dated: false,
      lines: report.agents
        .filter((a) => a.agentId === null || names.has(a.agentId))
        .sort((a, b) => Number(a.agentId === null) - Number(b.agentId === null) || b.conversations - a.conversations)
        .map((a) => ({ label: a.agentId ? names.get(a.agentId)! : words.nobody, start: null, figures: a })),
    },
    { name: words.sheet.byChannel, first: words.channelColumn, dated: false, lines: report.channels.map((c) => ({ label: words.channel[c.channel], start: null, figures: c })) },
  ] satisfies { name: string; first: string; dated: boolean; lines: Line[] }[];
}

export function conversationReportCsv(report: ConversationReport, locale: Locale): string {
  const words = wordsOf(locale);
  const header = (first: string) => [first, ...CONVERSATION_COLUMNS.map((c) => words.column[c.key])];
  const row = (l: Line) => [l.label, ...CONVERSATION_COLUMNS.map((c) => plainValue(c.kind, l.figures[c.key]))];
  return csvFile(tables(report, locale, words).flatMap((t, n) => [...(n ? [[]] : []), header(t.first), ...t.lines.map(row)]));
}

export async function writeConversationReportXlsx(report: ConversationReport, locale: Locale, out: Writable): Promise<void> {
  const words = wordsOf(locale);
  const figureColumns: SheetColumn[] = CONVERSATION_COLUMNS.map((c) => ({ header: words.column[c.key], kind: c.kind }));
  const values = (l: Line) => CONVERSATION_COLUMNS.map((c) => sheetValue(c.kind, l.figures[c.key]));
  const footer = periodFooter(words.sheet, report, locale);
  const fine = report.interval === "QUARTER_HOUR" || report.interval === "HOUR";
  const sheets: SheetSpec[] = tables(report, locale, words).map((t) => ({
    name: t.name,
    columns: [{ header: t.first, kind: "text" }, ...(t.dated ? [{ header: words.sheet.start, kind: fine ? ("dateTime" as const) : ("date" as const), width: 18 }] : []), ...figureColumns],
    rows: t.lines.map((l) => [l.label, ...(t.dated ? [l.start] : []), ...values(l)]),
    footer,
  }));
  await writeWorkbook(sheets, out);
}
