"use client";
// A case's service-level timer: what is due (first response or resolution), counting down live,
// amber in the last quarter of its target and red once past it (domain/cases/sla.ts decides).
import { useTranslations } from "next-intl";
import { type CaseCategory, slaView } from "../../domain/cases/sla.ts";
import { type ResultOf, graphql } from "../_client/graphql.ts";
import { useDates } from "../_client/use-dates.ts";
import { useNow } from "../_client/use-now.ts";

/** What the chip needs of a case's clocks: spread into the queries of screens that show it. */
export const CaseSlaFields = graphql(`
  fragment CaseSlaFields on CaseSla @_unmask {
    firstResponseDueAt
    firstRespondedAt
    resolutionDueAt
    heldAt
    dueAt
    warnAt
    missed
  }
`);
type ChipSla = ResultOf<typeof CaseSlaFields>;

const TONES = {
  ok: "bg-slate-100 text-slate-700 ring-slate-200",
  warn: "bg-amber-100 text-amber-900 ring-amber-300",
  breached: "bg-red-100 text-red-800 ring-red-300",
} as const;
const date = (s: string | null) => (s ? new Date(s) : null);

export function SlaChip({ sla, category, tick = 1000 }: { sla: ChipSla | null; category: CaseCategory; tick?: number }) {
  const t = useTranslations("sla");
  const dates = useDates();
  const now = useNow(tick);
  if (!sla) return null;
  const state = {
    firstResponseDueAt: date(sla.firstResponseDueAt),
    firstRespondedAt: date(sla.firstRespondedAt),
    resolutionDueAt: date(sla.resolutionDueAt),
    heldAt: date(sla.heldAt),
    dueAt: date(sla.dueAt),
    warnAt: date(sla.warnAt),
    breached: sla.missed,
  };
  const view = slaView(state, category, new Date(now));
  if (view.clock === "NONE" && !sla.missed) return null;
  const span = view.remainingMs === null ? "" : spanText(Math.abs(view.remainingMs), t);
  const overdue = view.remainingMs !== null && view.remainingMs <= 0;
  const text =
    view.clock === "NONE"
      ? t("missed")
      : view.clock === "HELD"
        ? t("held")
        : t(`${view.clock === "FIRST_RESPONSE" ? "reply" : "resolve"}.${overdue ? "overdue" : "in"}`, { time: span });
  const title = state.dueAt ? t("dueAt", { at: dates.format(state.dueAt, "dateTimeMedium") }) : undefined;
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ring-1 ${TONES[view.tone]}`}
      title={title}
      data-testid="sla-chip"
      data-tone={view.tone}
    >
      <svg viewBox="0 0 16 16" className="size-3" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6">
        <circle cx="8" cy="9" r="5.5" />
        <path d="M8 6v3l2 1.5M6.5 1.5h3" />
      </svg>
      {text}
    </span>
  );
}

/** 45 s, 4 min 12 s (under ten minutes the seconds tick), 12 min, 3 h 20 min, 2 d 4 h. */
function spanText(ms: number, t: ReturnType<typeof useTranslations<"sla">>): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return t("units.s", { n: s });
  const m = Math.floor(s / 60);
  if (m < 10) return `${t("units.min", { n: m })} ${t("units.s", { n: s % 60 })}`;
  if (m < 60) return t("units.min", { n: m });
  const h = Math.floor(m / 60);
  if (h < 24) return [t("units.h", { n: h }), m % 60 ? t("units.min", { n: m % 60 }) : ""].filter(Boolean).join(" ");
  const d = Math.floor(h / 24);
  return [t("units.d", { n: d }), h % 24 ? t("units.h", { n: h % 24 }) : ""].filter(Boolean).join(" ");
}
