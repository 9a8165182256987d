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
import { Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { useCan } from "../../../_client/me.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { CONVERSATION_COLUMNS } from "../../../../domain/reports/conversation-columns.ts";
import { INTERVAL_SIZES, type IntervalSize } from "../../../../domain/reports/queue-figures.ts";
import { NoAccess } from "../../no-access.tsx";
import { PeriodPicker, useReportPeriod } from "../period-picker.tsx";
import { ReportActions } from "../report-actions.tsx";
import { ReportFilterFields, useReportFilters } from "../report-filters.tsx";
import { ReportHeader } from "../report-header.tsx";
import { useFigureFormat } from "../queues/figures-table.tsx";
import { SaveReportDialog } from "../saved/save-report-dialog.tsx";
import type { QueueParameters } from "../saved/saved-report-query.ts";
import { useSavedReport } from "../saved/use-saved-report.ts";
import { ConversationReportQuery } from "./conversation-report-query.ts";
import { ConversationTable, type ConversationRow } from "./conversation-table.tsx";
import { type ConversationDrill, ConversationsDialog } from "./conversations-dialog.tsx";
import { ResponseChart } from "./response-chart.tsx";

const CHANNELS = ["CHAT", "EMAIL"] as const;
const TILES = ["conversations", "answered", "firstResponseAvg", "firstResponseInTarget", "handlingAvg", "resolutionAvg", "ratingAvg"] as const;
const STAR_COLORS = ["#dc2626", "#f97316", "#eab308", "#84cc16", "#059669"];

export default function ConversationReportPage() {
  const t = useTranslations("reports.conversations");
  const tq = useTranslations("reports.queues");
  const ts = useTranslations("reports.saved");
  const format = useFormatter();
  const dates = useDates();
  const can = useCan();
  const errors = useErrorText();
  const fmt = useFigureFormat();
  const { timezone, now, period, setPeriod, variables } = useReportPeriod();
  const [interval, setInterval] = useState<IntervalSize>("DAY");
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

  const intervalLabel = (i: { start: string; end: string }, short = false) => {
    if (interval === "MONTH")
      return new Intl.DateTimeFormat(dates.locale, { month: short ? "short" : "long", year: "numeric", timeZone: timezone }).format(new Date(i.start));
    if (interval === "DAY") return dates.format(i.start, short ? "dayMonth" : "date");
    if (interval === "WEEK")
      return short ? dates.format(i.start, "dayMonth") : `${dates.format(i.start, "date")} – ${dates.format(new Date(i.end).getTime() - 1, "date")}`;
    return dates.format(i.start, short ? "time" : "dateTime");
  };
  const open = (title: string, r: ConversationRow, figure: ConversationDrill["variables"]["figure"]) =>
    setDrill({ title, variables: { ...r.range, figure, ...filters, ...r.row } });
  const exportHref = (kind: "xlsx" | "csv") => {
    const q = filter.addTo(new URLSearchParams({ interval, from: variables?.from ?? "" }));
    if (variables?.to) q.set("to", variables.to);
    return `/api/reports/conversations.${kind}?${q}`;
  };
  const whole = report && { from: report.from, to: report.to };

  return (
    <>
      <ReportHeader title={t("title")} description={opened ? ts("opened", { name: opened.name }) : t("description")} />
      <Card className="mb-6">
        <div className="flex flex-wrap items-end gap-4">
          <PeriodPicker value={period} onChange={setPeriod} timezone={timezone} now={now} />
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            {tq("interval")}
            <Select value={interval} onChange={(e) => setInterval(e.target.value as IntervalSize)} className="w-40" data-testid="interval">
              {INTERVAL_SIZES.map((s) => (
                <option key={s} value={s}>
                  {tq(`intervalSize.${s}`)}
                </option>
              ))}
            </Select>
          </label>
        </div>
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
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 xl:grid-cols-7" data-testid="tiles">
            {TILES.map((key) => (
              <div key={key} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" title={t(`hint.${key}`)}>
                <dt className="text-sm text-slate-500">{t(`column.${key}`)}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`tile-${key}`}>
                  {fmt.value(CONVERSATION_COLUMNS.find((c) => c.key === key)!.kind, report.total[key])}
                </dd>
              </div>
            ))}
          </dl>
          <div className="grid gap-6 lg:grid-cols-3">
            <Card title={t("trendTitle")} className="lg:col-span-2">
              <ResponseChart
                points={report.intervals.map((i) => ({ label: intervalLabel(i, true), ...i.figures }))}
                words={{
                  conversations: t("column.conversations"),
                  answered: t("column.answered"),
                  firstResponse: t("column.firstResponseAvg"),
                  countAxis: t("conversationsAxis"),
                  responseAxis: t("responseAxis"),
                  label: t("trendTitle"),
                  number: (n) => format.number(n),
                }}
              />
            </Card>
            <Card title={t("ratingsTitle")}>
              <BarChart
                label={t("ratingsTitle")}
                data={report.total.ratings
                  .map((count, n) => ({ key: `stars-${n + 1}`, label: t("ratingStars", { stars: n + 1 }), value: count, color: STAR_COLORS[n], display: format.number(count) }))
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
            rows={report.channels.map((c) => ({ id: c.channel, label: t(`channel.${c.channel}`), range: whole, figures: c.figures, row: { rowChannel: c.channel } }))}
            onDrill={open}
            testId="channel-table"
          />
          <Card title={t("definitionsTitle")}>
            <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2" data-testid="definitions">
              {CONVERSATION_COLUMNS.map((c) => (
                <div key={c.key}>
                  <dt className="inline font-medium text-slate-900">{t(`column.${c.key}`)}: </dt>
                  <dd className="inline text-slate-600">{t(`hint.${c.key}`)}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-sm text-slate-500">{t("definitionsNote")}</p>
          </Card>
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
