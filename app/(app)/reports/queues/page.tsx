"use client";
// Queues and calls: for a period, in intervals of 15 minutes to a month on the organisation's
// clock, the calls offered, answered and abandoned, the service level against its target, waits,
// talk, offers and transfers — as a trend chart and a table whose every figure lists its calls,
// plus the same per queue; exported as XLSX or CSV by the server (lib/report-exports-http.ts).
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { INTERVAL_SIZES, type IntervalSize } from "../../../../domain/reports/queue-figures.ts";
import { NoAccess } from "../../no-access.tsx";
import { PeriodRow, useReportPeriod } from "../period-picker.tsx";
import { ReportActions } from "../report-actions.tsx";
import { ReportFilterFields, useReportFilters } from "../report-filters.tsx";
import { ReportHeader } from "../report-header.tsx";
import { useIntervalLabel } from "../interval-label.ts";
import { SaveReportDialog } from "../saved/save-report-dialog.tsx";
import type { QueueParameters } from "../saved/saved-report-query.ts";
import { useSavedReport } from "../saved/use-saved-report.ts";
import { CallDetails } from "./call-details.tsx";
import { CallsDialog, type Drill } from "./calls-dialog.tsx";
import { FiguresTable, useFigureFormat } from "./figures-table.tsx";
import { QueueReportQuery } from "./queue-report-query.ts";
import { TrendChart } from "./trend-chart.tsx";

const CHANNELS = ["VOICE", "CHAT", "EMAIL"] as const;

export default function QueueReportPage() {
  const t = useTranslations("reports.queues");
  const format = useFormatter();
  const can = useCan();
  const errors = useErrorText();
  const fmt = useFigureFormat();
  const reportPeriod = useReportPeriod();
  const { timezone, now, setPeriod, variables } = reportPeriod;
  const [interval, setInterval] = useState<IntervalSize>("DAY");
  const intervalLabel = useIntervalLabel(interval, timezone);
  const filter = useReportFilters();
  const { set: setFilters } = filter;
  const [drill, setDrill] = useState<Drill | null>(null);
  const [saving, setSaving] = useState(false);
  const opened = useSavedReport(
    "QUEUES",
    timezone,
    now,
    useCallback(
      (p: QueueParameters, saved: Parameters<typeof setPeriod>[0]) => {
        setInterval(p.interval);
        setFilters(p);
        setPeriod(saved);
      },
      [setPeriod, setFilters],
    ),
  );
  const ts = useTranslations("reports.saved");
  const allowed = can("reports.read");
  const filters = filter.variables;
  const [{ data, fetching, error }] = useQuery({
    query: QueueReportQuery,
    variables: { from: variables?.from ?? null, to: variables?.to ?? null, interval, ...filters },
    pause: !allowed || !variables,
  });
  if (!allowed) return <NoAccess />;
  const failure = apiError(error);
  const issue = fieldIssues(failure);
  const report = data?.queueReport;
  const scope = report?.scope;

  const open = (title: string, range: { from: string; to: string }, figure: Drill["variables"]["figure"], rowQueueId: string | null) =>
    setDrill({ title, variables: { ...range, figure, queueId: rowQueueId, ...filters } });

  const exportHref = (kind: "xlsx" | "csv") => {
    const q = filter.addTo(new URLSearchParams({ interval, from: variables?.from ?? "" }));
    if (variables?.to) q.set("to", variables.to);
    return `/api/reports/queues.${kind}?${q}`;
  };

  return (
    <>
      <ReportHeader title={t("title")} description={opened ? ts("opened", { name: opened.name }) : t("description")} />
      <Card className="mb-6">
        <PeriodRow period={reportPeriod} interval={interval} sizes={INTERVAL_SIZES} onInterval={setInterval} />
        <ReportFilterFields filters={filter} scope={scope} channels={CHANNELS}>
          <ReportActions onSave={() => setSaving(true)} href={exportHref} />
        </ReportFilterFields>
        {(filters.teamId || filters.agentId) && <p className="mt-3 text-sm text-slate-500">{t("agentFilterNote")}</p>}
      </Card>
      {failure && (
        <div className="mb-6">
          <Notice tone="error">{errors.field(issue.interval ?? issue.to ?? issue.from, "period") ?? errors.message(failure)}</Notice>
        </div>
      )}
      {!report ? (
        fetching && <Loading label={t("loading")} />
      ) : report.total.offered === 0 ? (
        <Card>
          <Empty>{scope?.queues.length ? t("empty") : t("noQueues")}</Empty>
        </Card>
      ) : (
        <div className={`space-y-6 ${fetching ? "opacity-60 transition-opacity" : ""}`} aria-busy={fetching || undefined}>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 xl:grid-cols-7" data-testid="tiles">
            {(
              [
                ["offered", fmt.count(report.total.offered)],
                ["answered", fmt.count(report.total.answered)],
                ["abandoned", fmt.count(report.total.abandoned)],
                ["serviceLevel", fmt.percent(report.total.serviceLevel)],
                ["abandonRate", fmt.percent(report.total.abandonRate)],
                ["asa", fmt.duration(report.total.asa)],
                ["averageTalk", fmt.duration(report.total.averageTalk)],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" title={t(`hint.${key}`)}>
                <dt className="text-sm text-slate-500">{t(`column.${key}`)}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`tile-${key}`}>
                  {value}
                </dd>
                {key === "serviceLevel" && report.serviceLevelTarget !== null && (
                  <p className="text-xs text-slate-500">{t("target", { target: format.number(report.serviceLevelTarget / 100, { style: "percent" }) })}</p>
                )}
              </div>
            ))}
          </dl>
          <Card title={t("trendTitle")}>
            <TrendChart
              points={report.intervals.map((i) => ({ label: intervalLabel(i, true), ...i.figures }))}
              target={report.serviceLevelTarget}
              words={{
                offered: t("column.offered"),
                answered: t("column.answered"),
                abandoned: t("column.abandoned"),
                serviceLevel: t("column.serviceLevel"),
                target: t("targetLine"),
                calls: t("calls"),
                label: t("trendTitle"),
                percent: (share) => format.number(share, { style: "percent", maximumFractionDigits: 0 }),
                number: (n) => format.number(n),
              }}
            />
          </Card>
          <FiguresTable
            title={t("byInterval")}
            firstColumn={t("intervalColumn")}
            rows={report.intervals.map((i) => ({ id: i.key, label: intervalLabel(i), range: { from: i.start, to: i.end }, queueId: null, figures: i.figures }))}
            total={{ label: t("total"), range: { from: report.from, to: report.to }, figures: report.total }}
            onDrill={open}
            testId="interval-table"
          />
          <FiguresTable
            title={t("byQueue")}
            firstColumn={t("queue")}
            rows={report.queues.map((q) => ({
              id: q.queueId,
              label: q.name,
              range: { from: report.from, to: report.to },
              queueId: q.queueId,
              figures: q.figures,
            }))}
            onDrill={open}
            testId="queue-table"
          />
          {variables && <CallDetails range={{ from: variables.from, to: variables.to }} filters={filters} onDrill={setDrill} />}
          <Card title={t("definitionsTitle")}>
            <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2" data-testid="definitions">
              {(
                [
                  "offered",
                  "answered",
                  "abandoned",
                  "shortAbandoned",
                  "answeredInSl",
                  "serviceLevel",
                  "abandonRate",
                  "asa",
                  "averageWait",
                  "waitMax",
                  "averageTalk",
                  "talkSeconds",
                  "offersPerCall",
                  "transferred",
                ] as const
              ).map((k) => (
                <div key={k}>
                  <dt className="inline font-medium text-slate-900">{t(`column.${k}`)}: </dt>
                  <dd className="inline text-slate-600">{t(`hint.${k}`)}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-sm text-slate-500">{t("definitionsNote")}</p>
          </Card>
        </div>
      )}
      <CallsDialog drill={drill} onClose={() => setDrill(null)} />
      {saving && (
        <SaveReportDialog
          saved={null}
          report={{
            kind: "QUEUES",
            parameters: {
              period: "LAST_7_DAYS",
              interval,
              ...filter.saved,
            },
          }}
          onClose={() => setSaving(false)}
        />
      )}
    </>
  );
}
