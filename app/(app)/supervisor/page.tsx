"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Select } from "../../_components/field.tsx";
import { PageHeader } from "../../_components/page.tsx";
import { NoAccess } from "../no-access.tsx";
import { graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";
import { AgentBoard } from "./agent-board.tsx";
import { LiveCalls } from "./live-calls.tsx";
import { QueueStats } from "./queue-stats.tsx";
import { RaisedAlarms } from "./raised-alarms.tsx";

const TeamsQuery = graphql(`
  query BoardTeams {
    teams {
      id
      name
    }
  }
`);

export default function SupervisorPage() {
  const t = useTranslations("board");
  const can = useCan();
  const [teamId, setTeamId] = useState<string>("");
  const [{ data }] = useQuery({ query: TeamsQuery, pause: !can("agents.monitor_team", "agents.monitor_all") });
  if (!can("agents.monitor_team", "agents.monitor_all")) return <NoAccess />;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex items-center gap-4">
            {can("campaigns.manage") && (
              <Link href="/supervisor/campaigns" className="text-sm font-medium text-brand-700 hover:underline" data-testid="campaigns-link">
                {t("campaigns")}
              </Link>
            )}
            <label className="flex items-center gap-2 text-sm text-slate-600">
              {t("team")}
              <Select value={teamId} onChange={(e) => setTeamId(e.target.value)} className="w-48" data-testid="team-filter">
                <option value="">{t("allTeams")}</option>
                {data?.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </Select>
            </label>
          </div>
        }
      />
      <RaisedAlarms />
      <QueueStats />
      <LiveCalls />
      <AgentBoard key={teamId} teamId={teamId || null} />
    </>
  );
}
