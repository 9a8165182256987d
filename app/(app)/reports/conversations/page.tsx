"use client";
// Chat and e-mail: for a period, in intervals of 15 minutes to a month on the organisation's clock,
// the chats and e-mails that ended — answered, first response against the target, handling,
// resolution, messages and ratings — as a chart, the ratings given and tables per interval, queue,
// agent and channel whose every figure lists its conversations; XLSX or CSV by the server
// (lib/report-exports-http.ts), saved and e-mailed like the other reports.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { BarChart } from "../../../_components/charts.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { CONVERSATION_COLUMNS, type ConversationColumn } from "../../../../domain/reports/conversation-columns.ts";
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
import { ComboChart } from "../combo-chart.tsx";
import { DefinitionsCard, FigureTiles } from "../figure-cards.tsx";
import { ConversationReportQuery } from "./conversation-report-query.ts";
import { ConversationTable, type ConversationRow } from "./conversation-table.tsx";
import { type ConversationDrill, ConversationsDialog } from "./conversations-dialog.tsx";

const CHANNELS = ["CHAT", "EMAIL"] as const;
const TILES = ["conversations", "answered", "firstResponseAvg", "firstResponseInTarget", "handlingAvg", "resolutionAvg", "ratingAvg"] as const;
type ColumnKey = ConversationColumn["key"];
const STAR_COLORS = ["#dc2626", "#f97316", "#eab308", "#84cc16", "#059669"];

export default function ConversationReportPage() {
  const t = useTranslations("reports.conversations");
  const tq = useTranslations("reports.queues");
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
  const [drill, setDrill] = useState<ConversationDrill | null>(null);
  const [saving, setSaving] = useState(false);
  const opened = useSavedReport(
    "CONVERSATIONS",
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
  const allowed = can("reports.read");
  const filters = filter.variables;
  const [{ data, fetching, error }] = useQuery({
    query: ConversationReportQuery,
    variables: { from: variables?.from ?? null, to: variables?.to ?? null, interval, ...filters },
    pause: !allowed || !variables,
  });
  if (!allowed) return <NoAccess />;
  const failure = apiError(error);
  const issue = fieldIssues(failure);
  const report = data?.conversationReport;
  const scope = report?.scope;

  const open = (title: string, r: ConversationRow, figure: ConversationDrill["variables"]["figure"]) =>
    setDrill({ title, variables: { ...r.range, figure, ...filters, ...r.row } });
  const exportHref = (kind: "xlsx" | "csv") => {
    const q = filter.addTo(new URLSearchParams({ interval, from: variables?.from ?? "" }));
    if (variables?.to) q.set("to", variables.to);
    return `/api/reports/conversations.${kind}?${q}`;
  };
  const whole = report && { from: report.from, to: report.to };
  const words = { column: (k: ColumnKey) => t(`column.${k}`), hint: (k: ColumnKey) => t(`hint.${k}`) };

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
      {!report || !whole ? (
        fetching && <Loading label={t("loading")} />
      ) : report.total.conversations === 0 ? (
        <Card>
          <Empty>{scope?.queues.length ? t("empty") : tq("noQueues")}</Empty>
        </Card>
      ) : (
        <div className={`space-y-6 ${fetching ? "opacity-60 transition-opacity" : ""}`} aria-busy={fetching || undefined}>
          <FigureTiles tiles={TILES} columns={CONVERSATION_COLUMNS} total={report.total} words={words} />
          <div className="grid gap-6 lg:grid-cols-3">
            <Card title={t("trendTitle")} className="lg:col-span-2">
              <ComboChart
                labels={report.intervals.map((i) => intervalLabel(i, true))}
                bars={[
                  { label: t("column.conversations"), color: "#cbd5e1", values: report.intervals.map((i) => i.figures.conversations) },
                  { label: t("column.answered"), color: "#4f46e5", values: report.intervals.map((i) => i.figures.answered) },
                ]}
                line={{
                  label: t("column.firstResponseAvg"),
                  axis: t("responseAxis"),
                  color: "#d97706",
                  // Minutes, to a tenth.
                  values: report.intervals.map((i) => (i.figures.firstResponseAvg === null ? null : Math.round(i.figures.firstResponseAvg / 6) / 10)),
                }}
                words={{ label: t("trendTitle"), countAxis: t("conversationsAxis"), number: (n) => format.number(n) }}
              />
            </Card>
            <Card title={t("ratingsTitle")}>
              <BarChart
                label={t("ratingsTitle")}
                data={report.total.ratings
                  .map((count, n) => ({
                    key: `stars-${n + 1}`,
                    label: t("ratingStars", { stars: n + 1 }),
                    value: count,
                    color: STAR_COLORS[n],
                    display: format.number(count),
                  }))
                  .reverse()}
              />
            </Card>
          </div>
          <ConversationTable
            title={t("byInterval")}
            firstColumn={t("intervalColumn")}
            rows={report.intervals.map((i) => ({ id: i.key, label: intervalLabel(i), range: { from: i.start, to: i.end }, figures: i.figures, row: {} }))}
            total={{ id: "total", label: t("total"), range: whole, figures: report.total, row: {} }}
            onDrill={open}
            testId="interval-table"
          />
          <ConversationTable
            title={t("byQueue")}
            firstColumn={t("queue")}
            rows={report.queues.map((q) => ({ id: q.queueId, label: q.name, range: whole, figures: q.figures, row: { rowQueueId: q.queueId } }))}
            onDrill={open}
            testId="queue-table"
          />
          <ConversationTable
            title={t("byAgent")}
            firstColumn={t("agent")}
            rows={report.agents.map((a) => ({
              id: a.agentId ?? "nobody",
              label: a.name ?? t("nobody"),
              range: whole,
              figures: a.figures,
              row: a.agentId ? { rowAgentId: a.agentId } : { rowAgentNone: true },
            }))}
            onDrill={open}
            testId="agent-table"
          />
          <ConversationTable
            title={t("byChannel")}
            firstColumn={t("channelColumn")}
            rows={report.channels.map((c) => ({
              id: c.channel,
              label: t(`channel.${c.channel}`),
              range: whole,
              figures: c.figures,
              row: { rowChannel: c.channel },
            }))}
            onDrill={open}
            testId="channel-table"
          />
          <DefinitionsCard title={t("definitionsTitle")} keys={CONVERSATION_COLUMNS.map((c) => c.key)} words={words} note={t("definitionsNote")} />
        </div>
      )}
      <ConversationsDialog drill={drill} onClose={() => setDrill(null)} />
      {saving && (
        <SaveReportDialog
          saved={null}
          report={{ kind: "CONVERSATIONS", parameters: { period: "LAST_7_DAYS", interval, ...filter.saved } }}
          onClose={() => setSaving(false)}
        />
      )}
    </>
  );
}
