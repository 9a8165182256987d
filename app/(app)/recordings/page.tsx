"use client";
// Recorded calls of the agents this person may watch, searchable by date and customer, played in
// the page (the file streams from /api/recordings/<id>, checked and audit-logged there).
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Field, Input } from "../../_components/field.tsx";
import { Card, PageHeader } from "../../_components/page.tsx";
import { graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";
import { formatDuration } from "../../_client/use-now.ts";
import { NoAccess } from "../no-access.tsx";

const Recordings = graphql(`
  query Recordings($from: DateTime, $to: DateTime, $search: String) {
    recordings(from: $from, to: $to, search: $search) {
      id
      state
      startedAt
      durationSeconds
      customer
      queue
      agent
      error
      url
      pauses {
        from
        to
      }
    }
  }
`);

const clock = (seconds: number) => formatDuration(seconds * 1000);

export default function RecordingsPage() {
  const t = useTranslations("recordings");
  const format = useFormatter();
  const can = useCan();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [search, setSearch] = useState("");
  const day = (d: string, plus = 0) => (d ? new Date(new Date(`${d}T00:00:00`).getTime() + plus * 86_400_000).toISOString() : null);
  const [{ data, fetching }] = useQuery({
    query: Recordings,
    variables: { from: day(from), to: day(to, 1), search: search.trim() || null },
    pause: !can("recordings.listen"),
  });
  if (!can("recordings.listen")) return <NoAccess />;
  const rows = data?.recordings ?? [];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("from")} htmlFor="rec-from">
            <Input id="rec-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label={t("to")} htmlFor="rec-to">
            <Input id="rec-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
          <Field label={t("search")} htmlFor="rec-search" hint={t("searchHint")}>
            <Input id="rec-search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} />
          </Field>
        </div>
      </Card>
      <Card>
        {!fetching && rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-2 font-medium">{t("when")}</th>
                <th className="py-2 font-medium">{t("duration")}</th>
                <th className="py-2 font-medium">{t("customer")}</th>
                <th className="py-2 font-medium">{t("queue")}</th>
                <th className="py-2 font-medium">{t("agent")}</th>
                <th className="py-2 font-medium">{t("listen")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} data-testid="recording-row">
                  <td className="py-2 whitespace-nowrap">{format.dateTime(new Date(r.startedAt), { dateStyle: "short", timeStyle: "short" })}</td>
                  <td className="py-2 tabular-nums">{clock(r.durationSeconds)}</td>
                  <td className="py-2">{r.customer || "—"}</td>
                  <td className="py-2">{r.queue ?? "—"}</td>
                  <td className="py-2">{r.agent ?? "—"}</td>
                  <td className="py-2">
                    {r.url ? (
                      <audio controls preload="none" src={r.url} className="h-8 w-64" aria-label={t("listen")} />
                    ) : (
                      <span className={r.state === "FAILED" ? "text-red-700" : "text-slate-500"}>{t(`state.${r.state}`, { error: r.error })}</span>
                    )}
                    {r.pauses.map((p, i) => (
                      <span key={i} className="ml-2 text-xs text-amber-700">
                        {t("paused", { from: clock(p.from), to: clock(p.to ?? p.from) })}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
