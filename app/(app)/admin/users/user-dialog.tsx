"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Checkbox, Field, Input, Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { generatePassword } from "../../../_client/password.ts";
import { useMe } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { WORKING_CHANNELS } from "../../../../domain/queues/working-channels.ts";

const CreateUser = graphql(`
  mutation CreateUser($input: UserInput!, $password: String!) {
    createUser(input: $input, password: $password) {
      id
    }
  }
`);
const UpdateUser = graphql(`
  mutation UpdateUser($id: ID!, $input: UserInput!) {
    updateUser(id: $id, input: $input) {
      id
      name
      username
      email
      locale
      role {
        id
      }
      teams {
        team {
          id
        }
      }
    }
  }
`);

export interface EditableUser {
  id: string;
  username: string;
  name: string;
  email: string;
  locale: "pl" | "en" | "ru";
  role: { id: string };
  teams: { team: { id: string } }[];
  capacity?: Capacity | null;
}

type Capacity = { voice: number; chat: number; email: number; sms: number; fax: number };
const CAPACITY_CHANNELS = ["voice", "chat", "email", "sms", "fax"] as const;

export function UserDialog({
  user,
  roles,
  teams,
  onClose,
}: {
  user: EditableUser | null;
  roles: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  onClose: () => void;
}) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const tch = useTranslations("channel");
  const errors = useErrorText();
  const me = useMe();
  const [form, setForm] = useState({
    name: user?.name ?? "",
    username: user?.username ?? "",
    email: user?.email ?? "",
    roleId: user?.role.id ?? roles.find((r) => r.name)?.id ?? "",
    locale: user?.locale ?? me.organization.locale,
    teamIds: user?.teams.map((m) => m.team.id) ?? [],
    password: "",
  });
  const [capacity, setCapacity] = useState<Capacity | null>(user?.capacity ?? null);
  const [created, run] = useMutation(CreateUser);
  const [updated, runUpdate] = useMutation(UpdateUser);
  const [error, setError] = useState<ReturnType<typeof apiError>>(null);
  const issues = fieldIssues(error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { password, ...fields } = form;
    const input = { ...fields, capacity };
    const r = user ? await runUpdate({ id: user.id, input }) : await run({ input, password });
    const err = apiError(r.error);
    setError(err);
    if (!err) onClose();
  }

  const field = (k: string) => errors.field(issues[k], k);
  return (
    <Dialog
      open
      onClose={onClose}
      title={user ? t("edit", { name: user.name }) : t("new")}
      wide
      footer={
        <>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="user-form" busy={created.fetching || updated.fetching}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <form id="user-form" onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        {error && (
          <div className="sm:col-span-2">
            <Notice tone="error">{errors.message(error)}</Notice>
          </div>
        )}
        <Field label={t("name")} htmlFor="u-name" error={field("name")}>
          <Input id="u-name" value={form.name} onChange={set("name")} invalid={!!issues.name} required />
        </Field>
        <Field label={t("username")} htmlFor="u-username" error={field("username")} hint={t("usernameHint")}>
          <Input id="u-username" value={form.username} onChange={set("username")} invalid={!!issues.username} autoComplete="off" required />
        </Field>
        <Field label={t("email")} htmlFor="u-email" error={field("email")}>
          <Input id="u-email" type="email" value={form.email} onChange={set("email")} invalid={!!issues.email} required />
        </Field>
        <Field label={t("role")} htmlFor="u-role" error={field("roleId")}>
          <Select id="u-role" value={form.roleId} onChange={set("roleId")} invalid={!!issues.roleId}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("language")} htmlFor="u-locale">
          <Select id="u-locale" value={form.locale} onChange={set("locale")}>
            <option value="pl">Polski</option>
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </Select>
        </Field>
        {!user && (
          <Field label={t("initialPassword")} htmlFor="u-password" error={field("password")} hint={t("passwordHint")}>
            <div className="flex gap-2">
              <Input id="u-password" value={form.password} onChange={set("password")} invalid={!!issues.password} autoComplete="new-password" required />
              <Button size="sm" onClick={() => setForm({ ...form, password: generatePassword() })}>
                {t("generate")}
              </Button>
            </div>
          </Field>
        )}
        <fieldset className="sm:col-span-2">
          <legend className="mb-2 text-sm font-medium text-slate-700">{t("capacity")}</legend>
          <Checkbox
            label={t("ownCapacity")}
            checked={capacity !== null}
            onChange={(e) => setCapacity(e.target.checked ? { voice: 1, chat: 3, email: 5, sms: 5, fax: 5 } : null)}
          />
          {capacity && (
            <div className="mt-2 flex flex-wrap gap-3">
              {CAPACITY_CHANNELS.filter((c) => WORKING_CHANNELS.includes(c.toUpperCase())).map((c) => (
                <label key={c} className="text-sm">
                  <span className="mb-1 block text-slate-600">{tch(c.toUpperCase())}</span>
                  <Input
                    type="number"
                    min={0}
                    max={50}
                    value={capacity[c]}
                    onChange={(e) => setCapacity({ ...capacity, [c]: Number.parseInt(e.target.value, 10) || 0 })}
                    className="w-20"
                  />
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset className="sm:col-span-2">
          <legend className="mb-2 text-sm font-medium text-slate-700">{t("teams")}</legend>
          {teams.length === 0 && <p className="text-sm text-slate-500">{t("noTeams")}</p>}
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {teams.map((team) => (
              <Checkbox
                key={team.id}
                label={team.name}
                checked={form.teamIds.includes(team.id)}
                onChange={(e) => setForm({ ...form, teamIds: e.target.checked ? [...form.teamIds, team.id] : form.teamIds.filter((id) => id !== team.id) })}
              />
            ))}
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
