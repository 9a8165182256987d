"use client";
import { useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { AdminList } from "../admin-list.tsx";
import { QueueDialog } from "./queue-dialog.tsx";
import { RoutingDefaults } from "./routing-defaults.tsx";

// Refetch after any Queue change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["Queue"] };

const QueuesQuery = graphql(`
  query AdminQueues {
    queues {
      id
      name
      description
      channels
      priority
      active
      strategy
      offerTimeoutSeconds
      maxQueueLength
      maxWaitSeconds
      overflowQueueId
      overflowMessage
      emailSignature
      recordingPolicy
      recordNumbers
      recordingRetentionDays
      wrapUpSeconds
      serviceLevelSeconds
      serviceLevelPercent
      shortAbandonSeconds
      announceEverySeconds
      requireDisposition
      overflowAction
      voicemailEmail
      musicOnHoldId
      callbackRetries
      callbackRetryMinutes
      sla
      wallboard
      members {
        skillLevel
        user {
          id
          name
          username
        }
      }
    }
    users {
      id
      name
      username
    }
  }
`);

export type Queue = ResultOf<typeof QueuesQuery>["queues"][number];

export default function QueuesPage() {
  const t = useTranslations("admin.queues");
  const tc = useTranslations("channel");
  const can = useCan();
  const [{ data }] = useQuery({ query: QueuesQuery, context: REFRESH_ON, pause: !can("queues.manage") });
  return (
    <AdminList
      namespace="queues"
      allowed={can("queues.manage")}
      items={data?.queues}
      head={[t("name"), t("channels"), t("priority"), t("strategy"), t("members"), t("status"), ""]}
      toolbar={<RoutingDefaults />}
      renderRow={(q, edit) => (
        <tr key={q.id} className={q.active ? undefined : "text-slate-400"}>
          <Td>
            <span className="font-medium">{q.name}</span>
            {q.description && <span className="block text-xs text-slate-500">{q.description}</span>}
          </Td>
          <Td>
            <div className="flex flex-wrap gap-1">
              {q.channels.map((c) => (
                <span key={c} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                  {tc(c)}
                </span>
              ))}
            </div>
          </Td>
          <Td className="tabular-nums">{q.priority}</Td>
          <Td className="text-xs">{t(`strategies.${q.strategy}`)}</Td>
          <Td>{q.members.length}</Td>
          <Td>{q.active ? t("active") : t("inactive")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(queue, close) => <QueueDialog queue={queue} people={data?.users ?? []} queues={data?.queues ?? []} onClose={close} />}
    />
  );
}
