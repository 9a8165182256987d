"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useCan } from "../../_client/me.tsx";
import { RecordingStorageBanner } from "../recordings/recording-storage.tsx";
import { TelephonyAlarmBanner } from "./telephony/trunk-status.tsx";

export const ADMIN_SECTIONS = [
  { href: "/admin/users", key: "users", permissions: ["users.read", "users.manage"] },
  { href: "/admin/roles", key: "roles", permissions: ["roles.manage"] },
  { href: "/admin/teams", key: "teams", permissions: ["teams.manage"] },
  { href: "/admin/queues", key: "queues", permissions: ["queues.manage"] },
  { href: "/admin/pause-codes", key: "pauseCodes", permissions: ["pause_codes.manage"] },
  { href: "/admin/dispositions", key: "dispositions", permissions: ["queues.manage"] },
  { href: "/admin/chat-widgets", key: "chatWidgets", permissions: ["entry_points.manage"] },
  { href: "/admin/mailboxes", key: "mailboxes", permissions: ["entry_points.manage"] },
  { href: "/admin/sms", key: "sms", permissions: ["entry_points.manage"] },
  { href: "/admin/case-statuses", key: "caseStatuses", permissions: ["cases.configure"] },
  { href: "/admin/canned-replies", key: "cannedReplies", permissions: ["canned_replies.manage"] },
  { href: "/admin/tags", key: "tags", permissions: ["cases.configure"] },
  { href: "/admin/macros", key: "macros", permissions: ["cases.configure"] },
  { href: "/admin/telephony", key: "telephony", permissions: ["telephony.manage"] },
  { href: "/admin/blocked-numbers", key: "blockedNumbers", permissions: ["blocklist.manage"] },
  { href: "/admin/scripts", key: "scripts", permissions: ["scripts.manage"] },
  { href: "/admin/campaigns", key: "campaigns", permissions: ["campaigns.manage"] },
  { href: "/admin/contact-lists", key: "contactLists", permissions: ["campaigns.manage"] },
  { href: "/admin/do-not-call", key: "doNotCall", permissions: ["campaigns.manage"] },
  { href: "/admin/wallboard-links", key: "wallboardLinks", permissions: ["wallboard.manage"] },
  { href: "/admin/audit", key: "audit", permissions: ["audit.read"] },
  // The installation's, not the organisation's: operators only (domain/access/permissions.ts).
  { href: "/admin/jobs", key: "jobs", permissions: ["system.jobs"] },
] as const;

export default function AdminLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("admin.nav");
  const can = useCan();
  const path = usePathname();
  const sections = ADMIN_SECTIONS.filter((s) => can(...s.permissions));
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label={t("label")} className="flex gap-1 overflow-x-auto md:flex-col">
        {sections.map((s) => (
          <Link
            key={s.href}
            href={s.href}
            aria-current={path.startsWith(s.href) ? "page" : undefined}
            className="rounded-md px-3 py-2 text-sm whitespace-nowrap text-slate-600 hover:bg-white aria-[current=page]:bg-white aria-[current=page]:font-medium aria-[current=page]:text-brand-700 aria-[current=page]:shadow-sm aria-[current=page]:ring-1 aria-[current=page]:ring-slate-200"
          >
            {t(s.key)}
          </Link>
        ))}
      </nav>
      <div className="min-w-0">
        <RecordingStorageBanner />
        <TelephonyAlarmBanner />
        {children}
      </div>
    </div>
  );
}
