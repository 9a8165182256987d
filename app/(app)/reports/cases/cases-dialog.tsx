"use client";
// The cases behind one cell of the cases report, each linking to its case.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Loading } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import type { VariablesOf } from "../../../_client/graphql.ts";
import { CaseReportCasesQuery } from "./case-report-query.ts";

export interface CaseDrill {
  title: string;
  variables: VariablesOf<typeof CaseReportCasesQuery>;
}

export function CasesDialog({ drill, onClose }: { drill: CaseDrill | null; onClose: () => void }) {
  const t = useTranslations("reports.cases");
  const tc = useTranslations("channel");
  const dates = useDates();
  const [{ data, fetching }] = useQuery({ query: CaseReportCasesQuery, variables: drill?.variables ?? ({} as never), pause: !drill });
  const list = data?.caseReportCases;
  return (
    <Dialog open={!!drill} onClose={onClose} title={drill?.title ?? ""} wide="xl" footer={<Button onClick={onClose}>{t("close")}</Button>}>
      {!list ? (
        fetching && <Loading label={t("loading")} />
      ) : list.cases.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noCases")}</p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600" data-testid="drill-total">
            {list.total > list.cases.length ? t("casesShown", { shown: list.cases.length, total: list.total }) : t("casesTotal", { total: list.total })}
          </p>
          <Table
            label={drill?.title ?? ""}
            head={[t("case.number"), t("case.subject"), t("case.status"), t("case.channel"), t("case.assignee"), t("case.createdAt"), t("case.at")]}
          >
            {list.cases.map((c, i) => (
              <tr key={`${c.caseId}-${i}`} data-testid="drill-row">
                <Td>
                  <Link href={`/agent/cases/${c.caseId}`} className="font-medium text-brand-700 hover:underline">
                    #{c.number}
                  </Link>
                </Td>
                <Td className="max-w-xs truncate">{c.subject || "—"}</Td>
                <Td>{c.statusName}</Td>
                <Td>{tc(c.channel)}</Td>
                <Td>{c.assigneeName ?? "—"}</Td>
                <Td className="whitespace-nowrap tabular-nums">{dates.format(c.createdAt, "dateTime")}</Td>
                <Td className="whitespace-nowrap tabular-nums">{dates.format(c.at, "dateTime")}</Td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </Dialog>
  );
}
