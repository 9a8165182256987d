"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../_components/button.tsx";
import { Field, Input } from "../../_components/field.tsx";
import { Notice } from "../../_components/notice.tsx";
import { Card, PageHeader } from "../../_components/page.tsx";
import { type ApiError, apiError, fieldIssues } from "../../_client/errors.ts";
import { graphql } from "../../_client/graphql.ts";
import { useMe } from "../../_client/me.tsx";
import { useErrorText } from "../../_client/use-error-text.ts";
import { NotificationsCard } from "./notifications-card.tsx";
import { SignatureCard } from "./signature-card.tsx";

const ChangePassword = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export default function AccountPage() {
  const t = useTranslations("account");
  const me = useMe();
  const errors = useErrorText();
  const [state, run] = useMutation(ChangePassword);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const issues = fieldIssues(error);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setDone(false);
    setMismatch(data.get("newPassword") !== data.get("repeat"));
    if (data.get("newPassword") !== data.get("repeat")) return;
    const err = apiError((await run({ currentPassword: String(data.get("currentPassword")), newPassword: String(data.get("newPassword")) })).error);
    setError(err);
    if (!err) {
      setDone(true);
      form.reset();
    }
  }

  return (
    <>
      <PageHeader title={t("title")} description={t("description", { name: me.user.name, username: me.user.username })} />
      <Card title={t("changePassword")} className="max-w-lg">
        <form onSubmit={submit} className="space-y-4" noValidate>
          {done && <Notice tone="success">{t("passwordChanged")}</Notice>}
          {error && !error.fields.length && <Notice tone="error">{errors.message(error)}</Notice>}
          <Field label={t("currentPassword")} htmlFor="cur" error={errors.field(issues.currentPassword, "currentPassword")}>
            <Input id="cur" name="currentPassword" type="password" autoComplete="current-password" invalid={!!issues.currentPassword} />
          </Field>
          <Field label={t("newPassword")} htmlFor="new" error={errors.field(issues.newPassword, "password")} hint={t("passwordHint")}>
            <Input id="new" name="newPassword" type="password" autoComplete="new-password" invalid={!!issues.newPassword} />
          </Field>
          <Field label={t("repeatPassword")} htmlFor="rep" error={mismatch ? t("mismatch") : null}>
            <Input id="rep" name="repeat" type="password" autoComplete="new-password" invalid={mismatch} />
          </Field>
          <Button type="submit" variant="primary" busy={state.fetching}>
            {t("save")}
          </Button>
        </form>
      </Card>
      {me.permissions.includes("agents.work") && <NotificationsCard />}
      {(me.permissions.includes("agents.work") || me.permissions.includes("cases.manage")) && <SignatureCard />}
    </>
  );
}
