"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Select } from "../../../_components/field.tsx";
import { Empty, Loading, PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { NoAccess } from "../../no-access.tsx";
import { useDates } from "../../../_client/use-dates.ts";

const AuditQuery = graphql(`
  query AuditLog($before: ID, $action: String) {
    auditLog(before: $before, action: $action, limit: 50) {
      id
      action
      targetLabel
      details {
        field
        value
        from
        to
      }
      ip
      createdAt
      actor {
        id
        name
      }
    }
  }
`);
type Entry = ResultOf<typeof AuditQuery>["auditLog"][number];
const FILTERS = ["", "auth.", "user.", "role.", "team.", "queue.", "pause_code.", "agent.", "entry_point.", "canned_reply.", "tag.", "macro.", "saved_report."];

export default function AuditLogPage() {
  const t = useTranslations("admin.audit");
  const can = useCan();
  const [action, setAction] = useState("");
  const [pages, setPages] = useState<(string | null)[]>([null]);
  if (!can("audit.read")) return <NoAccess />;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Select value={action} onChange={(e) => (setAction(e.target.value), setPages([null]))} aria-label={t("filter")} className="w-56">
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`filters.${f.replace(/\.$/, "") || "all"}`)}
              </option>
            ))}
          </Select>
        }
      />
      <Table label={t("title")} head={[t("when"), t("who"), t("what"), t("target"), t("details"), t("ip")]}>
        {pages.map((before, i) => (
          <AuditRows key={`${action}-${before}`} before={before} action={action} last={i === pages.length - 1} onMore={(id) => setPages([...pages, id])} />
        ))}
      </Table>
    </>
  );
}

function AuditRows({ before, action, last, onMore }: { before: string | null; action: string; last: boolean; onMore: (id: string) => void }) {
  const t = useTranslations("admin.audit");
  const dates = useDates();
  const [{ data, fetching }] = useQuery({ query: AuditQuery, variables: { before, action: action || null } });
  if (!data)
    return fetching ? (
      <tr>
        <td colSpan={6}>
          <Loading label={t("loading")} />
        </td>
      </tr>
    ) : null;
  const rows = data.auditLog;
  return (
    <>
      {rows.length === 0 && before === null && (
        <tr>
          <td colSpan={6}>
            <Empty>{t("empty")}</Empty>
          </td>
        </tr>
      )}
      {rows.map((e) => (
        <tr key={e.id}>
          <Td className="whitespace-nowrap text-slate-600">{dates.format(e.createdAt, "dateTimeSeconds")}</Td>
          <Td>{e.actor?.name ?? t("system")}</Td>
          <Td>{t.has(`actions.${e.action}`) ? t(`actions.${e.action}`) : e.action}</Td>
          <Td>{e.targetLabel}</Td>
          <Td className="max-w-md text-xs text-slate-600">
            <Details entry={e} />
          </Td>
          <Td className="text-xs text-slate-500">{e.ip}</Td>
        </tr>
      ))}
      {last && rows.length === 50 && (
        <tr>
          <td colSpan={6} className="p-3 text-center">
            <Button size="sm" onClick={() => onMore(rows[rows.length - 1].id)}>
              {t("more")}
            </Button>
          </td>
        </tr>
      )}
    </>
  );
}

/** What the entry records, in words: "Title: Old → New", ids already named by the server. */
function Details({ entry }: { entry: Entry }) {
  const t = useTranslations("admin.audit");
  if (!entry.details.length) return null;
  const created = entry.action.endsWith(".created");
  const label = (field: string) => (t.has(`fields.${field}`) ? t(`fields.${field}`) : field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase());
  const word = (v: string | null) => (v === null ? t("nothing") : v === "true" ? t("yes") : v === "false" ? t("no") : v);
  return (
    <ul className="space-y-0.5" data-testid="audit-details">
      {entry.details.map((d) => (
        <li key={d.field} className="break-words">
          <span className="font-medium text-slate-700">{label(d.field)}:</span>{" "}
          {d.value !== null || created ? (
            // A creation has nothing to change from: its settings, as set.
            word(d.value ?? d.to)
          ) : (
            <>
              <span className="text-slate-500 line-through decoration-slate-300">{word(d.from)}</span> → <span>{word(d.to)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
