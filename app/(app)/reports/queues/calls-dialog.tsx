"use client";
// The interactions behind one cell of the queue report, each linking to its case.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Loading } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { formatDuration } from "../../../_client/use-now.ts";
import { type QueueReportCallData, QueueReportCallsQuery } from "./queue-report-query.ts";

export interface Drill {
  title: string;
  variables: {
    from: string;
    to: string;
    figure: "OFFERED" | "ANSWERED" | "ANSWERED_IN_SL" | "UNANSWERED" | "ABANDONED" | "SHORT_ABANDONED" | "TRANSFERRED";
    queueId: string | null;
    /** Only the calls of one row of the calls in detail. */
    detailDimension?: "NUMBER" | "END_REASON" | "IVR_PATH";
    detailValue?: string;
    queueIds: string[] | null;
    teamId: string | null;
    agentId: string | null;
    channel: "VOICE" | "CHAT" | "EMAIL" | "SMS" | "FAX" | null;
  };
}

export function CallsDialog({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const t = useTranslations("reports.queues");
  const format = useFormatter();
  const dates = useDates();
  const [{ data, fetching }] = useQuery({ query: QueueReportCallsQuery, variables: drill?.variables ?? ({} as never), pause: !drill });
  const list = data?.queueReportCalls;
  const outcome = (c: QueueReportCallData) =>
    [
      c.answered
        ? t(c.answeredInSl ? "outcome.answeredInSl" : "outcome.answered")
        : c.abandoned
          ? t(c.shortAbandon ? "outcome.shortAbandon" : "outcome.abandoned")
          : t("outcome.other"),
      c.transferred ? t("outcome.transferred") : null,
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <Dialog open={!!drill} onClose={onClose} title={drill?.title ?? ""} wide="xl" footer={<Button onClick={onClose}>{t("close")}</Button>}>
      {!list ? (
        fetching && <Loading label={t("loading")} />
      ) : list.calls.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noCalls")}</p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600" data-testid="drill-total">
            {list.total > list.calls.length ? t("callsShown", { shown: list.calls.length, total: list.total }) : t("callsTotal", { total: list.total })}
          </p>
          <Table
            label={drill?.title ?? ""}
            head={[
              t("call.offeredAt"),
              t("call.queue"),
              t("call.customer"),
              t("call.agent"),
              t("call.wait"),
              t("call.talk"),
              t("call.offers"),
              t("call.outcome"),
              t("call.case"),
            ]}
          >
            {list.calls.map((c) => (
              <tr key={`${c.interactionId}-${c.queueName}`} data-testid="drill-row">
                <Td className="whitespace-nowrap tabular-nums">{dates.format(c.offeredAt, "dateTimeSeconds")}</Td>
                <Td>{c.queueName}</Td>
                <Td>{c.customer || "—"}</Td>
                <Td>{c.agentName ?? "—"}</Td>
                <Td className="tabular-nums">{formatDuration(c.waitSeconds * 1000)}</Td>
                <Td className="tabular-nums">{c.answered ? formatDuration(c.talkSeconds * 1000) : "—"}</Td>
                <Td className="tabular-nums">{format.number(c.offers)}</Td>
                <Td>{outcome(c)}</Td>
                <Td>
                  <Link href={`/agent/cases/${c.caseId}`} className="font-medium text-brand-700 hover:underline">
                    #{c.caseNumber}
                  </Link>
                </Td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </Dialog>
  );
}
