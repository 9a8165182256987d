"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { askForNotificationsOnce } from "../_client/desktop-notifications.ts";
import { useMe } from "../_client/me.tsx";
import { usePresence } from "../_client/presence.tsx";
import { formatDuration, useNow } from "../_client/use-now.ts";
import { useErrorText } from "../_client/use-error-text.ts";
import { ActivityNote, type AgentStateName, STATE_COLORS, StateBadge } from "./agent-state.tsx";

const SIMPLE: AgentStateName[] = ["READY", "BREAK", "AWAY", "OFFLINE"];

/** The agent's own state: a compact menu in the top bar, or big buttons on the desktop. */
export function AgentStateControl({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("agentState");
  const errors = useErrorText();
  const presence = usePresence();
  const me = useMe();
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  if (!presence?.presence) return null;
  const { state, since, pauseCode, activity } = presence.presence;

  async function choose(next: AgentStateName, pauseCodeId?: string) {
    setError(null);
    if (menu.current) menu.current.open = false;
    // Going Ready is the moment offers start: ask (once) whether they may pop up on the desktop.
    if (next === "READY" && me.user.desktopNotifications) askForNotificationsOnce(me.user.id);
    const e = await presence!.setState(next, pauseCodeId);
    if (e) setError(errors.message(e));
  }

  const timer = (
    <span className="tabular-nums text-slate-500" data-testid="state-timer">
      {formatDuration(now - Date.parse(since))}
    </span>
  );

  if (compact) {
    return (
      <details ref={menu} className="relative">
        <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-100" data-testid="my-state" data-shortcut="state">
          <StateBadge state={state} reason={pauseCode?.name} /> <ActivityNote activity={activity} /> {timer}
        </summary>
        <div className="absolute right-0 z-20 mt-1 w-56 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200" role="menu">
          {SIMPLE.map((s) => (
            <MenuItem key={s} color={STATE_COLORS[s].dot} label={t(s)} onClick={() => choose(s)} disabled={s === state} />
          ))}
          <p className="px-3 pt-2 pb-1 text-xs font-medium text-slate-500 uppercase">{t("PAUSE")}</p>
          {presence.pauseCodes.map((c) => (
            <MenuItem
              key={c.id}
              color={STATE_COLORS.PAUSE.dot}
              label={c.name}
              onClick={() => choose("PAUSE", c.id)}
              disabled={state === "PAUSE" && pauseCode?.id === c.id}
            />
          ))}
        </div>
        {error && (
          <p className="absolute right-0 mt-1 w-64 rounded bg-red-50 px-2 py-1 text-xs text-red-700" role="alert">
            {error}
          </p>
        )}
      </details>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <StateBadge state={state} reason={pauseCode?.name} />
        <ActivityNote activity={activity} className="text-sm" />
        <span className="text-sm text-slate-600">{t("inStateFor")}</span> {timer}
      </div>
      <div className="flex flex-wrap gap-2" role="group" aria-label={t("choose")}>
        {SIMPLE.map((s) => (
          <StateButton key={s} state={s} active={state === s} label={t(`set.${s}`)} busy={presence.changing} onClick={() => choose(s)} testId={`state-${s}`} />
        ))}
      </div>
      <div>
        <p className="mb-2 text-sm font-medium text-slate-700">{t("pauseWithReason")}</p>
        <div className="flex flex-wrap gap-2">
          {presence.pauseCodes.map((c) => (
            <StateButton
              key={c.id}
              state="PAUSE"
              active={state === "PAUSE" && pauseCode?.id === c.id}
              label={c.name}
              busy={presence.changing}
              onClick={() => choose("PAUSE", c.id)}
            />
          ))}
        </div>
      </div>
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function MenuItem({ label, color, onClick, disabled }: { label: string; color: string; onClick: () => void; disabled: boolean }) {
  return (
    <button
      type="button"
      role="menuitem"
      onClick={onClick}
      disabled={disabled}
      className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-sm hover:bg-slate-50 disabled:font-semibold disabled:text-slate-900"
    >
      <span className={`size-2 rounded-full ${color}`} aria-hidden />
      {label}
    </button>
  );
}

function StateButton({
  state,
  label,
  active,
  busy,
  onClick,
  testId,
}: {
  state: AgentStateName;
  label: string;
  active: boolean;
  busy: boolean;
  onClick: () => void;
  testId?: string;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      disabled={busy || active}
      aria-pressed={active}
      className={`inline-flex items-center gap-2 rounded-lg px-4 py-2.5 text-sm font-medium ring-1 ring-inset transition disabled:cursor-default ${
        active ? `${STATE_COLORS[state].badge} ring-2` : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      <span className={`size-2.5 rounded-full ${STATE_COLORS[state].dot}`} aria-hidden />
      {label}
    </button>
  );
}
