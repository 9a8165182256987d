"use client";
// What the figure reports show above and below their tables: the period's headline figures as
// tiles (each with its definition on hover), and the definitions of every column with a note.
import type { ReactNode } from "react";
import { Card } from "../../_components/page.tsx";
import type { ColumnKind } from "../../../domain/reports/queue-columns.ts";
import { useFigureFormat } from "./queues/figures-table.tsx";

export function FigureTiles<K extends string>({
  tiles,
  columns,
  total,
  words,
}: {
  tiles: readonly K[];
  columns: readonly { key: K; kind: ColumnKind }[];
  total: Record<K, number | null>;
  words: { column: (key: K) => string; hint: (key: K) => string };
}) {
  const fmt = useFigureFormat();
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 xl:grid-cols-7" data-testid="tiles">
      {tiles.map((key) => (
        <div key={key} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" title={words.hint(key)}>
          <dt className="text-sm text-slate-500">{words.column(key)}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`tile-${key}`}>
            {fmt.value(columns.find((c) => c.key === key)!.kind, total[key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function DefinitionsCard<K extends string>({
  title,
  keys,
  words,
  note,
}: {
  title: string;
  keys: readonly K[];
  words: { column: (key: K) => string; hint: (key: K) => string };
  note: ReactNode;
}) {
  return (
    <Card title={title}>
      <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2" data-testid="definitions">
        {keys.map((k) => (
          <div key={k}>
            <dt className="inline font-medium text-slate-900">{words.column(k)}: </dt>
            <dd className="inline text-slate-600">{words.hint(k)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-500">{note}</p>
    </Card>
  );
}
