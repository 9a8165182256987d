"use client";
// One campaign, live: its calls (or an SMS campaign's texts) and contacts as tiles, today's abandon rate per hour against the
// cap, result codes, the script's answers, and its queue's agents — with pause/resume, moving
// agents in and out, and the results export. Read again on the board's events.
import Link from "next/link";
import { useParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { StateBadge } from "../../../../_components/agent-state.tsx";
import { Button } from "../../../../_components/button.tsx";
import { BarChart } from "../../../../_components/charts.tsx";
import { Select } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Card, Loading, PageHeader } from "../../../../_components/page.tsx";
import { Table, Td } from "../../../../_components/table.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useCan } from "../../../../_client/me.tsx";
import { useDates } from "../../../../_client/use-dates.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { useRefetchOn } from "../../../../_client/use-refetch-on.ts";
import { NoAccess } from "../../../no-access.tsx";
import { AbandonRate, HourChart, MonitorChanged, StatusBadge, Tile } from "../campaign-bits.tsx";

const Monitor = graphql(`
  query CampaignMonitorPage($id: ID!) {
    campaignMonitor(id: $id) {
      id
      name
      status
      mode
      queueName
      abandonCapPercent
      at
      calls {
        dialled
        human
        machine
        unsure
        busy
        noAnswer
        networkError
        personAnswered
        abandoned
        connected
        abandonPercent
        capLevel
      }
      lastHour {
        dialled
        abandonPercent
        capLevel
      }
      texts {
        queued
        sent
        delivered
        failed
        parts
        replies
        deliveryPercent
      }
      contacts {
        total
        waitingDue
        waitingLater
        dialling
        inCall
        done
        doneBy {
          reason
          count
        }
        attemptsLeft
      }
      hours {
        hour
        personAnswered
        abandoned
        abandonPercent
      }
      resultCodes {
        dispositionId
        name
        kind
        count
      }
      agents {
        userId
        name
        state
        since
        onCampaignCall
      }
      scriptAnswers {
        questionId
        text
        type
        answered
        average
        choices {
          value
          label
          count
        }
      }
    }
  }
`);
const People = graphql(`
  query CampaignMonitorPeople {
    users {
      id
      name
    }
  }
`);
const Pause = graphql(`
  mutation MonitorPauseCampaign($id: ID!) {
    monitorPauseCampaign(id: $id)
  }
`);
const Resume = graphql(`
  mutation MonitorResumeCampaign($id: ID!) {
    monitorResumeCampaign(id: $id)
  }
`);
const Move = graphql(`
  mutation MonitorMoveCampaignAgent($campaignId: ID!, $userId: ID!, $in: Boolean!) {
    monitorMoveCampaignAgent(campaignId: $campaignId, userId: $userId, in: $in)
  }
`);

const KIND_COLOR: Record<string, string> = { REACHED: "#10b981", RETRY: "#f59e0b", FAILED: "#dc2626" };

export default function CampaignMonitorPage() {
  const { id } = useParams<{ id: string }>();
  const t = useTranslations("campaignMonitor");
  const f = useFormatter();
  const dates = useDates();
  const errors = useErrorText();
  const can = useCan();
  const allowed = can("campaigns.manage");
  const [{ data, error }, refetch] = useQuery({ query: Monitor, variables: { id }, pause: !allowed, requestPolicy: "cache-and-network" });
  const [{ data: people }] = useQuery({ query: People, pause: !allowed || !can("users.read") });
  const [{ data: ping }] = useSubscription({ query: MonitorChanged, pause: !allowed });
  const reload = () => refetch({ requestPolicy: "network-only" });
  useRefetchOn(ping, reload, 2000);
  const [pauseState, pause] = useMutation(Pause);
  const [resumeState, resume] = useMutation(Resume);
  const [moveState, move] = useMutation(Move);
  const [adding, setAdding] = useState("");
  if (!allowed) return <NoAccess />;
  const c = data?.campaignMonitor;
  if (!c) return error ? <Notice tone="error">{errors.message(apiError(error))}</Notice> : <Loading label={t("loading")} />;
  const n = (v: number) => f.number(v);
  const failure = apiError(pauseState.error ?? resumeState.error ?? moveState.error);
  const members = new Set(c.agents.map((a) => a.userId));
  const outside = (people?.users ?? []).filter((u) => !members.has(u.id));

  return (
    <>
      <PageHeader
        title={
          <span className="inline-flex items-center gap-3">
            {c.name} <StatusBadge status={c.status} />
          </span>
        }
        description={t("detailDescription", { queue: c.queueName, mode: t(`mode.${c.mode}`), at: dates.format(c.at, "timeSeconds") })}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Link href="/supervisor/campaigns" className="text-sm font-medium text-brand-700 hover:underline">
              {t("allCampaigns")}
            </Link>
            <a
              className="rounded-lg px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
              href={`/api/campaigns/${c.id}/results.xlsx`}
              download
            >
              {t("exportXlsx")}
            </a>
            <a
              className="rounded-lg px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
              href={`/api/campaigns/${c.id}/results.csv`}
              download
            >
              {t("exportCsv")}
            </a>
            {c.status === "RUNNING" && (
              <Button busy={pauseState.fetching} onClick={() => pause({ id: c.id }).then(reload)}>
                {t("pause")}
              </Button>
            )}
            {c.status === "PAUSED" && (
              <Button variant="primary" busy={resumeState.fetching} onClick={() => resume({ id: c.id }).then(reload)}>
                {t("resume")}
              </Button>
            )}
          </div>
        }
      />
      {failure && <Notice tone="error">{errors.message(failure)}</Notice>}

      {c.mode === "SMS" ? (
        <TextTiles texts={c.texts} />
      ) : (
        <>
          <section className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t("callsHeading")}>
            <Tile label={t("dialled")} value={n(c.calls.dialled)} testId="tile-dialled" />
            <Tile label={t("human")} value={n(c.calls.human)} testId="tile-human" />
            <Tile label={t("machine")} value={n(c.calls.machine)} testId="tile-machine" />
            <Tile label={t("unsure")} value={n(c.calls.unsure)} testId="tile-unsure" />
            <Tile label={t("connected")} value={n(c.calls.connected)} testId="tile-connected" />
            <Tile label={t("abandoned")} value={n(c.calls.abandoned)} testId="tile-abandoned" />
            <Tile label={t("abandonRate")} value={<AbandonRate percent={c.calls.abandonPercent ?? null} level={c.calls.capLevel} />} testId="tile-abandon">
              <p className="mt-1 text-xs text-slate-500">{t("abandonOf", { abandoned: n(c.calls.abandoned), answered: n(c.calls.personAnswered) })}</p>
            </Tile>
            <Tile
              label={t("abandonLastHour")}
              value={<AbandonRate percent={c.lastHour.abandonPercent ?? null} level={c.lastHour.capLevel} />}
              testId="tile-abandon-hour"
            >
              <p className="mt-1 text-xs text-slate-500">{t("dialledLastHour", { count: c.lastHour.dialled })}</p>
            </Tile>
            <Tile label={t("busy")} value={n(c.calls.busy)} testId="tile-busy" />
            <Tile label={t("noAnswer")} value={n(c.calls.noAnswer)} testId="tile-noanswer" />
            <Tile label={t("networkError")} value={n(c.calls.networkError)} testId="tile-network" />
            <Tile label={t("attemptsLeft")} value={n(c.contacts.attemptsLeft)} testId="tile-attempts-left" />
          </section>
        </>
      )}

      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        {c.mode === "SMS" ? (
          <Card title={t("texts.chart")}>
            <BarChart
              label={t("texts.chart")}
              data={(["queued", "sent", "delivered", "failed"] as const).map((k) => ({
                key: k,
                label: t(`texts.${k}`),
                value: c.texts[k],
                color: k === "delivered" ? "#10b981" : k === "failed" ? "#ef4444" : "#64748b",
              }))}
            />
          </Card>
        ) : (
          <Card title={t("hourChart")}>
            <HourChart hours={c.hours} cap={c.abandonCapPercent} />
          </Card>
        )}
        <Card title={t("contactsHeading")}>
          <dl className="grid grid-cols-3 gap-3 text-sm" data-testid="contacts">
            {(c.mode === "SMS"
              ? ([
                  ["total", c.contacts.total],
                  ["toSend", c.contacts.waitingDue],
                  ["sending", c.contacts.dialling],
                  ["done", c.contacts.done],
                ] as const)
              : ([
                  ["total", c.contacts.total],
                  ["waitingDue", c.contacts.waitingDue],
                  ["waitingLater", c.contacts.waitingLater],
                  ["dialling", c.contacts.dialling],
                  ["inCall", c.contacts.inCall],
                  ["done", c.contacts.done],
                ] as const)
            ).map(([key, value]) => (
              <div key={key}>
                <dt className="text-slate-500">{t(`contacts.${key}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid={`contacts-${key}`}>
                  {n(value)}
                </dd>
              </div>
            ))}
          </dl>
          {c.contacts.doneBy.length > 0 && (
            <div className="mt-4">
              <BarChart
                label={t("doneBy")}
                data={c.contacts.doneBy.map((d) => ({
                  key: d.reason,
                  label: t(`done.${d.reason}`),
                  value: d.count,
                  color: d.reason === "REACHED" ? "#10b981" : "#64748b",
                }))}
              />
            </div>
          )}
        </Card>
      </div>

      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        {c.mode !== "SMS" && (
          <Card title={t("resultCodes")}>
            {c.resultCodes.length ? (
              <BarChart
                label={t("resultCodes")}
                data={c.resultCodes.map((r) => ({
                  key: r.dispositionId ?? r.name,
                  label: r.name,
                  value: r.count,
                  color: KIND_COLOR[r.kind ?? ""] ?? "#64748b",
                }))}
              />
            ) : (
              <p className="text-sm text-slate-500">{t("noResultCodes")}</p>
            )}
          </Card>
        )}
        {/* An SMS campaign's agents answer its replies on the campaign's queue: no campaign calls to show. */}
        <Card title={c.mode === "SMS" ? t("agentsHeadingSms") : t("agentsHeading")}>
          <Table
            label={c.mode === "SMS" ? t("agentsHeadingSms") : t("agentsHeading")}
            head={c.mode === "SMS" ? [t("agent"), t("state"), ""] : [t("agent"), t("state"), t("onCampaignCall"), ""]}
          >
            {c.agents.map((a) => (
              <tr key={a.userId} data-testid={`agent-${a.name}`}>
                <Td className="font-medium">{a.name}</Td>
                <Td>
                  <StateBadge state={a.state} />
                  {a.since && <span className="ml-2 text-xs text-slate-500">{dates.format(a.since, "time")}</span>}
                </Td>
                {c.mode !== "SMS" && <Td>{a.onCampaignCall ? t("yes") : "—"}</Td>}
                <Td>
                  <Button size="sm" variant="ghost" onClick={() => move({ campaignId: c.id, userId: a.userId, in: false }).then(reload)}>
                    {t("removeAgent")}
                  </Button>
                </Td>
              </tr>
            ))}
          </Table>
          {c.agents.length === 0 && <p className="mt-2 text-sm text-slate-500">{t("noAgents")}</p>}
          {outside.length > 0 && (
            <form
              className="mt-3 flex items-center gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (adding) void move({ campaignId: c.id, userId: adding, in: true }).then(() => (setAdding(""), reload()));
              }}
            >
              <Select aria-label={t("addAgent")} value={adding} onChange={(e) => setAdding(e.target.value)} className="min-w-0 flex-1">
                <option value="">{t("pickAgent")}</option>
                {outside.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </Select>
              <Button type="submit" className="shrink-0 whitespace-nowrap" disabled={!adding} busy={moveState.fetching}>
                {t("addAgent")}
              </Button>
            </form>
          )}
        </Card>
      </div>

      {c.scriptAnswers.length > 0 && (
        <section aria-label={t("scriptAnswers")}>
          <h2 className="mb-3 text-base font-semibold text-slate-900">{t("scriptAnswers")}</h2>
          <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
            {c.scriptAnswers.map((q) => (
              <Card key={q.questionId} title={q.text}>
                <p className="mb-3 text-xs text-slate-500" data-testid={`answered-${q.questionId}`}>
                  {t("answered", { count: q.answered })}
                  {q.average !== null && q.average !== undefined && <> · {t("average", { value: f.number(q.average, { maximumFractionDigits: 2 }) })}</>}
                </p>
                {q.choices.length > 0 && (
                  <BarChart
                    label={q.text}
                    data={q.choices.map((ch) => ({ key: `${q.questionId}-${ch.value}`, label: ch.label, value: ch.count, color: "#6366f1" }))}
                  />
                )}
              </Card>
            ))}
          </div>
        </section>
      )}
    </>
  );
}

type Texts = { queued: number; sent: number; delivered: number; failed: number; parts: number; replies: number; deliveryPercent?: number | null };

/** An SMS campaign's texts as tiles: where they stand, the delivery rate, parts billed and answers. */
function TextTiles({ texts: x }: { texts: Texts }) {
  const t = useTranslations("campaignMonitor");
  const f = useFormatter();
  const n = (v: number) => f.number(v);
  const handed = x.sent + x.delivered + x.failed;
  return (
    <section className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t("texts.heading")}>
      <Tile label={t("texts.queued")} value={n(x.queued)} testId="tile-texts-queued" />
      <Tile label={t("texts.sent")} value={n(x.sent)} testId="tile-texts-sent" />
      <Tile label={t("texts.delivered")} value={n(x.delivered)} testId="tile-texts-delivered" />
      <Tile label={t("texts.failed")} value={n(x.failed)} testId="tile-texts-failed" />
      <Tile
        label={t("texts.deliveryRate")}
        value={x.deliveryPercent == null ? "—" : f.number(x.deliveryPercent / 100, { style: "percent", maximumFractionDigits: 1 })}
        testId="tile-texts-rate"
      >
        <p className="mt-1 text-xs text-slate-500">{t("texts.deliveryOf", { delivered: n(x.delivered), handed: n(handed) })}</p>
      </Tile>
      <Tile label={t("texts.replies")} value={n(x.replies)} testId="tile-texts-replies">
        <p className="mt-1 text-xs text-slate-500">
          {t("texts.parts")}: {n(x.parts)}
        </p>
      </Tile>
    </section>
  );
}
