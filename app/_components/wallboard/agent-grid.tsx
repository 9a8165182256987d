"use client";
// The agents on the wall-board: state and time in it (ticking), what they are on now (the
// customer and the queue), how many they took today and when the last.
import { useTranslations } from "next-intl";
import { localizedName } from "../../../domain/shared/localized-name.ts";
import { useBoardDates } from "./board-dates.ts";
import { formatDuration } from "../../_client/use-now.ts";
import { STATE_COLORS } from "../agent-state.tsx";
import type { AgentTileData } from "./board-types.ts";

export function AgentGrid({ agents, now, timeZone, big = false }: { agents: AgentTileData[]; now: number; timeZone: string; big?: boolean }) {
  const t = useTranslations("wallboard");
  const ts = useTranslations("agentState");
  const tch = useTranslations("channel");
  const dates = useBoardDates(timeZone);
  const locale = dates.locale;
  if (!agents.length) return <p className={`py-8 text-center text-slate-500 ${big ? "text-2xl" : "text-sm"}`}>{t("noAgents")}</p>;
  return (
    <ul className={`grid gap-3 ${big ? "grid-cols-4 text-xl" : "grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] text-sm"}`} aria-label={t("agents")}>
      {agents.map((a) => {
        const reason = a.pauseReason as { name: string; translations: unknown } | null;
        return (
          <li key={a.userId} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200" data-testid={`agent-${a.name}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="truncate font-semibold text-slate-900">{a.name}</span>
              <span className="tabular-nums text-slate-500" data-testid="in-state">
                {formatDuration(now - Date.parse(a.since))}
              </span>
            </div>
            <div className="mt-1 flex items-center gap-1.5">
              <span className={`size-2.5 rounded-full ${STATE_COLORS[a.state].dot}`} aria-hidden />
              <span data-testid="state">{ts(a.state)}</span>
              {reason && <span className="truncate text-slate-500">· {localizedName(reason.name, reason.translations, locale)}</span>}
            </div>
            <div className="mt-1 truncate text-slate-700" data-testid="current">
              {a.current ? (
                <>
                  {tch(a.current.channel)}: {[a.current.customer, a.current.number].filter(Boolean).join(" · ") || t("unknownCustomer")}
                  {a.current.queueName && <span className="text-slate-500"> · {a.current.queueName}</span>}
                  <span className="text-slate-500"> · {formatDuration(now - Date.parse(a.current.since))}</span>
                </>
              ) : (
                <span className="text-slate-400">{t("noWork")}</span>
              )}
            </div>
            <div className="mt-1 text-slate-500">
              {t("handledToday", { count: a.handledToday })}
              {a.lastTaken && <span> · {t("lastTaken", { time: dates.format(a.lastTaken.at, "time"), queue: a.lastTaken.queueName || "—" })}</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
