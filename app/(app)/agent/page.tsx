"use client";
import { useTranslations } from "next-intl";
import { useEffect, useMemo } from "react";
import { useQuery } from "urql";
import { AGENT_STATES, STATE_COLORS } from "../../_components/agent-state.tsx";
import { AgentStateControl } from "../../_components/agent-state-control.tsx";
import { StackedBar } from "../../_components/charts.tsx";
import { Card, Empty, PageHeader } from "../../_components/page.tsx";
import { NoAccess } from "../no-access.tsx";
import { graphql } from "../../_client/graphql.ts";
import { useCan, useMe } from "../../_client/me.tsx";
import { usePresence } from "../../_client/presence.tsx";
import { startOfDay } from "../../../domain/shared/wall-clock.ts";
import { formatDuration, useNow } from "../../_client/use-now.ts";

const TodayQuery = graphql(`
  query AgentToday($from: DateTime!, $to: DateTime!) {
    myTimeInStates(from: $from, to: $to) {
      ready
      wrapUp
      pause
      break
      away
      offline
    }
    me {
      user {
        id
        queues {
          skillLevel
          queue {
            id
            name
            channels
          }
        }
      }
    }
  }
`);

export default function AgentDesktop() {
  const t = useTranslations("agent");
  const can = useCan();
  // Reading cases without taking work: the inbox beside this is the page.
  if (!can("agents.work")) return can("cases.read_all") ? <PageHeader title={t("casesTitle")} description={t("casesDescription")} /> : <NoAccess />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card title={t("state")} className="xl:col-span-2">
          <AgentStateControl />
        </Card>
        <MyQueues />
        <Today />
      </div>
    </>
  );
}

function useTodayRange() {
  const me = useMe();
  const minute = Math.floor(useNow(60_000) / 60_000);
  return useMemo(() => {
    const now = new Date(minute * 60_000);
    const from = startOfDay(me.organization.timezone, now);
    return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
  }, [me.organization.timezone, minute]);
}

function Today() {
  const t = useTranslations("agent");
  const ts = useTranslations("agentState");
  const range = useTodayRange();
  const presence = usePresence();
  const [{ data }, refetch] = useQuery({ query: TodayQuery, variables: range });
  const since = presence?.presence?.since;
  useEffect(() => {
    if (since) refetch({ requestPolicy: "network-only" });
  }, [since, refetch]);
  const totals = data?.myTimeInStates;
  const bars = AGENT_STATES.filter((s) => s !== "OFFLINE").map((s) => {
    const seconds = totals ? totals[s === "WRAP_UP" ? "wrapUp" : (s.toLowerCase() as "ready")] : 0;
    return { key: s, label: ts(s), value: seconds, color: STATE_COLORS[s].bar, display: formatDuration(seconds * 1000) };
  });
  return (
    <Card title={t("today")} className="xl:col-span-2">
      <StackedBar data={bars} label={t("today")} emptyText={t("todayEmpty")} />
    </Card>
  );
}

function MyQueues() {
  const t = useTranslations("agent");
  const tc = useTranslations("channel");
  const range = useTodayRange();
  const [{ data }] = useQuery({ query: TodayQuery, variables: range });
  const queues = data?.me.user.queues ?? [];
  return (
    <Card title={t("queues")} className="xl:row-span-2">
      {queues.length === 0 ? (
        <Empty>{t("noQueues")}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {queues.map((m) => (
            <li key={m.queue.id} className="py-2.5">
              <p className="font-medium text-slate-900">{m.queue.name}</p>
              <p className="text-xs text-slate-500">
                {m.queue.channels.map((c) => tc(c)).join(" · ")} · {t("skill", { level: m.skillLevel })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
