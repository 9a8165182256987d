"use client";
// The viewer's saved reports on the Reports page: each opens its report with its choices, and can
// be changed or deleted; a scheduled one says when it goes out next and why the last send failed.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Card } from "../../../_components/page.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { SaveReportDialog } from "./save-report-dialog.tsx";
import { REFRESH_SAVED, REPORT_PAGE, type ReportChoice, type SavedReport, SavedReportsQuery } from "./saved-report-query.ts";

export function SavedReportsList() {
  const t = useTranslations("reports.saved");
  const dates = useDates();
  const [{ data }] = useQuery({ query: SavedReportsQuery, context: REFRESH_SAVED });
  const [editing, setEditing] = useState<SavedReport | null>(null);
  const list = data?.savedReports ?? [];

  const when = (r: SavedReport) => {
    const hour = `${String(r.sendHour).padStart(2, "0")}:00`;
    if (r.schedule === "WEEKLY") return t("when.WEEKLY", { day: t(`everyWeekday.${r.weekday ?? 1}`), hour });
    if (r.schedule === "MONTHLY") return t("when.MONTHLY", { day: r.monthDay ?? 1, hour });
    if (r.schedule === "DAILY") return t("when.DAILY", { hour });
    return t("when.NONE");
  };

  return (
    <Card title={t("title")} className="mt-8">
      {!list.length ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="saved-reports">
          {list.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">
                  {r.name} <span className="text-sm font-normal text-slate-500">· {t(`kind.${r.kind}`)}</span>
                </p>
                <p className="text-sm text-slate-600">
                  {t(`preset.${(r.parameters as ReportChoice["parameters"]).period}`)} · {when(r)}
                  {r.schedule !== "NONE" && ` · ${t("recipientCount", { count: r.recipients.length })} · ${r.format}`}
                </p>
                {r.nextSendAt && <p className="text-xs text-slate-500">{t("nextSend", { at: dates.format(r.nextSendAt, "dateTime") })}</p>}
                {r.lastError && (
                  <p className="text-xs text-red-600" role="alert">
                    {t("lastError", { error: r.lastError })}
                  </p>
                )}
              </div>
              <Link
                href={`${REPORT_PAGE[r.kind]}?saved=${r.id}`}
                className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
              >
                {t("open")}
              </Link>
              <Button onClick={() => setEditing(r)}>{t("edit")}</Button>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <SaveReportDialog saved={editing} report={{ kind: editing.kind, parameters: editing.parameters } as ReportChoice} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
