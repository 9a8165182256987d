// A row of tabs over one panel: the chosen one underlined, a disabled one greyed.
import type { ReactNode } from "react";

export function Tabs<K extends string>({
  tabs,
  value,
  onChange,
  label,
  disabled,
}: {
  tabs: readonly K[];
  value: K;
  onChange: (tab: K) => void;
  label: (tab: K) => ReactNode;
  disabled?: (tab: K) => boolean;
}) {
  return (
    <div className="flex gap-1 border-b border-slate-200" role="tablist">
      {tabs.map((k) => (
        <button
          key={k}
          type="button"
          role="tab"
          aria-selected={value === k}
          disabled={disabled?.(k)}
          onClick={() => onChange(k)}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 disabled:opacity-40 aria-selected:border-brand-600 aria-selected:font-medium aria-selected:text-brand-700"
        >
          {label(k)}
        </button>
      ))}
    </div>
  );
}
