"use client";
// After a customer's call: how long until the next offer (or that a disposition is needed first),
// the disposition and a note, and "Done" to take calls again at once.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../_components/button.tsx";
import { Field, Select, Textarea } from "../../_components/field.tsx";
import { apiError } from "../../_client/errors.ts";
import { graphql } from "../../_client/graphql.ts";
import { formatDuration, useNow } from "../../_client/use-now.ts";
import { useErrorText } from "../../_client/use-error-text.ts";

const WrapUpQuery = graphql(`
  query MyWrapUp {
    myWrapUp {
      since
      until
      interaction {
        id
        caseId
        dispositionNote
        dispositionCode {
          id
        }
      }
    }
    dispositionCodes {
      id
      name
    }
  }
`);
const SetDisposition = graphql(`
  mutation SetDisposition($interactionId: ID!, $dispositionCodeId: ID, $note: String, $done: Boolean) {
    setDisposition(interactionId: $interactionId, dispositionCodeId: $dispositionCodeId, note: $note, done: $done) {
      id
      dispositionNote
      dispositionCode {
        id
      }
    }
  }
`);

/** Shown while the agent is in WRAP_UP (`since` re-reads it when a new wrap-up begins). */
export function WrapUpPanel({ since }: { since: string }) {
  const t = useTranslations("softphone.wrapUp");
  const ts = useTranslations("softphone");
  const errors = useErrorText();
  const [{ data }, refetch] = useQuery({ query: WrapUpQuery, requestPolicy: "network-only" });
  useEffect(() => refetch({ requestPolicy: "network-only" }), [since, refetch]);
  const [saving, save] = useMutation(SetDisposition);
  const [code, setCode] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);
  const wrap = data?.myWrapUp;
  useEffect(() => {
    setCode(wrap?.interaction.dispositionCode?.id ?? "");
    setNote(wrap?.interaction.dispositionNote ?? "");
  }, [wrap?.interaction.id, wrap?.interaction.dispositionCode?.id, wrap?.interaction.dispositionNote]);
  if (!wrap) return null;
  const needsCode = wrap.until === null;

  async function submit(done: boolean) {
    const e = apiError((await save({ interactionId: wrap!.interaction.id, dispositionCodeId: code || null, note, done })).error);
    setError(e ? errors.message(e) : null);
  }

  return (
    <section className="rounded-xl bg-white p-4 shadow-lg ring-1 ring-teal-300" aria-label={t("title")} data-testid="wrap-up">
      <p className="flex items-baseline justify-between text-xs font-medium tracking-wide text-teal-800 uppercase">
        {t("title")}
        {wrap.until && (
          <span className="tabular-nums normal-case" data-testid="wrap-up-left">
            {t("left", { time: formatDuration(new Date(wrap.until).getTime() - now) })}
          </span>
        )}
      </p>
      {needsCode && <p className="mt-1 text-xs text-slate-600">{t("untilDisposition")}</p>}
      {error && (
        <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-700" role="alert">
          {error}
        </p>
      )}
      <div className="mt-2 space-y-2">
        <Field label={t("disposition")} htmlFor="wrap-code">
          <Select id="wrap-code" value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t("choose")}</option>
            {data?.dispositionCodes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("note")} htmlFor="wrap-note">
          <Textarea id="wrap-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
        </Field>
      </div>
      <div className="mt-3 flex items-center gap-2">
        <Button variant="primary" size="sm" busy={saving.fetching} disabled={needsCode && !code} onClick={() => void submit(true)}>
          {t("done")}
        </Button>
        <Link href={`/agent/cases/${wrap.interaction.caseId}`} className="text-sm text-brand-700 underline">
          {ts("openCase")}
        </Link>
      </div>
    </section>
  );
}
