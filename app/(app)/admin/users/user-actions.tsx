"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Field, Input } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { generatePassword } from "../../../_client/password.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import type { EditableUser } from "./user-dialog.tsx";

const SetActive = graphql(`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
    }
  }
`);
const ResetPassword = graphql(`
  mutation ResetUserPassword($id: ID!, $newPassword: String!) {
    resetUserPassword(id: $id, newPassword: $newPassword)
  }
`);

export function UserActions({ user, isMe, onEdit }: { user: EditableUser & { active: boolean }; isMe: boolean; onEdit: () => void }) {
  const t = useTranslations("admin.users");
  const [dialog, setDialog] = useState<"reset" | "active" | null>(null);
  return (
    <div className="flex justify-end gap-1">
      <Button size="sm" variant="ghost" onClick={onEdit}>
        {t("editShort")}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setDialog("reset")} disabled={!user.active}>
        {t("resetPassword")}
      </Button>
      {!isMe && (
        <Button size="sm" variant="ghost" onClick={() => setDialog("active")}>
          {user.active ? t("deactivate") : t("reactivate")}
        </Button>
      )}
      {dialog === "reset" && <ResetDialog user={user} onClose={() => setDialog(null)} />}
      {dialog === "active" && <ActiveDialog user={user} onClose={() => setDialog(null)} />}
    </div>
  );
}

function ActiveDialog({ user, onClose }: { user: EditableUser & { active: boolean }; onClose: () => void }) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [state, run] = useMutation(SetActive);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      open
      onClose={onClose}
      title={user.active ? t("deactivateTitle", { name: user.name }) : t("reactivateTitle", { name: user.name })}
      footer={
        <>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button
            variant={user.active ? "danger" : "primary"}
            busy={state.fetching}
            onClick={async () => {
              const r = await run({ id: user.id, active: !user.active });
              const e = apiError(r.error);
              if (e) setError(errors.message(e));
              else onClose();
            }}
          >
            {user.active ? t("deactivate") : t("reactivate")}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-left text-sm whitespace-normal text-slate-700">
        <p>{user.active ? t("deactivateExplain") : t("reactivateExplain")}</p>
        {error && <Notice tone="error">{error}</Notice>}
      </div>
    </Dialog>
  );
}

function ResetDialog({ user, onClose }: { user: EditableUser; onClose: () => void }) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [password, setPassword] = useState(generatePassword);
  const [state, run] = useMutation(ResetPassword);
  const [error, setError] = useState<ReturnType<typeof apiError>>(null);
  const [done, setDone] = useState(false);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("resetTitle", { name: user.name })}
      footer={
        done ? (
          <Button variant="primary" onClick={onClose}>
            {tc("close")}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{tc("cancel")}</Button>
            <Button
              variant="primary"
              busy={state.fetching}
              onClick={async () => {
                const r = await run({ id: user.id, newPassword: password });
                const e = apiError(r.error);
                setError(e);
                setDone(!e);
              }}
            >
              {t("resetPassword")}
            </Button>
          </>
        )
      }
    >
      <div className="space-y-3 text-left whitespace-normal">
        {done ? (
          <Notice tone="success">
            {t("resetDone")}{" "}
            <code className="rounded bg-white px-1.5 py-0.5 font-mono" data-testid="new-password">
              {password}
            </code>
          </Notice>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("resetExplain")}</p>
            {error && <Notice tone="error">{errors.message(error)}</Notice>}
            <Field label={t("newPassword")} htmlFor="reset-pw" error={errors.field(fieldIssues(error).password, "password")}>
              <Input id="reset-pw" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
            </Field>
          </>
        )}
      </div>
    </Dialog>
  );
}
