"use client";
// A table of chat and e-mail figures (a row per interval, queue, agent or channel, and a total),
// each cell a button listing the conversations behind it; the headers carry their definitions.
import { useTranslations } from "next-intl";
import { Card } from "../../../_components/page.tsx";
import { CONVERSATION_COLUMNS, type ConversationColumn } from "../../../../domain/reports/conversation-columns.ts";
import { useFigureFormat } from "../queues/figures-table.tsx";
import type { ConversationFiguresData } from "./conversation-report-query.ts";

export interface ConversationRow {
  id: string;
  label: string;
  range: { from: string; to: string };
  figures: ConversationFiguresData;
  /** What the row narrows the list to: a queue, an agent (none: nobody's) or a channel. */
  row: { rowQueueId?: string; rowAgentId?: string; rowAgentNone?: boolean; rowChannel?: "CHAT" | "CHAT_WEB" | "EMAIL" | "EMAIL_WEB" };
}

export function ConversationTable({
  title,
  firstColumn,
  rows,
  total,
  onDrill,
  testId,
}: {
  title: string;
  firstColumn: string;
  rows: ConversationRow[];
  total?: ConversationRow;
  onDrill: (title: string, r: ConversationRow, figure: ConversationColumn["drill"]) => void;
  testId: string;
}) {
  const t = useTranslations("reports.conversations");
  const fmt = useFigureFormat();
  const cells = (r: ConversationRow) =>
    CONVERSATION_COLUMNS.map((c) => {
      const v = r.figures[c.key];
      const empty = v === null || (v === 0 && c.kind !== "percent");
      return (
        <td key={c.key} className="px-3 py-2 text-right tabular-nums" data-column={c.key}>
          {empty ? (
            <span className="text-slate-400">{fmt.value(c.kind, v)}</span>
          ) : (
            <button
              type="button"
              className="rounded text-brand-700 hover:underline focus-visible:ring-2 focus-visible:ring-brand-500"
              onClick={() => onDrill(t("drillTitle", { figure: t(`column.${c.key}`), row: r.label }), r, c.drill)}
            >
              {fmt.value(c.kind, v)}
            </button>
          )}
        </td>
      );
    });
  return (
    <Card title={title}>
      <div className="-mx-5 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={title} data-testid={testId}>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                {firstColumn}
              </th>
              {CONVERSATION_COLUMNS.map((c) => (
                <th key={c.key} scope="col" className="px-3 py-2 text-right font-medium text-slate-600" title={t(`hint.${c.key}`)}>
                  <span className="cursor-help border-b border-dotted border-slate-400">{t(`column.${c.key}`)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} data-row={r.id}>
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-normal text-slate-700">
                  {r.label}
                </th>
                {cells(r)}
              </tr>
            ))}
            {total && (
              <tr className="bg-slate-50 font-semibold" data-row="total">
                <th scope="row" className="px-3 py-2 text-left">
                  {total.label}
                </th>
                {cells(total)}
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
