// The Outbound calls report as a file, in the reader's language (lib/figure-tables-export.ts): a
// table per interval with the total, per kind of call, per campaign and per agent (calls no agent
// had last).
import type { Writable } from "node:stream";
import { OUTBOUND_COLUMNS } from "../domain/reports/outbound-columns.ts";
import type { OutboundReport } from "../domain/reports/outbound-report.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { type FigureTable, figureTablesCsv, intervalLines, writeFigureTablesXlsx } from "./figure-tables-export.ts";
import { reportWords } from "./report-sheets.ts";

interface Words {
  intervalColumn: string;
  kindColumn: string;
  campaign: string;
  agent: string;
  nobody: string;
  total: string;
  kind: Record<string, string>;
  column: Record<string, string>;
  sheet: { name: string; byKind: string; byCampaign: string; byAgent: string; period: string; timezone: string; start: string };
}

type Key = (typeof OUTBOUND_COLUMNS)[number]["key"];
const wordsOf = (locale: Locale) => reportWords<Words>(locale, (r) => r.outbound);

/** The report's tables; agents named as the report's scope has them, busiest first. */
function tables(report: OutboundReport, locale: Locale, words: Words): FigureTable<Key>[] {
  const names = new Map(report.scope.agents.map((a) => [a.id, a.name]));
  return [
    {
      name: words.sheet.name,
      first: words.intervalColumn,
      dated: true,
      lines: intervalLines<Key>(report, locale, { label: words.total, figures: report.total }),
    },
    {
      name: words.sheet.byKind,
      first: words.kindColumn,
      dated: false,
      lines: report.kinds.map((k) => ({ label: words.kind[k.kind], start: null, figures: k })),
    },
    { name: words.sheet.byCampaign, first: words.campaign, dated: false, lines: report.campaigns.map((c) => ({ label: c.name, start: null, figures: c })) },
    {
      name: words.sheet.byAgent,
      first: words.agent,
      dated: false,
      lines: report.agents
        .filter((a) => a.agentId === null || names.has(a.agentId))
        .sort((a, b) => Number(a.agentId === null) - Number(b.agentId === null) || b.calls - a.calls)
        .map((a) => ({ label: a.agentId ? names.get(a.agentId)! : words.nobody, start: null, figures: a })),
    },
  ];
}

export function outboundReportCsv(report: OutboundReport, locale: Locale): string {
  const words = wordsOf(locale);
  return figureTablesCsv(tables(report, locale, words), OUTBOUND_COLUMNS, (k) => words.column[k]);
}

export async function writeOutboundReportXlsx(report: OutboundReport, locale: Locale, out: Writable): Promise<void> {
  const words = wordsOf(locale);
  await writeFigureTablesXlsx(tables(report, locale, words), OUTBOUND_COLUMNS, { ...words.sheet, header: (k) => words.column[k] }, report, locale, out);
}
