"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Checkbox, Field, Input } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card } from "../../../_components/page.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";

const CreateRole = graphql(`
  mutation CreateRole($input: RoleInput!) {
    createRole(input: $input) {
      id
    }
  }
`);
const UpdateRole = graphql(`
  mutation UpdateRole($id: ID!, $input: RoleInput!) {
    updateRole(id: $id, input: $input) {
      id
      name
      description
      permissions
    }
  }
`);
const DeleteRole = graphql(`
  mutation DeleteRole($id: ID!) {
    deleteRole(id: $id)
  }
`);

/** Permissions in the order and groups an admin thinks about them. */
const GROUPS: Record<string, string[]> = {
  work: ["agents.work", "contacts.read", "contacts.manage"],
  supervision: ["agents.monitor_team", "agents.monitor_all", "agents.control", "recordings.listen", "reports.read", "cases.read_all", "cases.manage"],
  organisation: ["teams.manage", "queues.manage", "pause_codes.manage", "cases.configure", "canned_replies.manage", "entry_points.manage"],
  access: ["users.read", "users.manage", "roles.manage", "audit.read"],
};

interface Role {
  id: string;
  key: string | null;
  name: string;
  description: string;
  permissions: string[];
  userCount: number;
}

export function RoleEditor({
  role,
  catalog,
  onSaved,
  onDeleted,
}: {
  role: Role | null;
  catalog: string[];
  onSaved: (id: string) => void;
  onDeleted: () => void;
}) {
  const t = useTranslations("admin.roles");
  const tp = useTranslations("permissions");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState(role ? (role.key ? t(`builtIn.${role.key}`) : role.name) : "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [create, runCreate] = useMutation(CreateRole);
  const [update, runUpdate] = useMutation(UpdateRole);
  const [, runDelete] = useMutation(DeleteRole);
  const grouped = new Set(Object.values(GROUPS).flat());
  const groups = { ...GROUPS, other: catalog.filter((p) => !grouped.has(p)) };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    // Built-in roles keep their stored name: what is shown is its translation.
    const input = { name: role?.key ? role.name : name, description, permissions };
    const r = role ? await runUpdate({ id: role.id, input }) : await runCreate({ input });
    const err = apiError(r.error);
    setError(err);
    if (!err) {
      setSaved(true);
      const id = role?.id ?? (r.data && "createRole" in r.data ? r.data.createRole.id : null);
      if (id) onSaved(id);
    }
  }

  return (
    <Card title={role ? t("editTitle", { name }) : t("new")}>
      <form onSubmit={submit} className="space-y-5" noValidate>
        {error && <Notice tone="error">{errors.message(error)}</Notice>}
        {saved && <Notice tone="success">{t("saved")}</Notice>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="role-name" error={errors.field(fieldIssues(error).name, "name")} hint={role?.key ? t("builtInHint") : undefined}>
            <Input id="role-name" value={name} onChange={(e) => setName(e.target.value)} disabled={!!role?.key} />
          </Field>
          <Field label={t("roleDescription")} htmlFor="role-desc">
            <Input id="role-desc" value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </div>
        {Object.entries(groups).map(([group, perms]) =>
          perms.length ? (
            <fieldset key={group}>
              <legend className="mb-2 text-sm font-semibold text-slate-800">{t(`group.${group}`)}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {perms.map((p) => (
                  <div key={p}>
                    <Checkbox
                      label={tp(`${p}.label`)}
                      checked={permissions.includes(p)}
                      onChange={(e) => setPermissions(e.target.checked ? [...permissions, p] : permissions.filter((x) => x !== p))}
                      data-permission={p}
                    />
                    <p className="ml-6 text-xs text-slate-500">{tp(`${p}.help`)}</p>
                  </div>
                ))}
              </div>
            </fieldset>
          ) : null,
        )}
        <div className="flex justify-between gap-2 border-t border-slate-100 pt-4">
          {role && !role.key ? (
            <Button
              variant="danger"
              onClick={async () => {
                const r = await runDelete({ id: role.id });
                const err = apiError(r.error);
                setError(err);
                if (!err) onDeleted();
              }}
            >
              {t("delete")}
            </Button>
          ) : (
            <span />
          )}
          <Button variant="primary" type="submit" busy={create.fetching || update.fetching}>
            {tc("save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
