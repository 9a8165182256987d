"use client";
// The IVR report: how callers went through the phone menus in a period — where they ended up (a
// tile per outcome, the whole period as one bar, each day as a column), then per flow where those
// who hung up gave up and which keys each menu hears.
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useQuery } from "urql";
import { StackedBar, StackedColumns } from "../../../_components/charts.tsx";
import { Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { useDates } from "../../../_client/use-dates.ts";
import { formatDuration } from "../../../_client/use-now.ts";
import { formatDate } from "../../../../domain/shared/date-format.ts";
import { NoAccess } from "../../no-access.tsx";
import { ReportHeader } from "../report-header.tsx";
import { FlowDetails } from "./flow-details.tsx";
import { IvrReportQuery } from "./ivr-report-query.ts";
import { OUTCOMES } from "./outcomes.ts";
import { PeriodPicker, useReportPeriod } from "../period-picker.tsx";

export default function IvrReportPage() {
  const t = useTranslations("reports.ivr");
  const format = useFormatter();
  const dates = useDates();
  const can = useCan();
  const errors = useErrorText();
  const { timezone, now, period, setPeriod, variables } = useReportPeriod();
  const [flowId, setFlowId] = useState("");
  const allowed = can("reports.read");
  const [{ data, fetching, error }] = useQuery({
    query: IvrReportQuery,
    variables: { from: variables?.from ?? null, to: variables?.to ?? null, flowId: flowId || null },
    pause: !allowed || !variables,
  });
  if (!allowed) return <NoAccess />;
  const failure = apiError(error);
  const issue = fieldIssues(failure);
  const report = data?.ivrReport;
  const total = report?.total;
  const share = (n: number) => (total?.calls ? format.number(n / total.calls, { style: "percent", maximumFractionDigits: 0 }) : "—");
  const seconds = (s: number | null | undefined) => (s === null || s === undefined ? "—" : formatDuration(s * 1000));

  return (
    <>
      <ReportHeader title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <PeriodPicker value={period} onChange={setPeriod} timezone={timezone} now={now} />
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t("flow")}
            <Select value={flowId} onChange={(e) => setFlowId(e.target.value)} className="w-64" data-testid="flow-filter">
              <option value="">{t("allFlows")}</option>
              {report?.flowOptions.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </Select>
          </label>
        </div>
      </Card>

      {failure && (
        <div className="mb-6">
          <Notice tone="error">{errors.field(issue.to ?? issue.from ?? issue.flowId, "period") ?? errors.message(failure)}</Notice>
        </div>
      )}
      {report?.capped && (
        <div className="mb-6">
          <Notice tone="warning">{t("capped", { cap: report.cap })}</Notice>
        </div>
      )}
      {!report || !total ? (
        fetching && <Loading label={t("loading")} />
      ) : total.calls === 0 ? (
        <Card>
          <Empty>{report.flowOptions.length ? t("empty") : t("noFlows")}</Empty>
        </Card>
      ) : (
        <div className={fetching ? "opacity-60 transition-opacity" : undefined} aria-busy={fetching || undefined}>
          <div className="mb-6 grid gap-4 sm:grid-cols-3 xl:grid-cols-6">
            <Tile label={t("tile.calls")} value={format.number(total.calls)} testId="tile-calls" />
            <Tile label={t("outcome.queue")} value={format.number(total.outcomes.queue)} hint={share(total.outcomes.queue)} testId="tile-queue" />
            <Tile
              label={t("outcome.abandoned")}
              value={format.number(total.outcomes.abandoned)}
              hint={share(total.outcomes.abandoned)}
              tone={total.outcomes.abandoned ? "bad" : undefined}
              testId="tile-abandoned"
            />
            <Tile
              label={t("tile.messages")}
              value={format.number(total.outcomes.voicemail + total.outcomes.callback)}
              hint={t("tile.messagesHint", { voicemail: total.outcomes.voicemail, callback: total.outcomes.callback })}
              testId="tile-messages"
            />
            <Tile label={t("tile.average")} value={seconds(total.averageSeconds)} testId="tile-average" />
            <Tile label={t("tile.p90")} value={seconds(total.p90Seconds)} hint={t("tile.p90Hint")} testId="tile-p90" />
          </div>
          <div className="mb-8 grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
            <Card title={t("outcomesTitle")}>
              <StackedBar
                label={t("outcomesTitle")}
                emptyText={t("empty")}
                data={OUTCOMES.filter((o) => o.key !== "inProgress" || total.outcomes.inProgress).map((o) => ({
                  key: o.key,
                  label: t(`outcome.${o.key}`),
                  value: total.outcomes[o.key],
                  color: o.color,
                }))}
              />
            </Card>
            <Card title={t("perDayTitle")}>
              <StackedColumns
                label={t("perDayTitle")}
                series={OUTCOMES.map((o) => ({ key: o.key, label: t(`outcome.${o.key}`), color: o.color }))}
                columns={total.days.map((d) => ({
                  key: d.date,
                  label: formatDate(`${d.date}T12:00:00Z`, "dayMonth", dates.locale, "UTC"),
                  values: d.outcomes,
                }))}
              />
            </Card>
          </div>
          {report.flows.map((f) => (
            <FlowDetails key={f.flowId} flow={f} showHeading={report.flows.length > 1 || !flowId} />
          ))}
        </div>
      )}
    </>
  );
}

function Tile({ label, value, hint, tone, testId }: { label: string; value: ReactNode; hint?: ReactNode; tone?: "bad"; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "bad" ? "text-rose-700" : "text-slate-900"}`}>{value}</p>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}
