"use client";
// Alarms: supervisors define them (a queue's figure or a trunk against a threshold, who is told by
// e-mail and SMS), see which are raised now, the history of when each was raised and cleared, at
// its worst, and the texts alarms sent with their delivery.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { NOTICES_PER_NUMBER_HOUR, NOTICE_NOT_SENT } from "../../../domain/sms/sms-rules.ts";
import { graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";
import { useDates } from "../../_client/use-dates.ts";
import { useRefetchOn } from "../../_client/use-refetch-on.ts";
import { Button } from "../../_components/button.tsx";
import { Card, Empty, PageHeader } from "../../_components/page.tsx";
import { Table, Td } from "../../_components/table.tsx";
import { NoAccess } from "../no-access.tsx";
import { AlarmForm, type AlarmRow } from "./alarm-form.tsx";

const REFRESH_ON = { additionalTypenames: ["Alarm"] };
const AlarmsQuery = graphql(`
  query Alarms {
    alarms {
      id
      name
      kind
      queueId
      trunkId
      threshold
      recipientIds
      smsNumbers
      smsAccountId
      active
    }
    alarmSubjects {
      queues {
        id
        name
      }
      trunks {
        id
        name
      }
      people {
        id
        name
      }
      smsAccounts {
        id
        name
      }
    }
    alarmHistory(limit: 50) {
      id
      name
      kind
      threshold
      subjectName
      raisedAt
      clearedAt
      peakValue
    }
    alarmTexts(limit: 30) {
      id
      alarmName
      toNumber
      text
      parts
      state
      error
      createdAt
      deliveredAt
    }
  }
`);
const DeleteAlarm = graphql(`
  mutation DeleteAlarm($id: ID!) {
    deleteAlarm(id: $id)
  }
`);
const Changed = graphql(`
  subscription AlarmsChanged {
    wallboardChanged
  }
`);

export default function AlarmsPage() {
  const t = useTranslations("alarms");
  const tw = useTranslations("wallboard");
  const can = useCan();
  const dates = useDates();
  const allowed = can("alarms.manage");
  const [{ data }, refetch] = useQuery({ query: AlarmsQuery, context: REFRESH_ON, pause: !allowed });
  const [{ data: ping }] = useSubscription({ query: Changed, pause: !allowed || !can("agents.monitor_team", "agents.monitor_all") });
  useRefetchOn(ping, () => refetch({ requestPolicy: "network-only" }), 1000);
  // Centrala's own reasons are codes, worded here; a provider's reason is shown as it came.
  const notSentWords = (error: string) =>
    Object.values(NOTICE_NOT_SENT).includes(error as never) ? t(`textNotSent.${error}`, { cap: NOTICES_PER_NUMBER_HOUR }) : error;
  // A text on its way is looked at again until its receipt says how it ended.
  const textsUnderway = !!data?.alarmTexts.some((x) => x.state === "QUEUED" || x.state === "SENT");
  useEffect(() => {
    if (!textsUnderway) return;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), 5000);
    return () => clearInterval(timer);
  }, [textsUnderway, refetch]);
  const [, remove] = useMutation(DeleteAlarm);
  const [editing, setEditing] = useState<AlarmRow | "new" | null>(null);
  if (!allowed) return <NoAccess />;
  const subjectName = (a: AlarmRow) =>
    a.kind === "TRUNK_UNREGISTERED"
      ? (data?.alarmSubjects.trunks.find((x) => x.id === a.trunkId)?.name ?? t("everyTrunk"))
      : a.kind === "SMS_LINK_DOWN"
        ? t("everySmsAccount")
        : a.kind === "MAILBOX_FAILING"
          ? t("everyMailbox")
          : (data?.alarmSubjects.queues.find((x) => x.id === a.queueId)?.name ?? t("everyQueue"));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button variant="primary" onClick={() => setEditing("new")}>
            {t("new")}
          </Button>
        }
      />
      {editing && data && (
        <Card title={editing === "new" ? t("new") : editing.name} className="mb-6">
          <AlarmForm alarm={editing === "new" ? null : editing} subjects={data.alarmSubjects} onDone={() => setEditing(null)} />
        </Card>
      )}
      {data && !data.alarms.length ? (
        <Empty>{t("none")}</Empty>
      ) : (
        <Table label={t("title")} head={[t("name"), t("rule"), t("watches"), t("told"), ""]}>
          {data?.alarms.map((a) => (
            <tr key={a.id} data-testid={`alarm-${a.name}`} className={a.active ? "" : "text-slate-400"}>
              <Td className="font-medium">{a.name}</Td>
              <Td>{tw(`alarmKind.${a.kind}`, { n: a.threshold })}</Td>
              <Td>{subjectName(a)}</Td>
              <Td>{t("toldCount", { people: a.recipientIds.length, numbers: a.smsAccountId ? a.smsNumbers.length : 0 })}</Td>
              <Td className="space-x-2 text-right">
                <Button size="sm" onClick={() => setEditing(a)}>
                  {t("edit")}
                </Button>
                <Button size="sm" variant="danger" onClick={() => void remove({ id: a.id })}>
                  {t("delete")}
                </Button>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <h2 className="mb-3 mt-8 text-lg font-semibold text-slate-900">{t("history")}</h2>
      {data && !data.alarmHistory.length ? (
        <Empty>{t("noHistory")}</Empty>
      ) : (
        <Table label={t("history")} head={[t("name"), t("watches"), t("raisedAt"), t("clearedAt"), t("peak")]}>
          {data?.alarmHistory.map((h) => (
            <tr key={h.id} data-testid="history-row">
              <Td className="font-medium">
                {h.name} <span className="text-slate-500">· {tw(`alarmKind.${h.kind}`, { n: h.threshold })}</span>
              </Td>
              <Td>{h.subjectName}</Td>
              <Td>{dates.format(h.raisedAt, "dateTime")}</Td>
              <Td>{h.clearedAt ? dates.format(h.clearedAt, "dateTime") : <span className="font-semibold text-red-600">{t("stillRaised")}</span>}</Td>
              <Td className="tabular-nums">{Math.round(h.peakValue * 10) / 10}</Td>
            </tr>
          ))}
        </Table>
      )}
      <h2 className="mb-3 mt-8 text-lg font-semibold text-slate-900">{t("texts")}</h2>
      {data && !data.alarmTexts.length ? (
        <Empty>{t("noTexts")}</Empty>
      ) : (
        <Table label={t("texts")} head={[t("textAt"), t("name"), t("textTo"), t("textState")]}>
          {data?.alarmTexts.map((x) => (
            <tr key={x.id} data-testid="alarm-text" title={x.text}>
              <Td>{dates.format(x.createdAt, "dateTime")}</Td>
              <Td className="font-medium">{x.alarmName ?? t("deletedAlarm")}</Td>
              <Td className="tabular-nums">{x.toNumber}</Td>
              <Td className={x.state === "FAILED" ? "text-red-700" : x.state === "DELIVERED" ? "text-emerald-700" : ""}>
                {t(`textStates.${x.state}`)}
                {x.state === "DELIVERED" && x.deliveredAt ? ` · ${dates.format(x.deliveredAt, "time")}` : ""}
                {x.error ? <span className="block text-xs text-slate-500">{notSentWords(x.error)}</span> : null}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
