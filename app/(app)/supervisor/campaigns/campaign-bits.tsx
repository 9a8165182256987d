"use client";
// Pieces both campaign monitor pages use: an abandon rate coloured against the campaign's cap, and
// today's abandon rate per hour as columns with the cap drawn across.
import { useFormatter, useTranslations } from "next-intl";
import { type CapLevel, capLevel } from "../../../../domain/campaigns/monitor/figures-math.ts";
import { graphql } from "../../../_client/graphql.ts";

/** Calls, agents or queues changed: the pages read again (a burst at most every 2 s). */
export const MonitorChanged = graphql(`
  subscription CampaignMonitorChanged {
    campaignMonitorChanged
  }
`);

const LEVEL: Record<CapLevel, string> = {
  NONE: "text-slate-400",
  OK: "text-emerald-700",
  NEAR: "text-amber-700",
  OVER: "text-red-700 font-semibold",
};
const BAR: Record<CapLevel, string> = { NONE: "#cbd5e1", OK: "#10b981", NEAR: "#f59e0b", OVER: "#dc2626" };

export function usePercent() {
  const f = useFormatter();
  return (p: number | null) => (p === null ? "—" : f.number(p / 100, { style: "percent", maximumFractionDigits: 2 }));
}

export function AbandonRate({ percent, level, testId }: { percent: number | null; level: CapLevel; testId?: string }) {
  const t = useTranslations("campaignMonitor");
  const pct = usePercent();
  return (
    <span className={`tabular-nums ${LEVEL[level]}`} title={t(`level.${level}`)} data-testid={testId}>
      {pct(percent)}
    </span>
  );
}

export function HourChart({
  hours,
  cap,
}: {
  hours: { hour: number; abandonPercent: number | null; personAnswered: number; abandoned: number }[];
  cap: number;
}) {
  const t = useTranslations("campaignMonitor");
  const pct = usePercent();
  const f = useFormatter();
  const top = Math.max(cap * 1.5, ...hours.map((h) => h.abandonPercent ?? 0));
  return (
    <figure aria-label={t("hourChart")}>
      <div className="relative flex h-44 items-end gap-[3px] border-b border-l border-slate-200 pl-px">
        <div className="absolute inset-x-0 border-t-2 border-dashed border-red-500" style={{ bottom: `${(cap / top) * 100}%` }} aria-hidden>
          <span className="absolute -top-5 left-1 rounded bg-white/90 px-1 text-xs font-medium text-red-600">{t("cap", { cap: pct(cap) })}</span>
        </div>
        {hours.map((h) => (
          <div
            key={h.hour}
            role="img"
            aria-label={`${f.number(h.hour)}:00 — ${pct(h.abandonPercent)} (${h.abandoned}/${h.personAnswered})`}
            title={`${String(h.hour).padStart(2, "0")}:00 — ${pct(h.abandonPercent)} (${h.abandoned}/${h.personAnswered})`}
            className="min-w-0 flex-1 rounded-t-sm"
            style={{
              height: `${((h.abandonPercent ?? 0) / top) * 100}%`,
              minHeight: h.personAnswered ? 2 : 0,
              background: BAR[capLevel(h.abandonPercent, cap)],
            }}
            data-testid={`hour-${h.hour}`}
          />
        ))}
      </div>
      <div className="mt-1 flex gap-[3px] pl-px text-[11px] text-slate-500" aria-hidden>
        {hours.map((h) => (
          <span key={h.hour} className="min-w-0 flex-1 text-center">
            {h.hour % 2 === 0 || hours.length < 12 ? String(h.hour).padStart(2, "0") : ""}
          </span>
        ))}
      </div>
    </figure>
  );
}

export function Tile({ label, value, testId, children }: { label: string; value: React.ReactNode; testId?: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </div>
      {children}
    </div>
  );
}

export const STATUS_CLASS: Record<string, string> = {
  RUNNING: "bg-emerald-100 text-emerald-800",
  PAUSED: "bg-amber-100 text-amber-900",
  STOPPED: "bg-slate-200 text-slate-700",
  COMPLETED: "bg-sky-100 text-sky-800",
  DRAFT: "bg-slate-100 text-slate-600",
};

export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("campaignMonitor.status");
  return (
    <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${STATUS_CLASS[status] ?? ""}`} data-testid="campaign-status">
      {t(status)}
    </span>
  );
}
