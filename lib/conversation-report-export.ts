// The Chat and e-mail report as a file, in the reader's language (lib/figure-tables-export.ts): a
// table per interval with the total, per queue, per agent (nobody's last) and per channel.
import type { Writable } from "node:stream";
import { CONVERSATION_COLUMNS } from "../domain/reports/conversation-columns.ts";
import type { ConversationReport } from "../domain/reports/conversation-report.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { type FigureTable, figureTablesCsv, intervalLines, writeFigureTablesXlsx } from "./figure-tables-export.ts";
import { reportWords } from "./report-sheets.ts";

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

type Key = (typeof CONVERSATION_COLUMNS)[number]["key"];
const wordsOf = (locale: Locale) => reportWords<Words>(locale, (r) => r.conversations);

/** The report's tables: per interval (with the total), queue, agent (names as the report's scope has them) and channel. */
function tables(report: ConversationReport, locale: Locale, words: Words): FigureTable<Key>[] {
  const names = new Map(report.scope.agents.map((a) => [a.id, a.name]));
  return [
    {
      name: words.sheet.name,
      first: words.intervalColumn,
      dated: true,
      lines: intervalLines<Key>(report, locale, { label: words.total, figures: report.total }),
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
    {
      name: words.sheet.byChannel,
      first: words.channelColumn,
      dated: false,
      lines: report.channels.map((c) => ({ label: words.channel[c.channel], start: null, figures: c })),
    },
  ];
}

export function conversationReportCsv(report: ConversationReport, locale: Locale): string {
  const words = wordsOf(locale);
  return figureTablesCsv(tables(report, locale, words), CONVERSATION_COLUMNS, (k) => words.column[k]);
}

export async function writeConversationReportXlsx(report: ConversationReport, locale: Locale, out: Writable): Promise<void> {
  const words = wordsOf(locale);
  await writeFigureTablesXlsx(tables(report, locale, words), CONVERSATION_COLUMNS, { ...words.sheet, header: (k) => words.column[k] }, report, locale, out);
}
