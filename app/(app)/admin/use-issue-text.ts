"use client";
import { useTranslations } from "next-intl";
import type { FieldIssue } from "../../_client/errors.ts";
import { useErrorText } from "../../_client/use-error-text.ts";

/** A screen's own wording for a field's issue (`<namespace>.<field>.<code>`), else the common one. */
export function useIssueText(namespace: string, issues: Record<string, FieldIssue>) {
  const t = useTranslations(namespace);
  const errors = useErrorText();
  return (field: string, issue: FieldIssue | undefined = issues[field]) => {
    if (!issue) return null;
    const key = `${field}.${issue.code}`;
    if (t.has(key)) return t(key, { numbers: "", prefixes: "", count: 0, minimum: 0, maximum: 0, ...(issue.params as Record<string, string | number>) });
    return errors.field(issue, field);
  };
}
