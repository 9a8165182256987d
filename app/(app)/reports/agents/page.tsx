"use client";
// Agents' time accounting: for a period, each agent's time signed in and how it divides between
// states (a stacked bar each), talk and hold time, sign-ins, occupancy and utilisation; by team;
// the whole timesheet (per agent and day, and the period's summary) as XLSX or CSV written by the
// server (lib/report-exports-http.ts); saved and scheduled like the queue report.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { STATE_COLORS } from "../../../_components/agent-state.tsx";
import { Select } from "../../../_components/field.tsx";
import { StackedBar } from "../../../_components/charts.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { useCan } from "../../../_client/me.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { formatDuration } from "../../../_client/use-now.ts";
import { localizedName } from "../../../../domain/shared/localized-name.ts";
import { NoAccess } from "../../no-access.tsx";
import { ReportActions } from "../report-actions.tsx";
import { ReportHeader } from "../report-header.tsx";
import { PeriodPicker, useReportPeriod } from "../period-picker.tsx";
import { SaveReportDialog } from "../saved/save-report-dialog.tsx";
import type { AgentTimeParameters } from "../saved/saved-report-query.ts";
import { useSavedReport } from "../saved/use-saved-report.ts";
import { type AgentFigures, AgentTimeQuery } from "./agent-time-query.ts";

const STATES = [
  ["ready", "READY"],
  ["wrapUp", "WRAP_UP"],
  ["pause", "PAUSE"],
  ["break", "BREAK"],
  ["away", "AWAY"],
] as const;

export default function AgentTimePage() {
  const t = useTranslations("reports.agents");
  const ts = useTranslations("agentState");
  const format = useFormatter();
  const dates = useDates();
  const can = useCan();
  const errors = useErrorText();
  const tsaved = useTranslations("reports.saved");
  const { timezone, now, period, setPeriod, variables } = useReportPeriod();
  const [teamId, setTeamId] = useState("");
  const [saving, setSaving] = useState(false);
  const opened = useSavedReport(
    "AGENT_TIME",
    timezone,
    now,
    useCallback(
      (p: AgentTimeParameters, saved: Parameters<typeof setPeriod>[0]) => {
        setTeamId(p.teamId ?? "");
        setPeriod(saved);
      },
      [setPeriod],
    ),
  );
  const allowed = can("reports.read");
  const [{ data, fetching, error }] = useQuery({
    query: AgentTimeQuery,
    variables: { from: variables?.from ?? null, to: variables?.to ?? null, teamId: teamId || null },
    pause: !allowed || !variables,
  });
  if (!allowed) return <NoAccess />;
  const failure = apiError(error);
  const issue = fieldIssues(failure);
  const report = data?.agentTimeReport;
  const duration = (s: number | null | undefined) => (s === null || s === undefined ? "—" : formatDuration(s * 1000));
  const percent = (r: number | null) => (r === null ? "—" : format.number(r, { style: "percent", maximumFractionDigits: 0 }));
  const when = (iso: string | null) => (iso ? dates.format(iso, "dateTime") : "—");
  // Pause reasons in the language chosen now (a change of language needs no new query).
  const reasons = (report?.pauseReasons ?? []).map((r) => ({ id: r.id, name: localizedName(r.name, r.translations, dates.locale) }));

  const exportHref = (kind: "xlsx" | "csv") => {
    const q = new URLSearchParams({ from: variables?.from ?? "" });
    if (variables?.to) q.set("to", variables.to);
    if (teamId) q.set("teamId", teamId);
    return `/api/reports/agents.${kind}?${q}`;
  };

  const bar = (f: AgentFigures) =>
    STATES.map(([key, state]) => ({ key, label: ts(state), value: f.states[key], color: STATE_COLORS[state].bar, display: duration(f.states[key]) }));

  return (
    <>
      <ReportHeader title={t("title")} description={opened ? tsaved("opened", { name: opened.name }) : t("description")} />
      <Card className="mb-6">
        <div className="flex flex-wrap items-end gap-4">
          <PeriodPicker value={period} onChange={setPeriod} timezone={timezone} now={now} />
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t("team")}
            <Select value={teamId} onChange={(e) => setTeamId(e.target.value)} className="w-48" data-testid="team-filter">
              <option value="">{t("allTeams")}</option>
              {report?.teams.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </label>
          <ReportActions onSave={() => setSaving(true)} href={exportHref} />
        </div>
      </Card>
      {failure && (
        <div className="mb-6">
          <Notice tone="error">{errors.field(issue.to ?? issue.from, "period") ?? errors.message(failure)}</Notice>
        </div>
      )}
      {!report ? (
        fetching && <Loading label={t("loading")} />
      ) : report.agents.length === 0 ? (
        <Card>
          <Empty>{t("empty")}</Empty>
        </Card>
      ) : (
        <div className={`space-y-4 ${fetching ? "opacity-60 transition-opacity" : ""}`} aria-busy={fetching || undefined}>
          {report.agents.map((a) => (
            <Card key={a.userId} title={a.name} actions={<span className="text-sm text-slate-500">{a.username}</span>}>
              <div data-testid={`agent-time-${a.username}`}>
                <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-5 xl:grid-cols-9">
                  <Fact label={t("signedIn")} value={duration(a.total.signedIn)} testId="signed-in" />
                  <Fact label={t("talk")} value={duration(a.total.talk)} testId="talk" />
                  <Fact label={t("hold")} value={duration(a.total.hold)} hint={t("holdHint")} testId="hold" />
                  <Fact
                    label={t("sessions")}
                    value={format.number(a.total.sessions)}
                    hint={t("sessionsHint", { average: duration(a.total.averageSession) })}
                    testId="sessions"
                  />
                  <Fact label={t("firstSignIn")} value={when(a.total.firstSignIn)} />
                  <Fact label={t("lastSignOut")} value={when(a.total.lastSignOut)} />
                  <Fact label={t("longest")} value={duration(a.total.longestSession)} />
                  <Fact label={t("occupancy")} value={percent(a.total.occupancy)} hint={t("occupancyHint")} testId="occupancy" />
                  <Fact label={t("utilisation")} value={percent(a.total.utilisation)} hint={t("utilisationHint")} />
                </dl>
                <StackedBar data={bar(a.total)} label={t("statesOf", { name: a.name })} emptyText={t("notSignedIn")} />
                {a.total.pauses.length > 0 && (
                  <p className="mt-3 text-sm text-slate-600" data-testid="pause-reasons">
                    {t("pauses")}:{" "}
                    {a.total.pauses.map((p) => `${reasons.find((r) => r.id === p.pauseReasonId)?.name ?? t("noReason")} ${duration(p.seconds)}`).join(" · ")}
                  </p>
                )}
              </div>
            </Card>
          ))}
        </div>
      )}
      {saving && (
        <SaveReportDialog
          saved={null}
          report={{ kind: "AGENT_TIME", parameters: { period: "LAST_7_DAYS", teamId: teamId || null } }}
          onClose={() => setSaving(false)}
        />
      )}
    </>
  );
}

function Fact({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div title={hint}>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
