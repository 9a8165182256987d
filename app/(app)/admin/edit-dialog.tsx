"use client";
// The admin's edit dialog, one for every list: a form, Save (and Delete for a row that exists), the
// refusal in words above the fields, and closing once the server took the change. Each page keeps
// only its fields and its mutations.
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useState } from "react";
import type { CombinedError } from "@urql/core";
import { Button } from "../../_components/button.tsx";
import { Dialog } from "../../_components/dialog.tsx";
import { Notice } from "../../_components/notice.tsx";
import { type ApiError, type FieldIssue, apiError, fieldIssues } from "../../_client/errors.ts";
import { useErrorText } from "../../_client/use-error-text.ts";

type Outcome = Promise<{ error?: CombinedError }>;

export interface EditOutcome {
  error: ApiError | null;
  /** Field-by-field refusals of the last attempt (field name → issue). */
  issues: Record<string, FieldIssue>;
  busy: "save" | "delete" | null;
  /** Runs a mutation; closes the dialog when it succeeded, shows why when not. */
  save(run: () => Outcome): Promise<void>;
  remove(run: () => Outcome): Promise<void>;
}

export function useEditOutcome(onClose: () => void): EditOutcome {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<EditOutcome["busy"]>(null);
  const attempt = (kind: "save" | "delete") => async (run: () => Outcome) => {
    setBusy(kind);
    try {
      const e = apiError((await run()).error);
      setError(e);
      if (!e) onClose();
    } finally {
      setBusy(null);
    }
  };
  return { error, issues: fieldIssues(error), busy, save: attempt("save"), remove: attempt("delete") };
}

export function EditDialog({
  title,
  onClose,
  outcome,
  onSave,
  onDelete,
  deleteLabel,
  saveLabel,
  saveDisabled = false,
  wide,
  formId,
  children,
}: {
  title: ReactNode;
  onClose: () => void;
  outcome: EditOutcome;
  onSave: () => Promise<void> | void;
  /** Offered for a row that exists. */
  onDelete?: () => Promise<void> | void;
  /** What the Delete button says (default: "Delete"). */
  deleteLabel?: string;
  /** What the Save button says (default: "Save"). */
  saveLabel?: string;
  saveDisabled?: boolean;
  wide?: boolean | "xl";
  /** The form's id (Enter in a field saves). */
  formId: string;
  children: ReactNode;
}) {
  const tc = useTranslations("common");
  const errors = useErrorText();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave();
  };
  return (
    <Dialog
      open
      wide={wide}
      onClose={onClose}
      title={title}
      footer={
        <>
          {onDelete && (
            <Button variant="danger" className="mr-auto" busy={outcome.busy === "delete"} onClick={() => void onDelete()}>
              {deleteLabel ?? tc("delete")}
            </Button>
          )}
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form={formId} busy={outcome.busy === "save"} disabled={saveDisabled}>
            {saveLabel ?? tc("save")}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="space-y-4" noValidate>
        {outcome.error && <Notice tone="error">{errors.message(outcome.error)}</Notice>}
        {children}
      </form>
    </Dialog>
  );
}
