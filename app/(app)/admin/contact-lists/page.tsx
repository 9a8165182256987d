"use client";
// Contact lists for outbound campaigns: the lists with their counts, importing a new one, and
// deleting. A list opens to its entries (./[id]).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Td } from "../../../_components/table.tsx";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { AdminList } from "../admin-list.tsx";
import { ImportWizard } from "./import-wizard.tsx";

const ListsQuery = graphql(`
  query ContactLists {
    contactLists {
      id
      name
      status
      imported
      duplicates
      blocked
      doNotCall
      invalid
      createdAt
      createdBy
    }
  }
`);
const Delete = graphql(`
  mutation DeleteContactList($id: ID!) {
    deleteContactList(id: $id)
  }
`);

export default function ContactListsPage() {
  const t = useTranslations("admin.contactLists");
  const dates = useDates();
  const allowed = useCan()("campaigns.manage");
  const [{ data }, refetch] = useQuery({ query: ListsQuery, pause: !allowed, requestPolicy: "cache-and-network" });
  const [, remove] = useMutation(Delete);
  const [importing, setImporting] = useState(false);
  const reload = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  return (
    <div className="space-y-4">
      <AdminList
        namespace="contactLists"
        allowed={allowed}
        canCreate={false}
        toolbar={
          <div className="space-y-4">
            <Button variant="primary" onClick={() => setImporting(true)} disabled={importing}>
              {t("import")}
            </Button>
            {importing && <ImportWizard onDone={reload} />}
          </div>
        }
        renderDialog={() => null}
        items={data?.contactLists}
        head={[t("name"), t("status"), t("count.imported"), t("rejected"), t("by"), ""]}
        renderRow={(l) => (
          <tr key={l.id} data-testid={`list-${l.name}`}>
            <Td className="font-medium">
              <Link className="text-brand-700 underline" href={`/admin/contact-lists/${l.id}`}>
                {l.name}
              </Link>
            </Td>
            <Td>{t(`statusName.${l.status}`)}</Td>
            <Td className="tabular-nums">{l.imported}</Td>
            <Td className="tabular-nums">{l.duplicates + l.blocked + l.doNotCall + l.invalid}</Td>
            <Td className="text-xs text-slate-600">{`${l.createdBy ?? "—"}, ${dates.format(String(l.createdAt), "dateTimeMedium")}`}</Td>
            <Td className="text-right">
              <Button
                size="sm"
                variant="ghost"
                onClick={async () => {
                  if (!window.confirm(t("confirmDelete", { name: l.name }))) return;
                  await remove({ id: l.id });
                  reload();
                }}
              >
                {t("delete")}
              </Button>
            </Td>
          </tr>
        )}
      />
    </div>
  );
}
