"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Loading, PageHeader } from "../../../_components/page.tsx";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { NoAccess } from "../../no-access.tsx";
import { RoleEditor } from "./role-editor.tsx";

// Refetch after any Role change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["Role"] };

export const RolesQuery = graphql(`
  query AdminRoles {
    roles {
      id
      key
      name
      description
      permissions
      userCount
    }
    permissionCatalog
  }
`);

export default function RolesPage() {
  const t = useTranslations("admin.roles");
  const can = useCan();
  const [{ data }] = useQuery({ query: RolesQuery, context: REFRESH_ON, pause: !can("roles.manage") });
  const [selected, setSelected] = useState<string | "new" | null>(null);
  if (!can("roles.manage")) return <NoAccess />;
  if (!data) return <Loading label={t("loading")} />;
  const current = selected === "new" ? null : (data.roles.find((r) => r.id === selected) ?? data.roles[0]);
  const label = (r: { key: string | null; name: string }) => (r.key ? t(`builtIn.${r.key}`) : r.name);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button variant="primary" onClick={() => setSelected("new")}>
            {t("new")}
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <ul className="space-y-1" aria-label={t("title")}>
          {data.roles.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                onClick={() => setSelected(r.id)}
                aria-current={current?.id === r.id && selected !== "new" ? "true" : undefined}
                className="flex w-full items-center justify-between rounded-md px-3 py-2 text-left text-sm hover:bg-white aria-[current=true]:bg-white aria-[current=true]:shadow-sm aria-[current=true]:ring-1 aria-[current=true]:ring-slate-200"
              >
                <span className="font-medium">{label(r)}</span>
                <span className="text-xs text-slate-500">{t("users", { count: r.userCount })}</span>
              </button>
            </li>
          ))}
        </ul>
        <RoleEditor
          key={selected === "new" ? "new" : current?.id}
          role={current}
          catalog={data.permissionCatalog}
          onSaved={(id) => setSelected(id)}
          onDeleted={() => setSelected(null)}
        />
      </div>
    </>
  );
}
