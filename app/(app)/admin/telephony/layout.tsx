"use client";
// Telephony's screens (trunks, numbers, IVR flows, sounds, fax documents, calls out) under one menu entry, as tabs.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

const TABS = [
  { href: "/admin/telephony", key: "trunks" },
  { href: "/admin/telephony/numbers", key: "numbers" },
  { href: "/admin/telephony/ivr", key: "ivr" },
  { href: "/admin/telephony/sounds", key: "sounds" },
  { href: "/admin/telephony/fax-documents", key: "faxDocuments" },
  { href: "/admin/telephony/outbound", key: "outbound" },
] as const;

export default function TelephonyLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("admin.telephony.tabs");
  const path = usePathname();
  return (
    <>
      <nav aria-label={t("label")} className="mb-6 flex gap-1 border-b border-slate-200">
        {TABS.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={path === tab.href ? "page" : undefined}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-brand-700"
          >
            {t(tab.key)}
          </Link>
        ))}
      </nav>
      {children}
    </>
  );
}
