"use client";
// The input for one question's answer, by its type.
import { useTranslations } from "next-intl";
import type { AnswerValue, Question } from "../../../domain/scripts/definition.ts";
import { Checkbox, Input, Textarea } from "../field.tsx";

export function AnswerInput({ question: q, value, onChange, labelledBy }: { question: Question; value: AnswerValue; onChange: (v: AnswerValue) => void; labelledBy: string }) {
  const t = useTranslations("scripts.runner");
  switch (q.type) {
    case "choice":
      return (
        <div role="radiogroup" aria-labelledby={labelledBy} className="flex flex-wrap gap-2">
          {q.options.map((o) => (
            <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600">
              <input type="radio" name={q.id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
              {o.label}
            </label>
          ))}
        </div>
      );
    case "multi": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div role="group" aria-labelledby={labelledBy} className="space-y-1">
          {q.options.map((o) => (
            <Checkbox key={o.value} label={o.label} checked={chosen.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))} />
          ))}
        </div>
      );
    }
    case "text":
      return <Textarea aria-labelledby={labelledBy} rows={3} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} />;
    case "number":
      return (
        <Input
          aria-labelledby={labelledBy}
          type="number"
          step="any"
          min={q.min}
          max={q.max}
          value={typeof value === "number" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? null : e.target.valueAsNumber)}
        />
      );
    case "scale": {
      const points = Array.from({ length: (q.max ?? 0) - (q.min ?? 0) + 1 }, (_, i) => (q.min ?? 0) + i);
      return (
        <div role="radiogroup" aria-labelledby={labelledBy} className="flex flex-wrap gap-1">
          {points.map((p) => (
            <button key={p} type="button" role="radio" aria-checked={value === p} onClick={() => onChange(p)} className="h-9 min-w-9 rounded-md text-sm ring-1 ring-slate-300 aria-checked:bg-brand-600 aria-checked:text-white">
              {p}
            </button>
          ))}
        </div>
      );
    }
    case "date":
      return (
        <input
          aria-labelledby={labelledBy}
          aria-description={t(q.withTime ? "dateTimeHint" : "dateHint")}
          type={q.withTime ? "datetime-local" : "date"}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value || null)}
          className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300"
        />
      );
  }
}

/** An answer as the summary shows it: options by their labels. */
export function formatAnswer(q: Question, value: AnswerValue, skipped: string): string {
  if (value === null) return skipped;
  const label = (v: string) => q.options.find((o) => o.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.map(label).join(", ");
  if (q.type === "choice" && typeof value === "string") return label(value);
  return typeof value === "string" ? value.replace("T", " ") : String(value);
}
