"use client";
// A report page's title, what it shows, and the way back to the list of reports.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { PageHeader } from "../../_components/page.tsx";

export function ReportHeader({ title, description }: { title: ReactNode; description: ReactNode }) {
  const t = useTranslations("reports");
  return (
    <PageHeader
      title={title}
      description={description}
      actions={
        <Link href="/reports" className="text-sm font-medium text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      }
    />
  );
}
