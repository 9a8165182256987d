"use client";
// Writing in an SMS case: a reply to the customer's number or a private note. As the agent types
// it shows the characters used, the parts the message takes and what is left in the last one;
// Polish letters or Cyrillic make the message UCS-2 (70 characters a part instead of 160): the
// composer names the letters that do it and can write without Polish ones. Replies go through
// the outbox; their delivery appears on the message.
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { useMutation } from "urql";
import { MAX_REPLY_PARTS } from "../../../../../domain/sms/sms-rules.ts";
import { UNITS, countSms, withoutPolishDiacritics } from "../../../../../domain/sms/sms-text.ts";
import { Button } from "../../../../_components/button.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import type { CaseData, Interaction } from "./case-query.ts";
import { TemplatePicker } from "./composer-parts.tsx";

const ReplyBySms = graphql(`
  mutation ReplyBySms($caseId: ID!, $body: String!) {
    replyBySms(caseId: $caseId, body: $body) {
      id
    }
  }
`);
const AddSmsNote = graphql(`
  mutation AddSmsNote($input: ReplyInput!) {
    replyToCase(input: $input) {
      id
    }
  }
`);
const Finish = graphql(`
  mutation FinishSms($interactionId: ID!) {
    endChat(interactionId: $interactionId) {
      id
      state
    }
  }
`);

export function SmsComposer({ kase, mine }: { kase: CaseData; mine: Interaction | null }) {
  const t = useTranslations("case.sms");
  const tc = useTranslations("case.composer");
  const errors = useErrorText();
  const [mode, setMode] = useState<"REPLY" | "NOTE">("REPLY");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [replying, reply] = useMutation(ReplyBySms);
  const [noting, note] = useMutation(AddSmsNote);
  const [finishing, finish] = useMutation(Finish);
  const count = useMemo(() => countSms(body), [body]);
  const plain = useMemo(() => withoutPolishDiacritics(body), [body]);
  // The number the reply goes to: the customer's last text (or the number their fax came from).
  const latest = [...kase.messages].reverse();
  const number =
    latest.find((m) => m.sms?.direction === "INBOUND")?.sms?.customerNumber ?? latest.find((m) => m.fax?.direction === "INBOUND")?.fax?.customerNumber ?? "";
  const limit = count.parts <= 1 ? UNITS[count.coding].single : UNITS[count.coding].perPart * count.parts;
  const tooLong = count.parts > MAX_REPLY_PARTS;

  async function submit() {
    if (!body.trim() || (mode === "REPLY" && tooLong)) return;
    setError(null);
    const r =
      mode === "NOTE"
        ? await note({ input: { caseId: kase.id, interactionId: null, kind: "NOTE", body, attachmentIds: [] } })
        : await reply({ caseId: kase.id, body });
    const e = apiError(r.error);
    if (e) {
      setError(errors.message(e));
      return;
    }
    setBody("");
  }

  return (
    <div className={`border-t p-3 ${mode === "NOTE" ? "border-amber-200 bg-amber-50/60" : "border-slate-200"}`} data-testid="sms-composer">
      <div className="mb-2 flex items-center gap-2" role="tablist">
        {(["REPLY", "NOTE"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className="rounded-md px-3 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 aria-selected:bg-slate-800 aria-selected:text-white"
          >
            {m === "REPLY" ? t("reply") : t("note")}
          </button>
        ))}
        <span className="ml-auto flex items-center gap-2">
          <TemplatePicker
            caseId={kase.id}
            onPick={(text) => {
              const el = textarea.current;
              const at = el ? el.selectionStart : body.length;
              setBody(body.slice(0, at) + text + body.slice(at));
            }}
          />
          {mine && (
            <Button size="sm" title={t("doneHint")} busy={finishing.fetching} onClick={() => void finish({ interactionId: mine.id })}>
              {t("done")}
            </Button>
          )}
        </span>
      </div>
      {error && (
        <div className="mb-2">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      <textarea
        ref={textarea}
        aria-label={mode === "NOTE" ? tc("notePlaceholder") : t("placeholder", { number })}
        placeholder={mode === "NOTE" ? tc("notePlaceholder") : t("placeholder", { number })}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={3}
        maxLength={2000}
        className="block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500"
        data-testid="composer"
      />
      {mode === "REPLY" && (
        <div className="mt-1 space-y-1 text-xs" aria-live="polite">
          <p className={tooLong ? "font-medium text-red-700" : "text-slate-600"} data-testid="sms-count" data-parts={count.parts} data-coding={count.coding}>
            {t("count", { units: count.units, limit, parts: count.parts })}
            {body && !tooLong && <span className="text-slate-500"> · {t("left", { left: count.left })}</span>}
            {tooLong && <span> · {t("tooLong", { max: MAX_REPLY_PARTS })}</span>}
          </p>
          {count.coding === "UCS2" && (
            <p className="flex flex-wrap items-center gap-2 text-amber-800" data-testid="sms-costly">
              {t("costly", { chars: count.costly.slice(0, 8).join(" ") })}
              {plain !== body && countSms(plain).coding === "GSM7" && (
                <button type="button" className="rounded px-2 py-0.5 ring-1 ring-amber-300 hover:bg-amber-50" onClick={() => setBody(plain)}>
                  {t("plain")}
                </button>
              )}
            </p>
          )}
        </div>
      )}
      <div className="mt-2 flex justify-end">
        <Button
          variant={mode === "NOTE" ? "secondary" : "primary"}
          disabled={mode === "REPLY" && tooLong}
          busy={replying.fetching || noting.fetching}
          onClick={() => void submit()}
        >
          {mode === "NOTE" ? tc("addNote") : t("send")}
        </Button>
      </div>
    </div>
  );
}
