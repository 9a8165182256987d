"use client";
// What became of an SMS: under a reply its state (waiting, retrying with the provider's answer,
// sent, delivered, or failed with the reason and "send again"); under a customer's long text, the
// parts that never came.
import { useTranslations } from "next-intl";
import { useMutation } from "urql";
import { graphql } from "../../../../_client/graphql.ts";
import type { Message } from "./case-query.ts";

const RetrySms = graphql(`
  mutation RetrySms($messageId: ID!) {
    retrySms(messageId: $messageId)
  }
`);

type Sms = NonNullable<Message["sms"]>;

export function SmsDelivery({ messageId, sms }: { messageId: string; sms: Sms }) {
  const t = useTranslations("case.sms");
  const [retrying, retry] = useMutation(RetrySms);
  if (sms.direction === "INBOUND") {
    if (!sms.missingParts.length) return null;
    return (
      <p className="mt-1 text-xs text-amber-800" data-testid="sms-missing">
        {t("missing", { count: sms.missingParts.length, parts: sms.missingParts.join(", ") })}
      </p>
    );
  }
  const line = "mt-1 text-right text-xs";
  if (sms.state === "DELIVERED" || sms.state === "SENT")
    return (
      <p className={`${line} text-emerald-700`} data-testid="sms-delivery" data-state={sms.state}>
        {sms.state === "DELIVERED" ? `✓✓ ${t("delivered")}` : `✓ ${t("sent")}`}
      </p>
    );
  if (sms.state === "FAILED")
    return (
      <p className={`${line} flex items-center justify-end gap-2 text-red-700`} data-testid="sms-delivery" data-state="FAILED" role="alert">
        {t("failed", { error: sms.error })}
        <button
          type="button"
          disabled={retrying.fetching}
          className="rounded px-2 py-0.5 ring-1 ring-red-300 hover:bg-red-50"
          onClick={() => void retry({ messageId })}
        >
          {t("sendAgain")}
        </button>
      </p>
    );
  return (
    <p className={`${line} text-slate-500`} data-testid="sms-delivery" data-state="QUEUED">
      {sms.attempts > 0 && sms.error ? t("retrying", { attempts: sms.attempts, error: sms.error }) : t("queued")}
    </p>
  );
}
