"use client";
import { useTranslations } from "next-intl";

export type AgentStateName = "READY" | "WRAP_UP" | "PAUSE" | "BREAK" | "AWAY" | "OFFLINE";
export const AGENT_STATES: AgentStateName[] = ["READY", "WRAP_UP", "PAUSE", "BREAK", "AWAY", "OFFLINE"];

/** One colour per state, used by badges, buttons and charts alike. */
export const STATE_COLORS: Record<AgentStateName, { badge: string; dot: string; bar: string }> = {
  READY: { badge: "bg-emerald-100 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500", bar: "#10b981" },
  WRAP_UP: { badge: "bg-teal-100 text-teal-800 ring-teal-600/20", dot: "bg-teal-500", bar: "#14b8a6" },
  PAUSE: { badge: "bg-amber-100 text-amber-900 ring-amber-600/20", dot: "bg-amber-500", bar: "#f59e0b" },
  BREAK: { badge: "bg-sky-100 text-sky-800 ring-sky-600/20", dot: "bg-sky-500", bar: "#0ea5e9" },
  AWAY: { badge: "bg-violet-100 text-violet-800 ring-violet-600/20", dot: "bg-violet-500", bar: "#8b5cf6" },
  OFFLINE: { badge: "bg-slate-100 text-slate-600 ring-slate-500/20", dot: "bg-slate-400", bar: "#94a3b8" },
};

export function StateBadge({ state, reason }: { state: AgentStateName; reason?: string | null }) {
  const t = useTranslations("agentState");
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATE_COLORS[state].badge}`}>
      <span className={`size-1.5 rounded-full ${STATE_COLORS[state].dot}`} aria-hidden />
      {t(state)}
      {reason ? <span className="font-normal">· {reason}</span> : null}
    </span>
  );
}

export interface ActivityData {
  doing: "CALL" | "CHATS" | "EMAILS" | "WRAP_UP" | "IDLE";
  chats: number;
  emails: number;
  occupancy: number;
}

/** What the agent is doing beside their state ("in 2 chats · 67% busy"); nothing when idle. */
export function ActivityNote({ activity, className = "" }: { activity: ActivityData | null | undefined; className?: string }) {
  const t = useTranslations("agentState");
  if (!activity || activity.doing === "IDLE") return null;
  const what =
    activity.doing === "CHATS"
      ? t("doing.CHATS", { count: activity.chats })
      : activity.doing === "EMAILS"
        ? t("doing.EMAILS", { count: activity.emails })
        : t(`doing.${activity.doing}`);
  return (
    <span className={`text-xs text-slate-600 ${className}`} data-testid="activity" data-doing={activity.doing}>
      {what}
      {activity.occupancy > 0 && (
        <>
          {" · "}
          <span className="text-slate-500" title={t("occupancyLabel")} data-testid="occupancy">
            {t("occupancy", { percent: activity.occupancy })}
          </span>
        </>
      )}
    </span>
  );
}
