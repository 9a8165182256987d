"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Empty, Loading, PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { NoAccess } from "../../no-access.tsx";
import { QueueDialog } from "./queue-dialog.tsx";

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
  const [editing, setEditing] = useState<Queue | "new" | null>(null);
  if (!can("queues.manage")) return <NoAccess />;
  if (!data) return <Loading label={t("loading")} />;
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
      {data.queues.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <Table label={t("title")} head={[t("name"), t("channels"), t("priority"), t("members"), t("status"), ""]}>
          {data.queues.map((q) => (
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
              <Td>{q.members.length}</Td>
              <Td>{q.active ? t("active") : t("inactive")}</Td>
              <Td className="text-right">
                <Button size="sm" variant="ghost" onClick={() => setEditing(q)}>
                  {t("edit")}
                </Button>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {editing && <QueueDialog queue={editing === "new" ? null : editing} people={data.users} onClose={() => setEditing(null)} />}
    </>
  );
}
