"use client";
// Saving a report's choices under a name, and when to e-mail it: never, daily, weekly on a
// weekday or monthly on a day, at an hour on the organisation's clock, to up to 10 addresses,
// as XLSX or CSV. Opened from the report (new) and from the saved reports list (change, delete).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Field, Input, Select, Textarea } from "../../../_components/field.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { PERIOD_PRESETS, SCHEDULES } from "../../../../domain/reports/report-schedule.ts";
import { EditDialog, useEditOutcome } from "../../admin/edit-dialog.tsx";
import { DeleteSavedReport, REFRESH_SAVED, type ReportChoice, SaveReport, type SavedReport } from "./saved-report-query.ts";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DAYS = Array.from({ length: 31 }, (_, d) => d + 1);

export function SaveReportDialog({ saved, report, onClose }: { saved: SavedReport | null; report: ReportChoice; onClose: () => void }) {
  const t = useTranslations("reports.saved");
  const errors = useErrorText();
  const [form, setForm] = useState({
    name: saved?.name ?? "",
    period: report.parameters.period,
    schedule: (saved?.schedule ?? "NONE") as (typeof SCHEDULES)[number],
    weekday: saved?.weekday ?? 1,
    monthDay: saved?.monthDay ?? 1,
    sendHour: saved?.sendHour ?? 7,
    recipients: saved?.recipients.join("\n") ?? "",
    format: (saved?.format ?? "XLSX") as "XLSX" | "CSV",
  });
  const [, save] = useMutation(SaveReport);
  const [, remove] = useMutation(DeleteSavedReport);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  const recipientsIssue = outcome.error?.fields.find((f) => f.path.startsWith("input.recipients"));
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });
  const scheduled = form.schedule !== "NONE";

  return (
    <EditDialog
      formId="saved-report-form"
      onClose={onClose}
      outcome={outcome}
      title={saved ? t("editTitle", { name: saved.name }) : t("newTitle")}
      onDelete={saved ? () => outcome.remove(() => remove({ id: saved.id }, REFRESH_SAVED)) : undefined}
      onSave={() =>
        outcome.save(() =>
          save(
            {
              id: saved?.id ?? null,
              input: {
                name: form.name,
                kind: report.kind,
                parameters: { ...report.parameters, period: form.period },
                schedule: form.schedule,
                weekday: form.schedule === "WEEKLY" ? form.weekday : null,
                monthDay: form.schedule === "MONTHLY" ? form.monthDay : null,
                sendHour: form.sendHour,
                recipients: scheduled ? form.recipients.split(/[\s,;]+/).filter(Boolean) : [],
                format: form.format,
              },
            },
            REFRESH_SAVED,
          ),
        )
      }
    >
      <Field label={t("name")} htmlFor="sr-name" error={errors.field(issues.name, "name")}>
        <Input id="sr-name" value={form.name} maxLength={80} onChange={(e) => set("name", e.target.value)} />
      </Field>
      <Field label={t("period")} htmlFor="sr-period" hint={t("periodHint")}>
        <Select id="sr-period" value={form.period} onChange={(e) => set("period", e.target.value as ReportChoice["parameters"]["period"])}>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`preset.${p}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("schedule")} htmlFor="sr-schedule">
        <Select id="sr-schedule" value={form.schedule} onChange={(e) => set("schedule", e.target.value as (typeof SCHEDULES)[number])}>
          {SCHEDULES.map((s) => (
            <option key={s} value={s}>
              {t(`scheduleKind.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      {scheduled && (
        <div className="grid gap-4 sm:grid-cols-2">
          {form.schedule === "WEEKLY" && (
            <Field label={t("weekday")} htmlFor="sr-weekday">
              <Select id="sr-weekday" value={form.weekday} onChange={(e) => set("weekday", Number(e.target.value))}>
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`weekdays.${d}`)}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {form.schedule === "MONTHLY" && (
            <Field label={t("monthDay")} htmlFor="sr-month-day" hint={t("monthDayHint")}>
              <Select id="sr-month-day" value={form.monthDay} onChange={(e) => set("monthDay", Number(e.target.value))}>
                {DAYS.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label={t("sendHour")} htmlFor="sr-hour" hint={t("sendHourHint")}>
            <Select id="sr-hour" value={form.sendHour} onChange={(e) => set("sendHour", Number(e.target.value))}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {`${String(h).padStart(2, "0")}:00`}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
      {scheduled && (
        <Field label={t("recipients")} htmlFor="sr-recipients" hint={t("recipientsHint")} error={errors.field(recipientsIssue, "recipients")}>
          <Textarea id="sr-recipients" rows={3} value={form.recipients} onChange={(e) => set("recipients", e.target.value)} />
        </Field>
      )}
      <Field label={t("format")} htmlFor="sr-format">
        <Select id="sr-format" value={form.format} onChange={(e) => set("format", e.target.value as "XLSX" | "CSV")}>
          <option value="XLSX">XLSX</option>
          <option value="CSV">CSV</option>
        </Select>
      </Field>
    </EditDialog>
  );
}
