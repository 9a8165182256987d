"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Checkbox, Input } from "../../../_components/field.tsx";
import { Td } from "../../../_components/table.tsx";
import { graphql } from "../../../_client/graphql.ts";
import { useCan, useMe } from "../../../_client/me.tsx";
import { AdminList } from "../admin-list.tsx";
import { UserDialog } from "./user-dialog.tsx";
import { UserActions } from "./user-actions.tsx";

// Refetch after any User change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["User"] };

export const UsersQuery = graphql(`
  query AdminUsers($search: String, $includeInactive: Boolean) {
    users(search: $search, includeInactive: $includeInactive) {
      id
      username
      name
      email
      locale
      active
      role {
        id
        key
        name
      }
      teams {
        team {
          id
          name
        }
      }
      capacity {
        voice
        chat
        email
        sms
        fax
      }
    }
    roles {
      id
      key
      name
    }
    teams {
      id
      name
    }
  }
`);

export default function UsersPage() {
  const t = useTranslations("admin.users");
  const can = useCan();
  const me = useMe();
  const [search, setSearch] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [{ data }] = useQuery({
    query: UsersQuery,
    context: REFRESH_ON,
    variables: { search: search || null, includeInactive },
    pause: !can("users.read", "users.manage"),
  });
  const manage = can("users.manage");
  const roleName = (r: { key: string | null; name: string }) => (r.key ? t(`builtInRole.${r.key}`) : r.name);

  return (
    <AdminList
      namespace="users"
      allowed={can("users.read", "users.manage")}
      canCreate={manage}
      items={data?.users}
      head={[t("name"), t("username"), t("role"), t("teams"), t("status"), ""]}
      toolbar={
        <div className="mb-4 flex flex-wrap items-center gap-4">
          <Input
            type="search"
            placeholder={t("search")}
            aria-label={t("search")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="max-w-xs"
          />
          <Checkbox label={t("showInactive")} checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
        </div>
      }
      renderRow={(u, edit) => (
        <tr key={u.id} data-testid={`user-${u.username}`} className={u.active ? undefined : "text-slate-400"}>
          <Td>
            <span className="font-medium">{u.name}</span>
            <span className="block text-xs text-slate-500">{u.email}</span>
          </Td>
          <Td>{u.username}</Td>
          <Td>{roleName(u.role)}</Td>
          <Td>{u.teams.map((m) => m.team.name).join(", ") || "—"}</Td>
          <Td>{u.active ? t("active") : t("inactive")}</Td>
          <Td className="text-right whitespace-nowrap">{manage && <UserActions user={u} isMe={u.id === me.user.id} onEdit={edit} />}</Td>
        </tr>
      )}
      renderDialog={(user, close) =>
        data && <UserDialog user={user} roles={data.roles.map((r) => ({ id: r.id, name: roleName(r) }))} teams={data.teams} onClose={close} />
      }
    />
  );
}
