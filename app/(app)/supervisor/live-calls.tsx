"use client";
// Calls in progress of the agents this supervisor watches, live: who talks with whom, for how long,
// and listen (silent) / whisper (only the agent hears) / barge (everybody hears) / take over (the
// agent drops out) — the last only for customers' calls.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { Button } from "../../_components/button.tsx";
import { Card } from "../../_components/page.tsx";
import { apiError } from "../../_client/errors.ts";
import { graphql } from "../../_client/graphql.ts";
import { useMe } from "../../_client/me.tsx";
import { formatDuration, useNow } from "../../_client/use-now.ts";
import { useErrorText } from "../../_client/use-error-text.ts";

const LiveCallsQuery = graphql(`
  query LiveCalls {
    liveCalls {
      id
      answeredAt
      queueName
      interaction {
        id
      }
      parties {
        id
        role
        mode
        name
        leftAt
        user {
          id
        }
      }
    }
  }
`);
const Changed = graphql(`
  subscription LiveCallsChanged {
    liveCallsChanged
  }
`);
const Monitor = graphql(`
  mutation MonitorCall($callId: ID!, $mode: MonitorMode!) {
    monitorCall(callId: $callId, mode: $mode)
  }
`);

const TakeOver = graphql(`
  mutation TakeOverCall($callId: ID!) {
    takeOverCall(callId: $callId)
  }
`);

const MODES = ["LISTEN", "WHISPER", "BARGE"] as const;
export function LiveCalls() {
  const t = useTranslations("board.calls");
  const me = useMe();
  const errors = useErrorText();
  const [{ data }, refetch] = useQuery({ query: LiveCallsQuery });
  const [ping] = useSubscription({ query: Changed });
  useEffect(() => {
    if (ping.data) refetch({ requestPolicy: "network-only" });
  }, [ping.data, refetch]);
  const [, monitor] = useMutation(Monitor);
  const [, takeOver] = useMutation(TakeOver);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);
  const calls = data?.liveCalls ?? [];
  return (
    <Card title={t("title")} className="mb-6">
      {error && (
        <p className="mb-2 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      {calls.length === 0 ? (
        <p className="text-sm text-slate-500">{t("none")}</p>
      ) : (
        byQueue(calls, t("internal")).map((group) => (
          <section key={group.name} className="mb-3 last:mb-0" aria-label={group.name} data-testid="live-call-queue">
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {group.name} · {group.calls.length}
            </h3>
            <ul className="divide-y divide-slate-100">
              {group.calls.map((c) => {
                const talkers = c.parties.filter((p) => p.role !== "MONITOR" && !p.leftAt);
                const mine = c.parties.find((p) => p.role === "MONITOR" && p.user?.id === me.user.id && !p.leftAt);
                return (
                  <li key={c.id} className="flex flex-wrap items-center gap-3 py-2" data-testid="live-call">
                    <span className="min-w-0 flex-1 text-sm">
                      <span className="font-medium text-slate-900">{talkers.map((p) => p.name || "—").join(" ↔ ")}</span>
                      <span className="ml-2 text-slate-500 tabular-nums">{c.answeredAt ? formatDuration(now - new Date(c.answeredAt).getTime()) : ""}</span>
                      {mine?.mode && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">{t(`mode.${mine.mode}`)}</span>}
                    </span>
                    <span className="flex gap-1">
                      {MODES.map((mode) => (
                        <Button
                          key={mode}
                          size="sm"
                          variant={mine?.mode === mode ? "primary" : "secondary"}
                          aria-pressed={mine?.mode === mode}
                          onClick={async () => {
                            const e = apiError((await monitor({ callId: c.id, mode })).error);
                            setError(e ? errors.message(e) : null);
                          }}
                        >
                          {t(`action.${mode}`)}
                        </Button>
                      ))}
                      {c.interaction && (
                        <Button
                          size="sm"
                          variant="danger"
                          onClick={async () => {
                            if (!window.confirm(t("takeOverConfirm"))) return;
                            const e = apiError((await takeOver({ callId: c.id })).error);
                            setError(e ? errors.message(e) : null);
                            refetch({ requestPolicy: "network-only" });
                          }}
                        >
                          {t("takeOver")}
                        </Button>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </Card>
  );
}

/** Calls grouped by the queue they came through (colleagues' calls together), queues by name. */
function byQueue<C extends { queueName?: string | null }>(calls: C[], internal: string) {
  const groups = new Map<string, C[]>();
  for (const c of calls) {
    const name = c.queueName ?? internal;
    groups.set(name, [...(groups.get(name) ?? []), c]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => ({ name, calls: list }));
}
