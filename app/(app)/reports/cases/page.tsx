"use client";
// Cases: for a period, per day, week or month on the organisation's clock, the cases created and
// resolved, the deadlines missed and the backlog of unfinished cases by status — as a flow chart,
// the backlog's columns and tables whose every figure lists its cases; exported as XLSX or CSV by
// the server (lib/report-exports-http.ts), saved and e-mailed like the other reports.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { StackedColumns } from "../../../_components/charts.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { CASE_INTERVAL_SIZES, type CaseIntervalSize } from "../../../../domain/reports/case-figures.ts";
import { NoAccess } from "../../no-access.tsx";
import { PeriodRow, useReportPeriod } from "../period-picker.tsx";
import { ReportActions } from "../report-actions.tsx";
import { ReportFilterFields, useReportFilters } from "../report-filters.tsx";
import { ReportHeader } from "../report-header.tsx";
import { useIntervalLabel } from "../interval-label.ts";
import { SaveReportDialog } from "../saved/save-report-dialog.tsx";
import type { CaseParameters } from "../saved/saved-report-query.ts";
import { useSavedReport } from "../saved/use-saved-report.ts";
import { type CaseCountsData, CaseReportQuery } from "./case-report-query.ts";
import { type CaseDrill, CasesDialog } from "./cases-dialog.tsx";
import { FlowChart } from "./flow-chart.tsx";

const CHANNELS = ["VOICE", "CHAT", "EMAIL", "SMS", "FAX"] as const;
/** The counted figures in the table's order: the API's field and the drill-down's figure. */
const COLUMNS = [
  ["created", "CREATED"],
  ["resolved", "RESOLVED"],
  ["firstResponseBreached", "FIRST_RESPONSE_BREACHED"],
  ["resolutionBreached", "RESOLUTION_BREACHED"],
  ["overdue", "OVERDUE"],
] as const;
type Figure = CaseDrill["variables"]["figure"];

export default function CaseReportPage() {
  const t = useTranslations("reports.cases");
  const ts = useTranslations("reports.saved");
  const format = useFormatter();
  const can = useCan();
  const errors = useErrorText();
  const reportPeriod = useReportPeriod();
  const { timezone, now, setPeriod, variables } = reportPeriod;
  const [interval, setInterval] = useState<CaseIntervalSize>("DAY");
  const intervalLabel = useIntervalLabel(interval, timezone);
  const filter = useReportFilters();
  const { set: setFilters } = filter;
  const [drill, setDrill] = useState<CaseDrill | null>(null);
  const [saving, setSaving] = useState(false);
  const opened = useSavedReport(
    "CASES",
    timezone,
    now,
    useCallback(
      (p: CaseParameters, saved: Parameters<typeof setPeriod>[0]) => {
        setInterval(p.interval);
        setFilters(p);
        setPeriod(saved);
      },
      [setPeriod, setFilters],
    ),
  );
  const allowed = can("reports.read");
  const filters = filter.variables;
  const period$ = { from: variables?.from ?? null, to: variables?.to ?? null };
  const [{ data, fetching, error }] = useQuery({
    query: CaseReportQuery,
    variables: { ...period$, interval, ...filters },
    pause: !allowed || !variables,
  });
  if (!allowed) return <NoAccess />;
  const failure = apiError(error);
  const issue = fieldIssues(failure);
  const report = data?.caseReport;
  const scope = report?.scope;
  const n = (v: number) => format.number(v);

  const open = (title: string, figure: Figure, intervalStart: string | null, statusId: string | null = null) =>
    setDrill({ title, variables: { ...period$, interval, figure, intervalStart, statusId, ...filters } });

  const exportHref = (kind: "xlsx" | "csv") => {
    const q = filter.addTo(new URLSearchParams({ interval, from: variables?.from ?? "" }));
    if (variables?.to) q.set("to", variables.to);
    return `/api/reports/cases.${kind}?${q}`;
  };

  /** A figure as a button listing its cases; a zero as plain grey text. */
  const cell = (value: number, title: string, drillTo: () => void, testId?: string) =>
    value === 0 ? (
      <span className="text-slate-400" data-testid={testId}>
        {n(0)}
      </span>
    ) : (
      <button
        type="button"
        className="rounded text-brand-700 hover:underline focus-visible:ring-2 focus-visible:ring-brand-500"
        onClick={drillTo}
        aria-label={`${title}: ${n(value)}`}
        data-testid={testId}
      >
        {n(value)}
      </button>
    );
  const last = report?.intervals.at(-1);
  const quiet = report && report.total.created === 0 && report.total.resolved === 0 && report.intervals.every((i) => i.backlogTotal === 0);

  return (
    <>
      <ReportHeader title={t("title")} description={opened ? ts("opened", { name: opened.name }) : t("description")} />
      <Card className="mb-6">
        <PeriodRow period={reportPeriod} interval={interval} sizes={CASE_INTERVAL_SIZES} onInterval={setInterval} />
        <ReportFilterFields filters={filter} scope={scope} channels={CHANNELS} allQueues={can("agents.monitor_all") ? t("allCases") : undefined}>
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
      ) : quiet ? (
        <Card>
          <Empty>{t("empty")}</Empty>
        </Card>
      ) : (
        <div className={`space-y-6 ${fetching ? "opacity-60 transition-opacity" : ""}`} aria-busy={fetching || undefined}>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-6" data-testid="tiles">
            {COLUMNS.map(([key]) => (
              <div key={key} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" title={t(`hint.${key}`)}>
                <dt className="text-sm text-slate-500">{t(`column.${key}`)}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`tile-${key}`}>
                  {n(report.total[key])}
                </dd>
              </div>
            ))}
            <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" title={t("hint.backlogTotal")}>
              <dt className="text-sm text-slate-500">{t("tile.backlogEnd")}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid="tile-backlog">
                {n(last?.backlogTotal ?? 0)}
              </dd>
            </div>
          </dl>
          <Card title={t("flowTitle")}>
            <FlowChart
              points={report.intervals.map((i) => ({
                label: intervalLabel(i, true),
                created: i.counts.created,
                resolved: i.counts.resolved,
                backlog: i.backlogTotal,
              }))}
              words={{
                created: t("column.created"),
                resolved: t("column.resolved"),
                backlog: t("column.backlogTotal"),
                cases: t("cases"),
                label: t("flowTitle"),
                number: n,
              }}
            />
          </Card>
          <Card title={t("backlogTitle")}>
            <StackedColumns
              label={t("backlogTitle")}
              series={report.statuses.map((s) => ({ key: s.id, label: s.name, color: s.color }))}
              columns={report.intervals.map((i) => ({
                key: i.key,
                label: intervalLabel(i, true),
                values: Object.fromEntries(i.backlog.map((b) => [b.statusId, b.cases])),
              }))}
            />
          </Card>
          <Card title={t("byInterval")}>
            <div className="-mx-5 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={t("byInterval")} data-testid="interval-table">
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                      {t("intervalColumn")}
                    </th>
                    {[...COLUMNS.map(([k]) => k), "backlogTotal" as const].map((k) => (
                      <th key={k} scope="col" className="px-3 py-2 text-right font-medium text-slate-600" title={t(`hint.${k}`)}>
                        <span className="cursor-help border-b border-dotted border-slate-400">{t(`column.${k}`)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {[...report.intervals.map((i) => ({ ...i, label: intervalLabel(i), total: false })), null].map((i) => {
                    const counts: CaseCountsData = i ? i.counts : report.total;
                    const label = i ? i.label : t("total");
                    const backlog = i ? i.backlogTotal : (last?.backlogTotal ?? 0);
                    return (
                      <tr key={i?.key ?? "total"} data-row={i?.key ?? "total"} className={i ? "" : "bg-slate-50 font-semibold"}>
                        <th scope="row" className={`whitespace-nowrap px-3 py-2 text-left ${i ? "font-normal text-slate-700" : ""}`}>
                          {label}
                        </th>
                        {COLUMNS.map(([key, figure]) => (
                          <td key={key} className="px-3 py-2 text-right tabular-nums" data-column={key}>
                            {cell(counts[key], t("drillTitle", { figure: t(`column.${key}`), row: label }), () =>
                              open(t("drillTitle", { figure: t(`column.${key}`), row: label }), figure, i?.start ?? null),
                            )}
                          </td>
                        ))}
                        <td className="px-3 py-2 text-right tabular-nums" data-column="backlogTotal">
                          {cell(backlog, t("backlogDrill", { status: t("allStatuses"), row: label }), () =>
                            open(t("backlogDrill", { status: t("allStatuses"), row: label }), "BACKLOG", (i ?? last)?.start ?? null),
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Card>
          {report.statuses.length > 0 && (
            <Card title={t("byStatus")}>
              <div className="-mx-5 overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={t("byStatus")} data-testid="backlog-table">
                  <thead className="bg-slate-50">
                    <tr>
                      <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                        {t("intervalColumn")}
                      </th>
                      {report.statuses.map((s) => (
                        <th key={s.id} scope="col" className="px-3 py-2 text-right font-medium text-slate-600">
                          <span className="inline-flex items-center gap-1.5">
                            <span className="size-2.5 rounded-sm" style={{ background: s.color }} aria-hidden />
                            {s.name}
                          </span>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {report.intervals.map((i) => {
                      const label = intervalLabel(i);
                      const by = new Map(i.backlog.map((b) => [b.statusId, b.cases]));
                      return (
                        <tr key={i.key} data-row={i.key}>
                          <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-normal text-slate-700">
                            {label}
                          </th>
                          {report.statuses.map((s) => (
                            <td key={s.id} className="px-3 py-2 text-right tabular-nums" data-column={s.id}>
                              {cell(by.get(s.id) ?? 0, t("backlogDrill", { status: s.name, row: label }), () =>
                                open(t("backlogDrill", { status: s.name, row: label }), "BACKLOG", i.start, s.id),
                              )}
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </Card>
          )}
          <Card title={t("definitionsTitle")}>
            <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2" data-testid="definitions">
              {[...COLUMNS.map(([k]) => k), "backlogTotal" as const].map((k) => (
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
      <CasesDialog drill={drill} onClose={() => setDrill(null)} />
      {saving && (
        <SaveReportDialog
          saved={null}
          report={{
            kind: "CASES",
            parameters: { period: "LAST_7_DAYS", interval, ...filter.saved },
          }}
          onClose={() => setSaving(false)}
        />
      )}
    </>
  );
}
