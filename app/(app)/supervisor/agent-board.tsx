"use client";
// The live agent board: the list from one query, then every change from the subscription,
// merged by agent. Time in state ticks locally; overdue pauses are flagged.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { ActivityNote, AGENT_STATES, type AgentStateName, STATE_COLORS, StateBadge } from "../../_components/agent-state.tsx";
import { BarChart } from "../../_components/charts.tsx";
import { Card, Empty, Loading } from "../../_components/page.tsx";
import { Table, Td } from "../../_components/table.tsx";
import { Notice } from "../../_components/notice.tsx";
import { apiError } from "../../_client/errors.ts";
import { type ResultOf, graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";
import { formatDuration, useNow } from "../../_client/use-now.ts";
import { useDates } from "../../_client/use-dates.ts";
import { useErrorText } from "../../_client/use-error-text.ts";

const BoardRow = graphql(`
  fragment BoardRow on AgentPresence @_unmask {
    userId
    state
    since
    source
    pauseCode {
      id
      name
      maxDurationMinutes
    }
    activity {
      doing
      chats
      emails
      occupancy
    }
    user {
      id
      name
      username
    }
    liveCases {
      id
      number
      channel
    }
  }
`);
const BoardQuery = graphql(
  `
    query AgentBoard($teamId: ID) {
      agentBoard(teamId: $teamId) {
        ...BoardRow
      }
    }
  `,
  [BoardRow],
);
const BoardSub = graphql(
  `
    subscription AgentBoardChanged($teamId: ID) {
      agentPresenceChanged(teamId: $teamId) {
        ...BoardRow
      }
    }
  `,
  [BoardRow],
);
const ForceState = graphql(
  `
    mutation ForceAgentState($userId: ID!, $state: AgentState!) {
      setAgentState(userId: $userId, state: $state) {
        ...BoardRow
      }
    }
  `,
  [BoardRow],
);

type Row = ResultOf<typeof BoardRow>;

export function AgentBoard({ teamId }: { teamId: string | null }) {
  const t = useTranslations("board");
  const ts = useTranslations("agentState");
  const [{ data, fetching, error }] = useQuery({ query: BoardQuery, variables: { teamId } });
  // Every event replaces that agent's row; the handler folds events into a map.
  const [{ data: live, error: liveError }] = useSubscription({ query: BoardSub, variables: { teamId } }, (acc: Record<string, Row> = {}, e) => ({
    ...acc,
    [e.agentPresenceChanged.userId]: e.agentPresenceChanged,
  }));
  const now = useNow();
  const rows = useMemo(() => {
    const byId = new Map((data?.agentBoard ?? []).map((r) => [r.userId, r]));
    for (const r of Object.values(live ?? {})) {
      const known = byId.get(r.userId);
      if (!known || Date.parse(r.since) >= Date.parse(known.since)) byId.set(r.userId, r);
    }
    return [...byId.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
  }, [data, live]);

  if (fetching && !data) return <Loading label={t("loading")} />;
  if (error && !data) return <Notice tone="error">{t("loadFailed")}</Notice>;

  const counts = AGENT_STATES.map((s) => ({ key: s, label: ts(s), value: rows.filter((r) => r.state === s).length, color: STATE_COLORS[s].bar }));
  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <Card title={t("byState")}>
        <BarChart data={counts} label={t("byState")} />
        {liveError && <p className="mt-4 text-xs text-amber-700">{t("liveLost")}</p>}
      </Card>
      {rows.length === 0 ? (
        <Card>
          <Empty>{t("empty")}</Empty>
        </Card>
      ) : (
        <Table label={t("title")} head={[t("agent"), t("state"), t("activity"), t("inState"), t("since"), ""]}>
          {rows.map((r) => (
            <AgentRow key={r.userId} row={r} now={now} />
          ))}
        </Table>
      )}
    </div>
  );
}

function AgentRow({ row, now }: { row: Row; now: number }) {
  const t = useTranslations("board");
  const elapsed = now - Date.parse(row.since);
  const limit = row.state === "PAUSE" && row.pauseCode?.maxDurationMinutes ? row.pauseCode.maxDurationMinutes * 60_000 : null;
  const overdue = limit !== null && elapsed > limit;
  return (
    <tr data-testid={`agent-${row.user.username}`} data-state={row.state} className={overdue ? "bg-red-50" : undefined}>
      <Td>
        <span className="font-medium text-slate-900">{row.user.name}</span>
        <span className="block text-xs text-slate-500">{row.user.username}</span>
        <LiveCases row={row} />
      </Td>
      <Td>
        <StateBadge state={row.state} reason={row.pauseCode?.name} />
        {row.source !== "AGENT" && <span className="mt-0.5 block text-xs text-slate-500">{t(`source.${row.source}`)}</span>}
      </Td>
      <Td>
        <ActivityNote activity={row.activity} />
      </Td>
      <Td className={`tabular-nums ${overdue ? "font-semibold text-red-700" : "text-slate-700"}`}>
        {formatDuration(elapsed)}
        {overdue && <span className="ml-2 text-xs">{t("overdue", { minutes: row.pauseCode!.maxDurationMinutes! })}</span>}
      </Td>
      <Td className="text-slate-500">
        <Since iso={row.since} />
      </Td>
      <Td className="text-right">
        <ForceMenu row={row} />
      </Td>
    </tr>
  );
}

/** Links to the cases the agent is working in now: open one to watch the conversation live. */
function LiveCases({ row }: { row: Row }) {
  const t = useTranslations("board");
  if (!row.liveCases.length) return null;
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {row.liveCases.map((c) => (
        <Link
          key={c.id}
          href={`/agent/cases/${c.id}`}
          data-testid="live-case"
          title={t("watchCase", { number: c.number })}
          className="rounded bg-sky-50 px-1.5 py-0.5 text-xs font-medium text-sky-800 ring-1 ring-sky-200 hover:bg-sky-100"
        >
          {t("liveCase", { number: c.number, channel: c.channel })}
        </Link>
      ))}
    </span>
  );
}

function Since({ iso }: { iso: string }) {
  const dates = useDates();
  return <>{dates.format(iso, "time")}</>;
}

function ForceMenu({ row }: { row: Row }) {
  const t = useTranslations("board");
  const ts = useTranslations("agentState");
  const can = useCan();
  const errors = useErrorText();
  const [, force] = useMutation(ForceState);
  const [error, setError] = useState<string | null>(null);
  if (!can("agents.control")) return null;
  const options: AgentStateName[] = ["AWAY", "OFFLINE"];
  return (
    <details className="relative inline-block text-left">
      <summary className="cursor-pointer list-none rounded px-2 py-1 text-xs text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50">{t("setState")}</summary>
      <div className="absolute right-0 z-10 mt-1 w-44 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
        {options.map((s) => (
          <button
            key={s}
            type="button"
            disabled={row.state === s}
            onClick={async (e) => {
              (e.currentTarget.closest("details") as HTMLDetailsElement).open = false;
              const r = await force({ userId: row.userId, state: s });
              setError(errors.message(apiError(r.error)));
            }}
            className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 disabled:text-slate-400"
          >
            {ts(`set.${s}`)}
          </button>
        ))}
      </div>
      {error && <p className="mt-1 text-xs text-red-600">{error}</p>}
    </details>
  );
}
