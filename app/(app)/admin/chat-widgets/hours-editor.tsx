"use client";
import { useTranslations } from "next-intl";
import { Button } from "../../../_components/button.tsx";
import { Checkbox } from "../../../_components/field.tsx";
import { TimeInput } from "../../../_components/time-input.tsx";
import { DAYS, type WidgetSettings } from "./widget-settings.ts";

type Hours = WidgetSettings["businessHours"];

/** Opening hours per weekday (several intervals a day) and closed days, on the organisation's clock. */
export function HoursEditor({ value, onChange, enabledLabel }: { value: Hours; onChange: (v: Hours) => void; enabledLabel?: string }) {
  const t = useTranslations("admin.chatWidgets.hours");
  const setDay = (day: (typeof DAYS)[number], intervals: { from: string; to: string }[]) => onChange({ ...value, days: { ...value.days, [day]: intervals } });
  return (
    <div className="space-y-4">
      <Checkbox label={enabledLabel ?? t("enabled")} checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} />
      {value.enabled && (
        <>
          <table className="text-sm">
            <tbody>
              {DAYS.map((day) => {
                const intervals = value.days[day] ?? [];
                return (
                  <tr key={day}>
                    <th scope="row" className="w-28 py-1 pr-3 text-left font-medium text-slate-700">
                      {t(`day.${day}`)}
                    </th>
                    <td className="space-y-1 py-1">
                      {intervals.length === 0 && <span className="text-slate-500">{t("closed")}</span>}
                      {intervals.map((i, n) => (
                        <div key={n} className="flex items-center gap-2">
                          <TimeInput
                            value={i.from}
                            aria-label={t("from")}
                            onChange={(v) =>
                              setDay(
                                day,
                                intervals.map((x, m) => (m === n ? { ...x, from: v } : x)),
                              )
                            }
                            className="w-20 py-1"
                          />
                          –
                          <TimeInput
                            value={i.to}
                            aria-label={t("to")}
                            onChange={(v) =>
                              setDay(
                                day,
                                intervals.map((x, m) => (m === n ? { ...x, to: v } : x)),
                              )
                            }
                            className="w-20 py-1"
                          />
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() =>
                              setDay(
                                day,
                                intervals.filter((_, m) => m !== n),
                              )
                            }
                          >
                            ✕
                          </Button>
                        </div>
                      ))}
                    </td>
                    <td className="py-1 pl-2 align-top">
                      <Button size="sm" onClick={() => setDay(day, [...intervals, { from: "08:00", to: "16:00" }])}>
                        {t("add")}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label className="block text-sm">
            <span className="mb-1 block font-medium text-slate-700">{t("holidays")}</span>
            <textarea
              rows={2}
              value={value.holidays.join("\n")}
              onChange={(e) => onChange({ ...value, holidays: e.target.value.split(/[\s,]+/).filter(Boolean) })}
              placeholder="2026-12-25"
              className="block w-full rounded-md border-0 px-3 py-2 font-mono text-sm ring-1 ring-slate-300"
            />
            <span className="text-xs text-slate-500">{t("holidaysHint")}</span>
          </label>
        </>
      )}
    </div>
  );
}
