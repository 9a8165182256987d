"use client";
// A table of a report's figures (a row per interval, queue, agent... and a total), each cell a button
// listing what is behind it; the headers carry their definitions. The report gives its column list
// (domain/reports/*-columns.ts) and its words; the Chat and e-mail and Outbound calls reports use it.
import { Card } from "../../_components/page.tsx";
import type { ColumnKind } from "../../../domain/reports/queue-columns.ts";
import { useFigureFormat } from "./queues/figures-table.tsx";

export interface DrillColumn<K extends string, D extends string> {
  key: K;
  kind: ColumnKind;
  drill: D;
}

export interface DrillRow<K extends string, V> {
  id: string;
  label: string;
  range: { from: string; to: string };
  figures: Record<K, number | null>;
  /** What the row narrows the list to (a queue, an agent, a channel...), as the list query's variables. */
  row: V;
}

export function DrillTable<K extends string, D extends string, V>({
  title,
  firstColumn,
  columns,
  words,
  rows,
  total,
  onDrill,
  testId,
}: {
  title: string;
  firstColumn: string;
  columns: readonly DrillColumn<K, D>[];
  words: { column: (key: K) => string; hint: (key: K) => string; drillTitle: (figure: string, row: string) => string };
  rows: DrillRow<K, V>[];
  total?: DrillRow<K, V>;
  onDrill: (title: string, r: DrillRow<K, V>, figure: D) => void;
  testId: string;
}) {
  const fmt = useFigureFormat();
  const cells = (r: DrillRow<K, V>) =>
    columns.map((c) => {
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
              onClick={() => onDrill(words.drillTitle(words.column(c.key), r.label), r, c.drill)}
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
              {columns.map((c) => (
                <th key={c.key} scope="col" className="px-3 py-2 text-right font-medium text-slate-600" title={words.hint(c.key)}>
                  <span className="cursor-help border-b border-dotted border-slate-400">{words.column(c.key)}</span>
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
