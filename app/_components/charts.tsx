// Small, dependency-free charts: horizontal bars to compare counts, and one stacked bar to show
// how a whole (a working day) divides. Each carries its numbers as text for screen readers.

export interface Datum {
  key: string;
  label: string;
  value: number;
  color: string;
  /** Shown instead of the raw value (e.g. "1:05:00"). */
  display?: string;
}

export function BarChart({ data, label }: { data: Datum[]; label: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <figure aria-label={label} className="space-y-2">
      {data.map((d) => (
        <div key={d.key} className="grid grid-cols-[7rem_1fr_3rem] items-center gap-3 text-sm">
          <span className="truncate text-slate-600">{d.label}</span>
          <span className="h-3 rounded-full bg-slate-100">
            <span className="block h-3 rounded-full transition-[width] duration-500" style={{ width: `${(d.value / max) * 100}%`, background: d.color }} />
          </span>
          <span className="text-right font-medium tabular-nums text-slate-900" data-testid={`bar-${d.key}`}>
            {d.display ?? d.value}
          </span>
        </div>
      ))}
    </figure>
  );
}

export function StackedBar({ data, label, emptyText }: { data: Datum[]; label: string; emptyText: string }) {
  const total = data.reduce((s, d) => s + d.value, 0);
  return (
    <figure aria-label={label}>
      <div
        className="flex h-4 overflow-hidden rounded-full bg-slate-100"
        role="img"
        aria-label={data.map((d) => `${d.label}: ${d.display ?? d.value}`).join(", ")}
      >
        {total > 0 &&
          data.map((d) =>
            d.value > 0 ? (
              <span key={d.key} style={{ width: `${(d.value / total) * 100}%`, background: d.color }} title={`${d.label}: ${d.display ?? d.value}`} />
            ) : null,
          )}
      </div>
      {total === 0 && <p className="mt-2 text-sm text-slate-500">{emptyText}</p>}
      <figcaption className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {data.map((d) => (
          <span key={d.key} className="inline-flex items-center gap-1.5 text-slate-600">
            <span className="size-2.5 rounded-sm" style={{ background: d.color }} aria-hidden />
            {d.label} <span className="font-medium tabular-nums text-slate-900">{d.display ?? d.value}</span>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** Columns of stacked parts over time (a day each, say), the parts in `series` order from the
 * bottom, with a legend of the totals. Each column tells its numbers to screen readers. */
export function StackedColumns({
  label,
  series,
  columns,
}: {
  label: string;
  series: Series[];
  columns: { key: string; label: string; values: Record<string, number> }[];
}) {
  const totals = columns.map((c) => series.reduce((s, x) => s + (c.values[x.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  // Past a month of days, every label would overlap: a few are enough to read the axis.
  const every = Math.ceil(columns.length / 16);
  return (
    <figure aria-label={label}>
      <div className="relative flex h-48 items-end gap-[2px] border-b border-l border-slate-200 pl-px">
        <span className="absolute -top-1 left-1 text-xs tabular-nums text-slate-400" aria-hidden>
          {max}
        </span>
        {columns.map((c, i) => (
          <div
            key={c.key}
            role="img"
            aria-label={`${c.label}: ${series.map((s) => `${s.label} ${c.values[s.key] ?? 0}`).join(", ")}`}
            title={`${c.label}\n${series
              .filter((s) => c.values[s.key])
              .map((s) => `${s.label}: ${c.values[s.key]}`)
              .join("\n")}`}
            className="flex min-w-0 flex-1 flex-col-reverse overflow-hidden rounded-t-sm"
            style={{ height: `${(totals[i] / max) * 100}%` }}
            data-testid={`column-${c.key}`}
          >
            {series.map((s) =>
              c.values[s.key] ? <span key={s.key} style={{ height: `${(c.values[s.key] / totals[i]) * 100}%`, background: s.color }} /> : null,
            )}
          </div>
        ))}
      </div>
      <div className="mt-1 flex gap-[2px] pl-px text-[11px] text-slate-500" aria-hidden>
        {columns.map((c, i) => (
          <span key={c.key} className="min-w-0 flex-1 overflow-visible whitespace-nowrap text-center">
            {i % every === 0 ? c.label : ""}
          </span>
        ))}
      </div>
      <figcaption className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5 text-slate-600">
            <span className="size-2.5 rounded-sm" style={{ background: s.color }} aria-hidden />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
