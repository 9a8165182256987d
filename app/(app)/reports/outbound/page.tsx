"use client";
// Calls out: for a period, in intervals of 15 minutes to a month on the organisation's clock, every
// call placed out — an agent's own, a call-back, a campaign's — and how it ended, as a chart of
// calls and answered with the answer rate, the results as bars, and tables per interval, kind,
// campaign and agent whose every figure lists its calls; XLSX or CSV by the server
// (lib/report-exports-http.ts), saved and e-mailed like the other reports.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { BarChart } from "../../../_components/charts.tsx";
import { Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { OUTBOUND_COLUMNS, type OutboundColumn } from "../../../../domain/reports/outbound-columns.ts";
import { OUTBOUND_KINDS, OUTBOUND_RESULTS, type OutboundKind, type OutboundResult } from "../../../../domain/reports/outbound-facts.ts";
import { INTERVAL_SIZES, type IntervalSize } from "../../../../domain/reports/queue-figures.ts";
import { NoAccess } from "../../no-access.tsx";
import { ComboChart } from "../combo-chart.tsx";
import { DefinitionsCard, FigureTiles } from "../figure-cards.tsx";
import { type DrillRow, DrillTable } from "../drill-table.tsx";
import { useIntervalLabel } from "../interval-label.ts";
import { PeriodRow, useReportPeriod } from "../period-picker.tsx";
import { ReportActions } from "../report-actions.tsx";
import { ReportFilterFields, useReportFilters } from "../report-filters.tsx";
import { ReportHeader } from "../report-header.tsx";
import { SaveReportDialog } from "../saved/save-report-dialog.tsx";
import type { OutboundParameters } from "../saved/saved-report-query.ts";
import { useSavedReport } from "../saved/use-saved-report.ts";
import { type OutboundDrill, OutboundCallsDialog } from "./calls-dialog.tsx";
import { OutboundReportQuery } from "./outbound-report-query.ts";

const TILES = ["calls", "answered", "answerRate", "talkAvg", "abandonRate", "machine", "failed"] as const;
const RESULT_COLORS: Record<OutboundResult, string> = {
  ANSWERED: "#059669",
  MACHINE: "#64748b",
  ABANDONED: "#dc2626",
  BUSY: "#f97316",
  NO_ANSWER: "#eab308",
  INVALID_NUMBER: "#a855f7",
  NETWORK_ERROR: "#be123c",
  CANCELLED: "#94a3b8",
};
const RESULT_FIGURE: Record<OutboundResult, keyof OutboundFiguresKeys> = {
  ANSWERED: "answered",
  MACHINE: "machine",
  ABANDONED: "abandoned",
  BUSY: "busy",
  NO_ANSWER: "noAnswer",
  INVALID_NUMBER: "invalidNumber",
  NETWORK_ERROR: "networkError",
  CANCELLED: "cancelled",
};
type OutboundFiguresKeys = Record<"answered" | "machine" | "abandoned" | "busy" | "noAnswer" | "invalidNumber" | "networkError" | "cancelled", number>;

type Key = OutboundColumn["key"];
type Row = DrillRow<Key, { rowKind?: OutboundKind; rowCampaignId?: string; rowAgentId?: string; rowAgentNone?: boolean }>;

export default function OutboundReportPage() {
  const t = useTranslations("reports.outbound");
  const ts = useTranslations("reports.saved");
  const format = useFormatter();
  const can = useCan();
  const errors = useErrorText();
  const reportPeriod = useReportPeriod();
  const { timezone, now, setPeriod, variables } = reportPeriod;
  const [interval, setInterval] = useState<IntervalSize>("DAY");
  const intervalLabel = useIntervalLabel(interval, timezone);
  const filter = useReportFilters();
  const { set: setFilters } = filter;
  const [campaignId, setCampaignId] = useState("");
  const [kind, setKind] = useState<OutboundKind | "">("");
  const [drill, setDrill] = useState<OutboundDrill | null>(null);
  const [saving, setSaving] = useState(false);
  const opened = useSavedReport(
    "OUTBOUND",
    timezone,
    now,
    useCallback(
      (p: OutboundParameters, saved: Parameters<typeof setPeriod>[0]) => {
        setInterval(p.interval);
        setFilters(p);
        setCampaignId(p.campaignId ?? "");
        setKind(p.kind ?? "");
        setPeriod(saved);
      },
      [setPeriod, setFilters],
    ),
  );
  const allowed = can("reports.read");
  const { channel: _channel, ...shared } = filter.variables;
  const filters = { ...shared, campaignId: campaignId || null, kind: kind || null };
  const [{ data, fetching, error }] = useQuery({
    query: OutboundReportQuery,
    variables: { from: variables?.from ?? null, to: variables?.to ?? null, interval, ...filters },
    pause: !allowed || !variables,
  });
  if (!allowed) return <NoAccess />;
  const failure = apiError(error);
  const issue = fieldIssues(failure);
  const report = data?.outboundReport;
  const scope = report?.scope;

  const open = (title: string, r: Row, figure: OutboundColumn["drill"]) => setDrill({ title, variables: { ...r.range, figure, ...filters, ...r.row } });
  const exportHref = (format: "xlsx" | "csv") => {
    const q = filter.addTo(new URLSearchParams({ interval, from: variables?.from ?? "" }));
    if (variables?.to) q.set("to", variables.to);
    if (campaignId) q.set("campaignId", campaignId);
    if (kind) q.set("kind", kind);
    return `/api/reports/outbound.${format}?${q}`;
  };
  const whole = report && { from: report.from, to: report.to };
  const words = {
    column: (k: Key) => t(`column.${k}`),
    hint: (k: Key) => t(`hint.${k}`),
    drillTitle: (figure: string, row: string) => t("drillTitle", { figure, row }),
  };
  const table = (title: string, first: string, rows: Row[], testId: string, total?: Row) => (
    <DrillTable title={title} firstColumn={first} columns={OUTBOUND_COLUMNS} words={words} rows={rows} total={total} onDrill={open} testId={testId} />
  );

  return (
    <>
      <ReportHeader title={t("title")} description={opened ? ts("opened", { name: opened.name }) : t("description")} />
      <Card className="mb-6">
        <PeriodRow period={reportPeriod} interval={interval} sizes={INTERVAL_SIZES} onInterval={setInterval}>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t("campaignFilter")}
            <Select value={campaignId} onChange={(e) => setCampaignId(e.target.value)} className="w-48" data-testid="campaign-filter">
              <option value="">{t("allCampaigns")}</option>
              {report?.campaignOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {t("kindFilter")}
            <Select value={kind} onChange={(e) => setKind(e.target.value as OutboundKind | "")} className="w-48" data-testid="kind-filter">
              <option value="">{t("allKinds")}</option>
              {OUTBOUND_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </Select>
          </label>
        </PeriodRow>
        <ReportFilterFields filters={filter} scope={scope} channels={[]}>
          <ReportActions onSave={() => setSaving(true)} href={exportHref} />
        </ReportFilterFields>
        {(filters.teamId || filters.agentId) && <p className="mt-3 text-sm text-slate-500">{t("agentFilterNote")}</p>}
      </Card>
      {failure && (
        <div className="mb-6">
          <Notice tone="error">{errors.field(issue.interval ?? issue.to ?? issue.from ?? issue.campaignId, "period") ?? errors.message(failure)}</Notice>
        </div>
      )}
      {!report || !whole ? (
        fetching && <Loading label={t("loading")} />
      ) : report.total.calls === 0 ? (
        <Card>
          <Empty>{t("empty")}</Empty>
        </Card>
      ) : (
        <div className={`space-y-6 ${fetching ? "opacity-60 transition-opacity" : ""}`} aria-busy={fetching || undefined}>
          <FigureTiles tiles={TILES} columns={OUTBOUND_COLUMNS} total={report.total} words={words} />
          <div className="grid gap-6 lg:grid-cols-3">
            <Card title={t("trendTitle")} className="lg:col-span-2">
              <ComboChart
                labels={report.intervals.map((i) => intervalLabel(i, true))}
                bars={[
                  { label: t("column.calls"), color: "#cbd5e1", values: report.intervals.map((i) => i.figures.calls) },
                  { label: t("column.answered"), color: "#059669", values: report.intervals.map((i) => i.figures.answered) },
                ]}
                line={{
                  label: t("column.answerRate"),
                  axis: t("rateAxis"),
                  color: "#4f46e5",
                  values: report.intervals.map((i) => (i.figures.answerRate === null ? null : Math.round(i.figures.answerRate * 1000) / 10)),
                }}
                words={{ label: t("trendTitle"), countAxis: t("callsAxis"), number: (n) => format.number(n) }}
              />
            </Card>
            <Card title={t("resultsTitle")}>
              <BarChart
                label={t("resultsTitle")}
                data={OUTBOUND_RESULTS.map((r) => {
                  const value = report.total[RESULT_FIGURE[r]];
                  return { key: r, label: t(`result.${r}`), value, color: RESULT_COLORS[r], display: format.number(value) };
                })}
              />
            </Card>
          </div>
          {table(
            t("byInterval"),
            t("intervalColumn"),
            report.intervals.map((i) => ({ id: i.key, label: intervalLabel(i), range: { from: i.start, to: i.end }, figures: i.figures, row: {} })),
            "interval-table",
            { id: "total", label: t("total"), range: whole, figures: report.total, row: {} },
          )}
          {table(
            t("byKind"),
            t("kindColumn"),
            report.kinds.map((k) => ({ id: k.kind, label: t(`kind.${k.kind}`), range: whole, figures: k.figures, row: { rowKind: k.kind } })),
            "kind-table",
          )}
          {report.campaigns.length > 0 &&
            table(
              t("byCampaign"),
              t("campaign"),
              report.campaigns.map((c) => ({ id: c.campaignId, label: c.name, range: whole, figures: c.figures, row: { rowCampaignId: c.campaignId } })),
              "campaign-table",
            )}
          {table(
            t("byAgent"),
            t("agent"),
            report.agents.map((a) => ({
              id: a.agentId ?? "nobody",
              label: a.name ?? t("nobody"),
              range: whole,
              figures: a.figures,
              row: a.agentId ? { rowAgentId: a.agentId } : { rowAgentNone: true },
            })),
            "agent-table",
          )}
          <DefinitionsCard title={t("definitionsTitle")} keys={OUTBOUND_COLUMNS.map((c) => c.key)} words={words} note={t("definitionsNote")} />
        </div>
      )}
      <OutboundCallsDialog drill={drill} onClose={() => setDrill(null)} />
      {saving && (
        <SaveReportDialog
          saved={null}
          report={{
            kind: "OUTBOUND",
            parameters: {
              period: "LAST_7_DAYS",
              interval,
              queueId: filter.saved.queueId,
              teamId: filter.saved.teamId,
              agentId: filter.saved.agentId,
              campaignId: campaignId || null,
              kind: kind || null,
            },
          }}
          onClose={() => setSaving(false)}
        />
      )}
    </>
  );
}
