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
