"use client";
// The report's period: the last 7 or 30 days (today included), or days chosen by date — all on the
// organisation's clock, as the report's days are, whatever the browser's time zone.
import { useTranslations } from "next-intl";
import { type ReactNode, useMemo, useState } from "react";
import { useMe } from "../../_client/me.tsx";
import { startOfDay, wallClock } from "../../../domain/shared/wall-clock.ts";
import { DateInput } from "../../_components/date-input.tsx";
import { Field, Select } from "../../_components/field.tsx";

export interface Period {
  preset: "7" | "30" | "custom";
  /** YYYY-MM-DD, both days included (custom only). */
  from: string;
  to: string;
}

const DAY = 86_400_000;

/** Midnight starting the date on the organisation's clock (noon UTC is that date in Europe). */
const midnightOf = (timezone: string, date: string, plusDays = 0) => startOfDay(timezone, new Date(Date.parse(`${date}T12:00:00Z`) + plusDays * DAY));

/** The query's from/to, or null while a custom date is missing. `to` null: until now. */
export function periodVariables(p: Period, timezone: string, now: number): { from: string; to: string | null } | null {
  if (p.preset !== "custom") return { from: startOfDay(timezone, new Date(now - (Number(p.preset) - 1) * DAY)).toISOString(), to: null };
  if (!p.from || !p.to) return null;
  return { from: midnightOf(timezone, p.from).toISOString(), to: midnightOf(timezone, p.to, 1).toISOString() };
}

export function PeriodPicker({ value, onChange, timezone, now }: { value: Period; onChange: (p: Period) => void; timezone: string; now: number }) {
  const t = useTranslations("reports.ivr");
  const choose = (preset: Period["preset"]) =>
    onChange(
      preset === "custom" && !value.from
        ? { preset, from: wallClock(timezone, new Date(now - 29 * DAY)).date, to: wallClock(timezone, new Date(now)).date }
        : { ...value, preset },
    );
  return (
    <div className="flex flex-wrap items-end gap-4">
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-slate-700">{t("period")}</legend>
        <div className="inline-flex rounded-md ring-1 ring-slate-300" role="radiogroup" aria-label={t("period")}>
          {(["7", "30", "custom"] as const).map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={value.preset === p}
              onClick={() => choose(p)}
              className="px-3 py-2 text-sm font-medium text-slate-700 first:rounded-l-md last:rounded-r-md hover:bg-slate-50 aria-checked:bg-brand-600 aria-checked:text-white"
            >
              {p === "custom" ? t("custom") : t("lastDays", { days: Number(p) })}
            </button>
          ))}
        </div>
      </fieldset>
      {value.preset === "custom" && (
        <>
          <Field label={t("from")} htmlFor="report-from">
            <DateInput id="report-from" value={value.from} max={value.to || undefined} onChange={(from) => onChange({ ...value, from })} className="w-full" />
          </Field>
          <Field label={t("to")} htmlFor="report-to">
            <DateInput id="report-to" value={value.to} min={value.from || undefined} onChange={(to) => onChange({ ...value, to })} className="w-full" />
          </Field>
        </>
      )}
    </div>
  );
}

/** A report page's period: the last 7 days at first, on the organisation's clock; `variables` is
 * null while a custom date is missing. "Now" is fixed when the page opens, so the period does not
 * move (and refetch) on every render. */
export function useReportPeriod() {
  const timezone = useMe().organization.timezone;
  const [now] = useState(() => Date.now());
  const [period, setPeriod] = useState<Period>({ preset: "7", from: "", to: "" });
  const variables = useMemo(() => periodVariables(period, timezone, now), [period, timezone, now]);
  return { timezone, now, period, setPeriod, variables };
}

/** The row a report page opens with: its period, its interval size, then any choices of its own. */
export function PeriodRow<S extends string>({
  period,
  interval,
  sizes,
  onInterval,
  children,
}: {
  period: ReturnType<typeof useReportPeriod>;
  interval: S;
  sizes: readonly S[];
  onInterval: (size: S) => void;
  children?: ReactNode;
}) {
  const t = useTranslations("reports.queues");
  return (
    <div className="flex flex-wrap items-end gap-4">
      <PeriodPicker value={period.period} onChange={period.setPeriod} timezone={period.timezone} now={period.now} />
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        {t("interval")}
        <Select value={interval} onChange={(e) => onInterval(e.target.value as S)} className="w-40" data-testid="interval">
          {sizes.map((s) => (
            <option key={s} value={s}>
              {t(`intervalSize.${s}` as "intervalSize.DAY")}
            </option>
          ))}
        </Select>
      </label>
      {children}
    </div>
  );
}
