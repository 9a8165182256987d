"use client";
import { useTranslations } from "next-intl";
import type { ApiError, FieldIssue } from "./errors.ts";

/** Turns coded API errors into sentences in the user's language. */
export function useErrorText() {
  const t = useTranslations("errors");
  return {
    message(e: ApiError | null): string | null {
      if (!e) return null;
      if (e.reason && t.has(`reason.${e.reason}`)) return t(`reason.${e.reason}`);
      if (e.code === "ACCOUNT_LOCKED") return t("code.ACCOUNT_LOCKED", { minutes: Math.ceil((e.retryAfterSeconds ?? 60) / 60) });
      if (e.code === "INVALID_INPUT" && e.fields.length) return t("code.INVALID_INPUT_FIELDS");
      return t.has(`code.${e.code}`) ? t(`code.${e.code}`) : t("code.INTERNAL");
    },
    field(issue: FieldIssue | undefined, field: string): string | null {
      if (!issue) return null;
      const params = { minimum: 0, maximum: 0, ...issue.params };
      if (t.has(`field.${field}.${issue.code}`)) return t(`field.${field}.${issue.code}`, params);
      if (t.has(`issue.${issue.code}`)) return t(`issue.${issue.code}`, params);
      return issue.message;
    },
  };
}
