"use client";
// The calls out behind one cell of the Outbound calls report, each linking to its case.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Loading } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { formatDuration } from "../../../_client/use-now.ts";
import { type OutboundListVariables, OutboundReportListQuery } from "./outbound-report-query.ts";

export interface OutboundDrill {
  title: string;
  variables: OutboundListVariables;
}

export function OutboundCallsDialog({ drill, onClose }: { drill: OutboundDrill | null; onClose: () => void }) {
  const t = useTranslations("reports.outbound");
  const dates = useDates();
  const [{ data, fetching }] = useQuery({ query: OutboundReportListQuery, variables: drill?.variables ?? ({} as never), pause: !drill });
  const list = data?.outboundReportList;
  const time = (s: number) => (s ? formatDuration(s * 1000) : "—");
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
              t("call.placedAt"),
              t("call.case"),
              t("call.kind"),
              t("call.campaign"),
              t("call.agent"),
              t("call.customer"),
              t("call.number"),
              t("call.result"),
              t("call.ringing"),
              t("call.talk"),
            ]}
          >
            {list.calls.map((c) => (
              <tr key={c.interactionId} data-testid="drill-row">
                <Td className="whitespace-nowrap tabular-nums">{dates.format(c.placedAt, "dateTime")}</Td>
                <Td>
                  <Link href={`/agent/cases/${c.caseId}`} className="font-medium text-brand-700 hover:underline">
                    #{c.caseNumber}
                  </Link>{" "}
                  <span className="text-slate-600">{c.subject}</span>
                </Td>
                <Td>{t(`kind.${c.kind}`)}</Td>
                <Td>{c.campaignName ?? "—"}</Td>
                <Td>{c.agentName ?? "—"}</Td>
                <Td>{c.customer || "—"}</Td>
                <Td className="whitespace-nowrap tabular-nums">{c.number || "—"}</Td>
                <Td>
                  {t(`result.${c.result}`)}
                  {c.sipCode && c.sipCode >= 400 ? <span className="ml-1 text-xs text-slate-500">({c.sipCode})</span> : null}
                </Td>
                <Td className="tabular-nums">{time(c.ringSeconds)}</Td>
                <Td className="tabular-nums">{time(c.talkSeconds)}</Td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </Dialog>
  );
}
