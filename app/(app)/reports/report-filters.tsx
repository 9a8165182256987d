"use client";
// The filters the reports share: a queue, a team, an agent and a channel, chosen
// among what the viewer may see (the report's scope), as the query's variables, the download's
// query string and a saved report's parameters.
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback, useState } from "react";
import { Select } from "../../_components/field.tsx";

type Channel = "VOICE" | "CHAT" | "EMAIL" | "SMS" | "FAX";

export interface FilterChoice {
  queueId?: string | null;
  teamId?: string | null;
  agentId?: string | null;
  channel?: string | null;
}

export function useReportFilters() {
  const [choice, setChoice] = useState({ queueId: "", teamId: "", agentId: "", channel: "" as Channel | "" });
  const set = useCallback(
    (c: FilterChoice) => setChoice({ queueId: c.queueId ?? "", teamId: c.teamId ?? "", agentId: c.agentId ?? "", channel: (c.channel ?? "") as Channel | "" }),
    [],
  );
  return {
    choice,
    set,
    change: (c: Partial<typeof choice>) => setChoice((old) => ({ ...old, ...c })),
    /** The report query's filter variables. */
    variables: {
      queueIds: choice.queueId ? [choice.queueId] : null,
      teamId: choice.teamId || null,
      agentId: choice.agentId || null,
      channel: choice.channel || null,
    },
    /** As a saved report keeps them. */
    saved: { queueId: choice.queueId || null, teamId: choice.teamId || null, agentId: choice.agentId || null, channel: choice.channel || null },
    /** Adds the chosen filters to a download's query. */
    addTo: (q: URLSearchParams) => {
      for (const [k, v] of Object.entries(choice)) if (v) q.set(k, v);
      return q;
    },
  };
}

export type ReportFilters = ReturnType<typeof useReportFilters>;

type Option = { id: string; name: string };

/** The selects in a row, then whatever goes at its end (the report's actions). */
export function ReportFilterFields({
  filters,
  scope,
  channels,
  allQueues,
  children,
}: {
  filters: ReportFilters;
  scope: { queues: Option[]; teams: Option[]; agents: Option[] } | undefined;
  /** The channels to choose among; none: no channel select (a report of calls only). */
  channels: readonly Channel[];
  /** The queue select's "all" (a viewer who sees everything may see more than queues). */
  allQueues?: string;
  children?: ReactNode;
}) {
  const t = useTranslations("reports.queues");
  const tc = useTranslations("channel");
  const { choice, change } = filters;
  const choose = (label: string, key: keyof typeof choice, options: Option[] | undefined, all: string, testId: string) => (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      {label}
      <Select value={choice[key]} onChange={(e) => change({ [key]: e.target.value })} className="w-48" data-testid={testId}>
        <option value="">{all}</option>
        {options?.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Select>
    </label>
  );
  return (
    <div className="mt-4 flex flex-wrap items-end gap-4">
      {choose(t("queue"), "queueId", scope?.queues, allQueues ?? t("allQueues"), "queue-filter")}
      {choose(t("team"), "teamId", scope?.teams, t("allTeams"), "team-filter")}
      {choose(t("agent"), "agentId", scope?.agents, t("allAgents"), "agent-filter")}
      {channels.length > 0 &&
        choose(
          t("channel"),
          "channel",
          channels.map((c) => ({ id: c, name: tc(c) })),
          t("allChannels"),
          "channel-filter",
        )}
      {children}
    </div>
  );
}
