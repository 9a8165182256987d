"use client";
// Nobody can chat now (closed, nobody Ready, the queue full or the wait too long): the visitor
// leaves a message, which becomes a case for an agent to answer later. Their text is kept.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useWidgetErrors } from "./error-text.ts";
import { useSubmit } from "./use-submit.ts";
import { AccentButton, textareaClass } from "./widget-ui.tsx";

export type UnavailableReason = "CLOSED" | "NO_AGENTS" | "FULL" | "UNSERVED";

export function LeaveMessage({
  reason,
  notice,
  draft,
  color,
  onSend,
}: {
  reason: UnavailableReason;
  /** The admin's own words for this situation, shown instead of ours when set. */
  notice: string;
  draft: string;
  color: string;
  onSend(body: string): Promise<void>;
}) {
  const t = useTranslations("visitorWidget");
  const { error } = useWidgetErrors(0);
  const [body, setBody] = useState(draft);
  const { busy, failure, submit } = useSubmit(() => onSend(body));

  return (
    <form onSubmit={submit} className="space-y-3 p-4" data-testid="leave-message">
      <p className="font-medium text-slate-900">{notice || t(`unavailable.${reason}`)}</p>
      <p className="text-sm text-slate-600">{t("unavailable.hint")}</p>
      <textarea aria-label={t("form.message")} value={body} onChange={(e) => setBody(e.target.value)} rows={5} maxLength={5000} className={textareaClass} />
      {failure !== null && (
        <p role="alert" className="text-sm text-red-600">
          {error(failure)}
        </p>
      )}
      <AccentButton type="submit" color={color} busy={busy} disabled={!body.trim()} className="w-full">
        {t("unavailable.send")}
      </AccentButton>
    </form>
  );
}
