"use client";
// A report's actions beside its filters: Save… (its choices under a name, saved/) and the file
// downloads, written by the server (lib/report-exports-http.ts) for the choices on screen.
import { useTranslations } from "next-intl";
import { Button } from "../../_components/button.tsx";

export function ReportActions({ onSave, href }: { onSave: () => void; href: (format: "xlsx" | "csv") => string }) {
  const t = useTranslations("reports");
  return (
    <div className="ml-auto flex gap-2">
      <Button onClick={onSave} data-testid="save-report">
        {t("saved.save")}
      </Button>
      <a href={href("xlsx")} download className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="export-xlsx">
        {t("download.xlsx")}
      </a>
      <a
        href={href("csv")}
        download
        className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
        data-testid="export-csv"
      >
        {t("download.csv")}
      </a>
    </div>
  );
}
