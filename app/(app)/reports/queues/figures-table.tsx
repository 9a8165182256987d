"use client";
// A table of queue figures (a row per interval or per queue, and a total), each cell a button that
// lists the calls behind it; the column headers carry their definitions as hints.
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "../../../_components/page.tsx";
import { formatDuration } from "../../../_client/use-now.ts";
import { type ColumnKind, QUEUE_COLUMNS } from "../../../../domain/reports/queue-columns.ts";
import type { Drill } from "./calls-dialog.tsx";
import type { QueueFiguresData } from "./queue-report-query.ts";

interface Row {
  id: string;
  label: string;
  range: { from: string; to: string };
  queueId: string | null;
  figures: QueueFiguresData;
}

/** Figures in the user's number formats: counts, whole percent, h:mm:ss, ratios to 2 places. */
export function useFigureFormat() {
  const format = useFormatter();
  const value = (kind: ColumnKind, v: number | null) => {
    if (v === null) return "—";
    if (kind === "percent") return format.number(v, { style: "percent", maximumFractionDigits: 1 });
    // Rounded to the second, as the files write them (a ticking clock would cut the fraction off).
    if (kind === "duration") return formatDuration(Math.round(v) * 1000);
    if (kind === "ratio") return format.number(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return format.number(v);
  };
  return {
    value,
    count: (v: number) => value("count", v),
    percent: (v: number | null) => value("percent", v),
    duration: (v: number | null) => value("duration", v),
  };
}

export function FiguresTable({
  title,
  firstColumn,
  rows,
  total,
  onDrill,
  testId,
}: {
  title: string;
  firstColumn: string;
  rows: Row[];
  total?: { label: string; range: { from: string; to: string }; figures: QueueFiguresData };
  onDrill: (title: string, range: { from: string; to: string }, figure: Drill["variables"]["figure"], queueId: string | null) => void;
  testId: string;
}) {
  const t = useTranslations("reports.queues");
  const fmt = useFigureFormat();
  const cells = (label: string, range: Row["range"], queueId: string | null, f: QueueFiguresData) =>
    QUEUE_COLUMNS.map((c) => {
      const v = f[c.key];
      return (
        <td key={c.key} className="px-3 py-2 text-right tabular-nums" data-column={c.key}>
          {v === null || (v === 0 && (c.kind === "count" || c.kind === "duration")) ? (
            <span className="text-slate-400">{fmt.value(c.kind, v)}</span>
          ) : (
            <button
              type="button"
              className="rounded text-brand-700 hover:underline focus-visible:ring-2 focus-visible:ring-brand-500"
              onClick={() => onDrill(t("drillTitle", { figure: t(`column.${c.key}`), row: label }), range, c.drill, queueId)}
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
              {QUEUE_COLUMNS.map((c) => (
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
                {cells(r.label, r.range, r.queueId, r.figures)}
              </tr>
            ))}
            {total && (
              <tr className="bg-slate-50 font-semibold" data-row="total">
                <th scope="row" className="px-3 py-2 text-left">
                  {total.label}
                </th>
                {cells(total.label, total.range, null, total.figures)}
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
