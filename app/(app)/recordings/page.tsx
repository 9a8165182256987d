"use client";
// Recorded calls of the agents this person may watch, searchable by date, customer or number,
// queue and agent, played in the page (the file streams from /api/recordings/<id>, checked and
// audit-logged there). Recordings whose retention ran out stay listed, greyed, without a player.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Field, Input, Select } from "../../_components/field.tsx";
import { Card, PageHeader } from "../../_components/page.tsx";
import { graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";
import { formatDuration } from "../../_client/use-now.ts";
import { NoAccess } from "../no-access.tsx";
import { RecordingStorageCard } from "./recording-storage.tsx";
import { DateInput } from "../../_components/date-input.tsx";
import { useDates } from "../../_client/use-dates.ts";

const Recordings = graphql(`
  query Recordings($from: DateTime, $to: DateTime, $search: String, $queueId: ID, $agentId: ID) {
    recordings(from: $from, to: $to, search: $search, queueId: $queueId, agentId: $agentId) {
      id
      state
      startedAt
      durationSeconds
      customer
      queue
      agent
      error
      url
      deletedAt
      pauses {
        from
        to
      }
    }
  }
`);

const Filters = graphql(`
  query RecordingFilters {
    recordingFilters {
      queues {
        id
        name
      }
      agents {
        id
        name
      }
    }
  }
`);

const clock = (seconds: number) => formatDuration(seconds * 1000);

export default function RecordingsPage() {
  const t = useTranslations("recordings");
  const dates = useDates();
  const can = useCan();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [search, setSearch] = useState("");
  const [queueId, setQueueId] = useState("");
  const [agentId, setAgentId] = useState("");
  const day = (d: string, plus = 0) => (d ? new Date(new Date(`${d}T00:00:00`).getTime() + plus * 86_400_000).toISOString() : null);
  const allowed = can("recordings.listen");
  const [{ data, fetching }] = useQuery({
    query: Recordings,
    variables: { from: day(from), to: day(to, 1), search: search.trim() || null, queueId: queueId || null, agentId: agentId || null },
    pause: !allowed,
  });
  const [{ data: options }] = useQuery({ query: Filters, pause: !allowed });
  if (!allowed) return <NoAccess />;
  const rows = data?.recordings ?? [];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <RecordingStorageCard />
      <Card className="mb-6">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <Field label={t("from")} htmlFor="rec-from">
            <DateInput id="rec-from" value={from} onChange={setFrom} className="w-full" />
          </Field>
          <Field label={t("to")} htmlFor="rec-to">
            <DateInput id="rec-to" value={to} onChange={setTo} className="w-full" />
          </Field>
          <Field label={t("search")} htmlFor="rec-search" hint={t("searchHint")}>
            <Input id="rec-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} />
          </Field>
          <Field label={t("queueFilter")} htmlFor="rec-queue">
            <Select id="rec-queue" value={queueId} onChange={(e) => setQueueId(e.target.value)}>
              <option value="">{t("anyQueue")}</option>
              {options?.recordingFilters.queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("agentFilter")} htmlFor="rec-agent">
            <Select id="rec-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              <option value="">{t("anyAgent")}</option>
              {options?.recordingFilters.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
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
              {rows.map((r) => {
                const deleted = r.state === "DELETED";
                return (
                  <tr key={r.id} data-testid="recording-row" data-state={r.state} className={deleted ? "text-slate-400" : undefined}>
                    <td className="py-2 whitespace-nowrap">{dates.format(r.startedAt, "dateTime")}</td>
                    <td className="py-2 tabular-nums">{clock(r.durationSeconds)}</td>
                    <td className="py-2">{r.customer || "—"}</td>
                    <td className="py-2">{r.queue ?? "—"}</td>
                    <td className="py-2">{r.agent ?? "—"}</td>
                    <td className="py-2">
                      {deleted ? (
                        <span className="italic">
                          {t("deleted", { date: r.deletedAt ? dates.format(r.deletedAt, "dateMedium") : "—" })}
                        </span>
                      ) : r.url ? (
                        <audio controls preload="none" src={r.url} className="h-8 w-64" aria-label={t("listen")} />
                      ) : (
                        <span className={r.state === "FAILED" ? "text-red-700" : "text-slate-500"}>{t(`state.${r.state}`, { error: r.error })}</span>
                      )}
                      {!deleted &&
                        r.pauses.map((p, i) => (
                          <span key={i} className="ml-2 text-xs text-amber-700">
                            {t("paused", { from: clock(p.from), to: clock(p.to ?? p.from) })}
                          </span>
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
