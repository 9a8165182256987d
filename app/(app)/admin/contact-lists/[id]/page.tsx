"use client";
// One contact list: its counts, its entries a page at a time (searched), and its files.
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Input } from "../../../../_components/field.tsx";
import { PageHeader } from "../../../../_components/page.tsx";
import { Table, Td } from "../../../../_components/table.tsx";
import { graphql } from "../../../../_client/graphql.ts";

const PAGE = 50;
const EntriesQuery = graphql(`
  query ContactListEntries($id: ID!, $search: String, $offset: Int) {
    contactList(id: $id) {
      id
      name
      status
      fieldNames
      imported
      duplicates
      blocked
      doNotCall
      invalid
    }
    contactListEntries(listId: $id, search: $search, offset: $offset, limit: 50) {
      total
      items {
        id
        row
        phone
        name
        email
        externalId
        fields
      }
    }
  }
`);

export default function ContactListPage() {
  const t = useTranslations("admin.contactLists");
  const { id } = useParams<{ id: string }>();
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const [{ data }] = useQuery({ query: EntriesQuery, variables: { id, search: search || null, offset } });
  const list = data?.contactList;
  const page = data?.contactListEntries;
  if (!list || !page) return null;
  const fields = list.fieldNames;
  const rejected = list.duplicates + list.blocked + list.doNotCall + list.invalid;
  return (
    <div className="space-y-4">
      <PageHeader title={list.name} description={t("summary", { imported: list.imported, rejected })} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Input aria-label={t("search")} placeholder={t("search")} value={search} onChange={(e) => (setSearch(e.target.value), setOffset(0))} className="max-w-xs" />
        <a className="font-medium text-brand-700 underline" href={`/api/contact-lists/${id}/entries.xlsx`}>{t("exportXlsx")}</a>
        <a className="font-medium text-brand-700 underline" href={`/api/contact-lists/${id}/entries.csv`}>{t("exportCsv")}</a>
        {rejected > 0 && <a className="font-medium text-brand-700 underline" href={`/api/contact-lists/${id}/rejects.csv`}>{t("downloadRejects", { count: rejected })}</a>}
      </div>
      <Table label={list.name} head={[t("row"), t("role.phone"), t("role.name"), t("role.email"), t("role.externalId"), ...fields]}>
        {page.items.map((e) => (
          <tr key={e.id}>
            <Td className="tabular-nums text-slate-500">{e.row}</Td>
            <Td className="font-mono tabular-nums">{e.phone}</Td>
            <Td>{e.name}</Td>
            <Td>{e.email}</Td>
            <Td>{e.externalId}</Td>
            {fields.map((f) => (
              <Td key={f}>{String((e.fields as Record<string, unknown>)[f] ?? "")}</Td>
            ))}
          </tr>
        ))}
      </Table>
      <div className="flex items-center gap-3 text-sm">
        <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t("previous")}</Button>
        <span className="tabular-nums">{t("shown", { from: page.total ? offset + 1 : 0, to: Math.min(offset + PAGE, page.total), total: page.total })}</span>
        <Button size="sm" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>{t("next")}</Button>
      </div>
    </div>
  );
}
