"use client";
// Why the agent is calling someone back: where the request came from (an IVR flow, the chat
// widget, the organisation's site), what about, for when, and which try this is — the offer
// pop-up and the case page show the same lines (from the interaction's CallbackData).
import { useTranslations } from "next-intl";
import { useDates } from "../_client/use-dates.ts";

type Data = {
  callback?: boolean;
  requestedVia?: string;
  topic?: string;
  requestedFor?: string | null;
  attempt?: number;
  attempts?: number;
};

const VIA = new Set(["IVR", "WEB", "FORM"]);

export function CallbackFacts({ data, className = "" }: { data: unknown; className?: string }) {
  const t = useTranslations("callbackFacts");
  const dates = useDates();
  const d = (data ?? {}) as Data;
  if (!d.callback) return null;
  const via = VIA.has(d.requestedVia ?? "") ? (d.requestedVia as "IVR" | "WEB" | "FORM") : "IVR";
  const at = d.requestedFor ? new Date(d.requestedFor) : null;
  const attempt = Number.isInteger(d.attempt) && d.attempt! > 0 ? d.attempt! : 1;
  return (
    <dl className={`grid grid-cols-[auto_1fr] gap-x-2 text-sm ${className}`} data-testid="callback-facts">
      <dt className="text-slate-500">{t("via")}</dt>
      <dd>{t(`channel.${via}`)}</dd>
      {d.topic && (
        <>
          <dt className="text-slate-500">{t("topic")}</dt>
          <dd className="break-words">{d.topic}</dd>
        </>
      )}
      <dt className="text-slate-500">{t("when")}</dt>
      <dd>{at ? dates.format(at, "dateTimeMedium") : t("asap")}</dd>
      <dt className="text-slate-500">{t("try")}</dt>
      <dd data-testid="callback-attempt">{d.attempts ? t("attemptOf", { attempt, attempts: d.attempts }) : String(attempt)}</dd>
    </dl>
  );
}
