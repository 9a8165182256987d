"use client";
// The shape every admin list shares: permission gate, loading, a "New" button, the table or an
// empty state, and one dialog for creating or editing a row.
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Button } from "../../_components/button.tsx";
import { Empty, Loading, PageHeader } from "../../_components/page.tsx";
import { Table } from "../../_components/table.tsx";
import { NoAccess } from "../no-access.tsx";

export function AdminList<T extends { id: string }>({
  namespace,
  allowed,
  canCreate = true,
  items,
  head,
  toolbar,
  renderRow,
  renderDialog,
}: {
  /** Messages under admin.<namespace>: title, description, new, loading, empty. */
  namespace: string;
  allowed: boolean;
  canCreate?: boolean;
  items: T[] | undefined;
  head: string[];
  toolbar?: ReactNode;
  renderRow: (item: T, edit: () => void) => ReactNode;
  renderDialog: (item: T | null, close: () => void) => ReactNode;
}) {
  const t = useTranslations(`admin.${namespace}`);
  const [editing, setEditing] = useState<T | "new" | null>(null);
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canCreate && (
            <Button variant="primary" onClick={() => setEditing("new")}>
              {t("new")}
            </Button>
          )
        }
      />
      {toolbar}
      {!items ? (
        <Loading label={t("loading")} />
      ) : items.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <Table label={t("title")} head={head}>
          {items.map((item) => renderRow(item, () => setEditing(item)))}
        </Table>
      )}
      {editing && renderDialog(editing === "new" ? null : editing, () => setEditing(null))}
    </>
  );
}
