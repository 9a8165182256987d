"use client";
// Click-to-dial: a customer's number on a contact or case, called from where the agent reads it
// (the call is logged on that case). Refusals by the organisation's rules are said in words.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { apiError } from "../../_client/errors.ts";
import { useCan } from "../../_client/me.tsx";
import { useErrorText } from "../../_client/use-error-text.ts";
import { DialNumber } from "./dial-pad.tsx";

export function CallNumberButton({ number, caseId, contactId }: { number: string; caseId?: string; contactId?: string }) {
  const t = useTranslations("softphone.dial");
  const can = useCan();
  const errors = useErrorText();
  const [{ fetching }, dial] = useMutation(DialNumber);
  const [error, setError] = useState<string | null>(null);
  if (!can("calls.dial_out")) return null;
  return (
    <>
      <button
        type="button"
        className="ml-2 rounded px-1.5 text-xs font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-50"
        disabled={fetching}
        aria-label={t("callNumber", { number })}
        onClick={async () => {
          const r = await dial({ input: { number, caseId: caseId ?? null, contactId: contactId ?? null } });
          setError(r.error ? errors.message(apiError(r.error)) : null);
        }}
      >
        ☎ {t("call")}
      </button>
      {error && (
        <span className="block text-xs text-red-700" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
