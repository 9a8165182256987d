"use client";
// The conversations behind one cell of the Chat and e-mail report, each linking to its case.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Loading } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { formatDuration } from "../../../_client/use-now.ts";
import { type ConversationListVariables, ConversationReportListQuery } from "./conversation-report-query.ts";

export interface ConversationDrill {
  title: string;
  variables: ConversationListVariables;
}

export function ConversationsDialog({ drill, onClose }: { drill: ConversationDrill | null; onClose: () => void }) {
  const t = useTranslations("reports.conversations");
  const format = useFormatter();
  const dates = useDates();
  const [{ data, fetching }] = useQuery({ query: ConversationReportListQuery, variables: drill?.variables ?? ({} as never), pause: !drill });
  const list = data?.conversationReportList;
  const time = (s: number | null) => (s === null ? "—" : formatDuration(s * 1000));
  return (
    <Dialog open={!!drill} onClose={onClose} title={drill?.title ?? ""} wide="xl" footer={<Button onClick={onClose}>{t("close")}</Button>}>
      {!list ? (
        fetching && <Loading label={t("loading")} />
      ) : list.conversations.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noConversations")}</p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600" data-testid="drill-total">
            {list.total > list.conversations.length
              ? t("conversationsShown", { shown: list.conversations.length, total: list.total })
              : t("conversationsTotal", { total: list.total })}
          </p>
          <Table
            label={drill?.title ?? ""}
            head={[
              t("conversation.arrivedAt"),
              t("conversation.case"),
              t("conversation.channel"),
              t("conversation.queue"),
              t("conversation.agent"),
              t("conversation.customer"),
              t("conversation.firstResponse"),
              t("conversation.handling"),
              t("conversation.resolution"),
              t("conversation.messages"),
              t("conversation.rating"),
            ]}
          >
            {list.conversations.map((c) => (
              <tr key={c.interactionId} data-testid="drill-row">
                <Td className="whitespace-nowrap tabular-nums">{dates.format(c.arrivedAt, "dateTime")}</Td>
                <Td>
                  <Link href={`/agent/cases/${c.caseId}`} className="font-medium text-brand-700 hover:underline">
                    #{c.caseNumber}
                  </Link>{" "}
                  <span className="text-slate-600">{c.subject}</span>
                </Td>
                <Td>{t(`channel.${c.channel}`)}</Td>
                <Td>{c.queueName ?? "—"}</Td>
                <Td>{c.agentName ?? "—"}</Td>
                <Td>{c.customer || "—"}</Td>
                <Td className="tabular-nums">{time(c.firstResponseSeconds)}</Td>
                <Td className="tabular-nums">{time(c.handlingSeconds || null)}</Td>
                <Td className="tabular-nums">{time(c.resolutionSeconds)}</Td>
                <Td className="tabular-nums">{format.number(c.messages)}</Td>
                <Td className="tabular-nums">{c.rating ?? "—"}</Td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </Dialog>
  );
}
