"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { AgentStateControl } from "../_components/agent-state-control.tsx";
import { LanguageSwitcher } from "../_components/language-switcher.tsx";
import { useCan, useMe } from "../_client/me.tsx";
import { useShellPageTitle } from "./page-title.ts";

type Locale = "pl" | "en" | "ru";

export function TopBar({ onLocale }: { onLocale: (l: Locale) => Promise<unknown> }) {
  const t = useTranslations("nav");
  const me = useMe();
  const can = useCan();
  const path = usePathname();
  // The top bar is on every signed-in page: it names the page in the tab's title too.
  useShellPageTitle();
  const links = [
    // Who reads cases without taking work gets the cases, not an agent's desktop they cannot use.
    { href: "/agent", label: can("agents.work") ? t("desktop") : t("cases"), show: can("agents.work", "cases.read_all") },
    { href: "/contacts", label: t("contacts"), show: can("contacts.read") },
    { href: "/supervisor", label: t("board"), show: can("agents.monitor_team", "agents.monitor_all") },
    { href: "/wallboard", label: t("wallboard"), show: can("agents.monitor_team", "agents.monitor_all") },
    { href: "/alarms", label: t("alarms"), show: can("alarms.manage") },
    { href: "/recordings", label: t("recordings"), show: can("recordings.listen") },
    { href: "/reports", label: t("reports"), show: can("reports.read") },
    {
      href: "/admin",
      label: t("admin"),
      show: can(
        "users.read",
        "users.manage",
        "roles.manage",
        "teams.manage",
        "queues.manage",
        "pause_codes.manage",
        "audit.read",
        "entry_points.manage",
        "cases.configure",
        "canned_replies.manage",
        "telephony.manage",
        "wallboard.manage",
        "blocklist.manage",
        "scripts.manage",
        "campaigns.manage",
        "system.jobs",
      ),
    },
  ].filter((l) => l.show);

  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    window.location.assign("/login");
  }

  return (
    <header className="z-10 shrink-0 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5 sm:px-6">
        <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
          Centrala
        </Link>
        <nav aria-label={t("main")} className="flex gap-1">
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              aria-current={path.startsWith(l.href) ? "page" : undefined}
              className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
            >
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-4">
          {can("agents.work") && <AgentStateControl compact />}
          <LanguageSwitcher onChange={onLocale} />
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100" data-testid="user-menu">
              {me.user.name} <span className="text-slate-400">▾</span>
            </summary>
            <div className="absolute right-0 mt-1 w-56 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
              <p className="truncate px-3 py-1.5 text-xs text-slate-500">
                {me.user.username} · {me.organization.name}
              </p>
              <Link href="/account" className="block px-3 py-1.5 text-sm hover:bg-slate-50">
                {t("account")}
              </Link>
              <button type="button" onClick={signOut} className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50">
                {t("signOut")}
              </button>
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}
