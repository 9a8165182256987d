"use client";
// Queues right now: who waits, for how long, and who can take it. Refreshed live (queueActivity)
// and the waiting times tick locally.
import { useTranslations } from "next-intl";
import { useQuery, useSubscription } from "urql";
import { useRefetchOn } from "../../_client/use-refetch-on.ts";
import { BarChart } from "../../_components/charts.tsx";
import { Card } from "../../_components/page.tsx";
import { Table, Td } from "../../_components/table.tsx";
import { graphql } from "../../_client/graphql.ts";
import { formatDuration, useNow } from "../../_client/use-now.ts";

const Stats = graphql(`
  query QueueStats {
    queueStats {
      queueId
      name
      waiting
      offered
      scheduled
      longestWaitingSince
      agentsReady
      agentsBusy
      agentsSignedIn
      slaBreached
    }
  }
`);
const Activity = graphql(`
  subscription QueueActivity {
    queueActivity {
      queueId
    }
  }
`);

export function QueueStats() {
  const t = useTranslations("board.queues");
  const tb = useTranslations("board");
  const [{ data }, refetch] = useQuery({ query: Stats, requestPolicy: "cache-and-network" });
  const [{ data: ping }] = useSubscription({ query: Activity });
  useRefetchOn(ping, () => refetch({ requestPolicy: "network-only" }), 300);
  const now = useNow();
  const stats = data?.queueStats ?? [];
  if (!stats.length) return null;
  return (
    <div className="mb-6 grid gap-6 lg:grid-cols-[20rem_1fr]">
      <Card title={t("waitingChart")}>
        <BarChart
          label={t("waitingChart")}
          data={stats.map((q) => ({ key: q.queueId, label: q.name, value: q.waiting + q.offered, color: q.waiting + q.offered > 0 ? "#d97706" : "#94a3b8" }))}
        />
      </Card>
      <Table label={t("title")} head={[t("queue"), t("waiting"), t("offered"), t("longestWait"), t("ready"), t("busy"), t("signedIn"), tb("breached")]}>
        {stats.map((q) => (
          <tr key={q.queueId} data-testid={`queue-${q.name}`}>
            <Td className="font-medium">{q.name}</Td>
            <Td className="tabular-nums">
              <span data-testid="waiting">{q.waiting}</span>
              {/* Call-backs asked for later wait apart: not in the queue yet, not in the chart. */}
              {q.scheduled > 0 && <span className="ml-1.5 text-xs text-slate-500">{t("scheduled", { count: q.scheduled })}</span>}
            </Td>
            <Td className="tabular-nums">{q.offered}</Td>
            <Td className="tabular-nums">{q.longestWaitingSince ? formatDuration(now - Date.parse(q.longestWaitingSince)) : "—"}</Td>
            <Td className="tabular-nums">
              <span data-testid="ready">{q.agentsReady}</span>
            </Td>
            <Td className="tabular-nums">
              <span data-testid="busy">{q.agentsBusy}</span>
            </Td>
            <Td className="tabular-nums">
              <span data-testid="signed-in">{q.agentsSignedIn}</span>
            </Td>
            <Td className="tabular-nums">
              <span data-testid="sla-breached" title={tb("breachedHint")} className={q.slaBreached ? "font-semibold text-red-700" : "text-slate-500"}>
                {q.slaBreached}
              </span>
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
