"use client";
// The queue report's calls in detail, for the same period and filters: answered calls' wait and
// talk, unanswered calls' time before hanging up and place in the queue then (total, average,
// shortest, longest), and the calls by number dialled, by reason for disconnection and by the IVR
// keys of the calls nobody answered — every count lists its calls.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useQuery } from "urql";
import { Card } from "../../../_components/page.tsx";
import type { Drill } from "./calls-dialog.tsx";
import { useFigureFormat } from "./figures-table.tsx";
import { type QueueCallDetailRowData, QueueCallDetailsQuery, type QueueCallSpreadData } from "./queue-report-query.ts";

type Filters = Omit<Drill["variables"], "from" | "to" | "figure" | "queueId" | "detailDimension" | "detailValue">;
type Dimension = NonNullable<Drill["variables"]["detailDimension"]>;

export function CallDetails({
  range,
  filters,
  onDrill,
}: {
  range: { from: string; to: string | null };
  filters: Filters;
  onDrill: (drill: Drill) => void;
}) {
  const t = useTranslations("reports.queues.details");
  const tq = useTranslations("reports.queues");
  const fmt = useFigureFormat();
  const [{ data }] = useQuery({ query: QueueCallDetailsQuery, variables: { ...range, ...filters } });
  const d = data?.queueCallDetails;
  if (!d) return null;
  const to = range.to ?? new Date().toISOString();
  const drill = (title: string, figure: Drill["variables"]["figure"], dimension?: Dimension, value?: string) =>
    onDrill({ title, variables: { from: range.from, to, figure, queueId: null, ...filters, ...(dimension ? { detailDimension: dimension, detailValue: value ?? "" } : {}) } });
  const count = (n: number, title: string, figure: Drill["variables"]["figure"], dimension?: Dimension, value?: string) =>
    n === 0 ? (
      <span className="text-slate-400">{fmt.count(0)}</span>
    ) : (
      <button
        type="button"
        className="rounded text-brand-700 hover:underline focus-visible:ring-2 focus-visible:ring-brand-500"
        onClick={() => drill(title, figure, dimension, value)}
      >
        {fmt.count(n)}
      </button>
    );
  const head = (cells: ReactNode[]) => (
    <thead className="bg-slate-50">
      <tr>
        {cells.map((c, i) => (
          <th key={i} scope="col" className={`px-3 py-2 font-medium text-slate-600 ${i ? "text-right" : "text-left"}`}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
  const spreadRow = (label: string, s: QueueCallSpreadData, places = false) => (
    <tr key={label}>
      <th scope="row" className="px-3 py-2 text-left font-normal text-slate-700">
        {label}
      </th>
      {(["total", "average", "min", "max"] as const).map((k) => (
        <td key={k} className="px-3 py-2 text-right tabular-nums">
          {places ? (s[k] === null || k === "total" ? "—" : fmt.value("ratio", s[k]).replace(/[.,]00$/, "")) : fmt.duration(s[k])}
        </td>
      ))}
    </tr>
  );
  const table = (label: string, testId: string, children: ReactNode) => (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label} data-testid={testId}>
        {children}
      </table>
    </div>
  );
  const rowsOf = (rows: QueueCallDetailRowData[], dimension: Dimension, name: (v: string) => string, testId: string, label: string) =>
    rows.length === 0 ? (
      <p className="text-sm text-slate-500">{t("none")}</p>
    ) : (
      table(
        label,
        testId,
        <>
          {head([label, tq("column.offered"), tq("column.answered"), tq("column.abandoned"), tq("column.serviceLevel")])}
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const row = name(r.value);
              return (
                <tr key={r.value} data-row={r.value}>
                  <th scope="row" className="px-3 py-2 text-left font-normal text-slate-700">
                    {row}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums" data-column="offered">
                    {count(r.offered, tq("drillTitle", { figure: tq("column.offered"), row }), "OFFERED", dimension, r.value)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums" data-column="answered">
                    {count(r.answered, tq("drillTitle", { figure: tq("column.answered"), row }), "ANSWERED", dimension, r.value)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums" data-column="abandoned">
                    {count(r.abandoned, tq("drillTitle", { figure: tq("column.abandoned"), row }), "ABANDONED", dimension, r.value)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.percent(r.serviceLevel)}</td>
                </tr>
              );
            })}
          </tbody>
        </>,
      )
    );

  return (
    <Card title={t("title")}>
      <div className="space-y-6" data-testid="call-details">
        <div className="grid gap-6 lg:grid-cols-2">
          <section>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">
              {t("answeredTitle")} · {count(d.answeredCalls, t("answeredTitle"), "ANSWERED")}
            </h3>
            {table(
              t("answeredTitle"),
              "answered-spread",
              <>
                {head([t("measure"), t("total"), t("average"), t("min"), t("max")])}
                <tbody className="divide-y divide-slate-100">
                  {spreadRow(t("wait"), d.answeredWait)}
                  {spreadRow(t("talk"), d.answeredTalk)}
                </tbody>
              </>,
            )}
          </section>
          <section>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">
              {t("unansweredTitle")} · {count(d.unansweredCalls, t("unansweredTitle"), "UNANSWERED")} ({t("abandonedCount", { count: d.abandonedCalls })})
            </h3>
            {table(
              t("unansweredTitle"),
              "unanswered-spread",
              <>
                {head([t("measure"), t("total"), t("average"), t("min"), t("max")])}
                <tbody className="divide-y divide-slate-100">
                  {spreadRow(t("hangUpWait"), d.hangUpWait)}
                  {spreadRow(t("place"), d.hangUpPlace, true)}
                </tbody>
              </>,
            )}
            {d.abandonedCalls > 0 && <p className="mt-2 text-xs text-slate-500">{t("placeNote", { known: d.hangUpPlaceKnown, abandoned: d.abandonedCalls })}</p>}
          </section>
        </div>
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("byNumber")}</h3>
          {rowsOf(d.byNumber, "NUMBER", (v) => v || t("noNumber"), "by-number", t("number"))}
        </section>
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("byReason")}</h3>
          {rowsOf(d.byReason, "END_REASON", (v) => (t.has(`reasons.${v}`) ? t(`reasons.${v}`) : v), "by-reason", t("reason"))}
        </section>
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("ivrPaths")}</h3>
          {d.ivrPaths.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noIvr")}</p>
          ) : (
            table(
              t("ivrPaths"),
              "ivr-paths",
              <>
                {head([t("path"), t("unanswered")])}
                <tbody className="divide-y divide-slate-100">
                  {d.ivrPaths.map((r) => (
                    <tr key={r.value} data-row={r.value}>
                      <th scope="row" className="px-3 py-2 text-left font-mono font-normal text-slate-700">
                        {r.value}
                      </th>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {count(r.offered, tq("drillTitle", { figure: t("unanswered"), row: r.value }), "UNANSWERED", "IVR_PATH", r.value)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </>,
            )
          )}
        </section>
      </div>
    </Card>
  );
}
