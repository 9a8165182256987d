"use client";
// A case with a call-back: to whom, and why (where it was asked for, the topic, the time, which
// try) — the newest one still to be made or being made, else the last one.
import { useTranslations } from "next-intl";
import { CallbackFacts } from "../../../callback-facts.tsx";
import type { CaseData } from "./case-query.ts";

export function CallbackBanner({ kase }: { kase: CaseData }) {
  const t = useTranslations("callbackFacts");
  const callbacks = kase.interactions.filter((i) => (i.data as { callback?: boolean } | null)?.callback === true);
  const shown = callbacks.findLast((i) => i.state === "QUEUED" || i.state === "ACTIVE") ?? callbacks.at(-1);
  if (!shown) return null;
  const phone = String((shown.data as { phone?: string }).phone ?? "");
  return (
    <section className="border-b border-slate-100 bg-sky-50 px-4 py-2" aria-label={t("title")} data-testid="callback-banner">
      <p className="text-sm font-medium text-slate-900">{t("banner", { number: phone, state: shown.state })}</p>
      <CallbackFacts data={shown.data} className="mt-1" />
    </section>
  );
}
