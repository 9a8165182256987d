"use client";
// A visitor API error in the visitor's language: by its reason where we have words for it.
import { useTranslations } from "next-intl";
import { type FieldIssue, VisitorApiError } from "./visitor-api.ts";

const REASONS = [
  "TOO_FAST",
  "FILE_TOO_LARGE",
  "FILE_TYPE",
  "ATTACHMENTS_OFF",
  "CONVERSATION_ENDED",
  "MAIL_FAILED",
  "MAIL_NOT_CONFIGURED",
  "ALREADY_RATED",
  "NOT_RATEABLE",
  "OFFLINE",
  "ORIGIN",
  "TOO_MANY_STREAMS",
  "BUSY",
  "TOO_MANY_CALLBACKS",
  "CALLBACK_PENDING",
  "CALLBACKS_OFF",
] as const;

export function useWidgetErrors(maxFileMegabytes: number) {
  const t = useTranslations("visitorWidget");
  const error = (err: unknown): string => {
    if (!(err instanceof VisitorApiError)) return t("errors.generic");
    const reason = REASONS.find((r) => r === err.reason);
    if (reason) return t(`errors.${reason}`, { mb: maxFileMegabytes });
    if (err.code === "NOT_FOUND") return t("errors.NOT_FOUND");
    if (err.fields.length) return err.fields.map(field).join(" ");
    return t("errors.generic");
  };
  const field = (f: FieldIssue): string => {
    if (f.code === "required") return t("fields.required");
    // A call-back's time and number (domain/phone/web-callback.ts).
    if (f.path.endsWith(".at")) return t(f.code === "past" ? "fields.past" : f.code === "too_far" ? "fields.tooFar" : "fields.invalidDate", { days: 14 });
    if (f.code === "blocked") return t("fields.blockedNumber");
    if (f.code === "not_callable") return t("fields.notCallable");
    if (f.code === "too_small" && f.path.endsWith("phone")) return t("fields.required");
    if (f.code === "email_or_phone") return t("fields.emailOrPhone");
    if (f.code === "unknown") return t("fields.topic");
    if (f.code === "too_big") return t("fields.tooLong");
    if (f.path.endsWith("email")) return t("fields.email");
    if (f.path.endsWith("phone")) return t("fields.phone");
    return t("fields.invalid");
  };
  /** Field errors by field name (input.email -> email). */
  const fields = (err: unknown): Record<string, string> =>
    err instanceof VisitorApiError ? Object.fromEntries(err.fields.map((f) => [f.path.split(".").pop() ?? f.path, field(f)])) : {};
  return { error, fields };
}
