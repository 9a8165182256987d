"use client";
// The reports there are, each a card linking to its page, and the viewer's saved reports.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { PageHeader } from "../../_components/page.tsx";
import { useCan } from "../../_client/me.tsx";
import { NoAccess } from "../no-access.tsx";
import { SavedReportsList } from "./saved/saved-reports-list.tsx";

const REPORTS = [
  { href: "/reports/queues", key: "queues" },
  { href: "/reports/conversations", key: "conversations" },
  { href: "/reports/outbound", key: "outbound" },
  { href: "/reports/cases", key: "cases" },
  { href: "/reports/ivr", key: "ivr" },
  { href: "/reports/agents", key: "agents" },
] as const;

export default function ReportsPage() {
  const t = useTranslations("reports");
  const can = useCan();
  if (!can("reports.read")) return <NoAccess />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {REPORTS.map((r) => (
          <li key={r.key}>
            <Link
              href={r.href}
              className="block h-full rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-300 focus-visible:ring-2 focus-visible:ring-brand-500"
            >
              <h2 className="font-semibold text-slate-900">{t(`list.${r.key}.title`)}</h2>
              <p className="mt-1 text-sm text-slate-600">{t(`list.${r.key}.description`)}</p>
              <span className="mt-3 inline-block text-sm font-medium text-brand-700">{t("open")} →</span>
            </Link>
          </li>
        ))}
      </ul>
      <SavedReportsList />
    </>
  );
}
