"use client";
// Writing in an e-mail case: a reply to the customer's last mail (with Cc/Bcc), a forward, or a
// private note — light formatting, canned replies filled in for the case, attachments, and the
// signature shown as it will go out. Replies go through the outbox; their delivery state appears
// on the message.
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import type { CaseData, Interaction } from "./case-query.ts";
import { AttachButton, TemplatePicker, useUploads } from "./composer-parts.tsx";
import { MacroMenu, type MacroOutcome } from "./macro-menu.tsx";
import { FormatBar } from "./format-bar.tsx";

const ReplyByEmail = graphql(`
  mutation ReplyByEmail($input: EmailReplyInput!) {
    replyByEmail(input: $input) {
      id
    }
  }
`);
const AddNote = graphql(`
  mutation AddNote($input: ReplyInput!) {
    replyToCase(input: $input) {
      id
    }
  }
`);
const Signature = graphql(`
  query EmailSignature($caseId: ID!) {
    emailSignature(caseId: $caseId)
  }
`);
const Finish = graphql(`
  mutation FinishEmail($interactionId: ID!) {
    endChat(interactionId: $interactionId) {
      id
      state
    }
  }
`);

type Mode = "REPLY" | "FORWARD" | "NOTE";
const list = (s: string) =>
  s
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);

export function EmailComposer({ kase, mine }: { kase: CaseData; mine: Interaction | null }) {
  const t = useTranslations("case.email");
  const tc = useTranslations("case.composer");
  const errors = useErrorText();
  const [mode, setMode] = useState<Mode>("REPLY");
  const [body, setBody] = useState("");
  const [to, setTo] = useState("");
  const [cc, setCc] = useState("");
  const [bcc, setBcc] = useState("");
  const [showCc, setShowCc] = useState(false);
  const [withSignature, setWithSignature] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [macro, setMacro] = useState<MacroOutcome>(null);
  const { uploads, upload, remove, clear } = useUploads(kase.id, setError);
  const [{ data: signature }] = useQuery({ query: Signature, variables: { caseId: kase.id } });
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [replying, reply] = useMutation(ReplyByEmail);
  const [noting, note] = useMutation(AddNote);
  const [finishing, finish] = useMutation(Finish);

  async function submit() {
    if (!body.trim()) return;
    const attachmentIds = uploads.map((u) => u.id);
    setError(null);
    setFieldErrors({});
    const r =
      mode === "NOTE"
        ? await note({ input: { caseId: kase.id, interactionId: null, kind: "NOTE", body, attachmentIds } })
        : await reply({
            input: {
              caseId: kase.id,
              body,
              to: mode === "FORWARD" ? list(to) : [],
              cc: list(cc),
              bcc: list(bcc),
              forward: mode === "FORWARD",
              signature: withSignature,
              attachmentIds,
            },
          });
    const e = apiError(r.error);
    if (e) {
      const fields: Record<string, string> = {};
      for (const f of e.fields) {
        const key = f.path.split(".")[1] ?? f.path;
        fields[key] ??= errors.field(f, key) ?? f.message;
      }
      setFieldErrors(fields);
      if (!Object.keys(fields).length) setError(errors.message(e));
      return;
    }
    setBody("");
    clear();
    setTo("");
    setCc("");
    setBcc("");
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, errorKey: string) => (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="w-24 shrink-0 text-slate-600">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => set(e.target.value)}
        placeholder={t("addressesHint")}
        aria-invalid={!!fieldErrors[errorKey] || undefined}
        aria-describedby={fieldErrors[errorKey] ? `${id}-error` : undefined}
        className="block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset aria-[invalid=true]:ring-red-500"
      />
      {fieldErrors[errorKey] && (
        <span id={`${id}-error`} className="text-xs text-red-600" role="alert">
          {fieldErrors[errorKey]}
        </span>
      )}
    </div>
  );

  return (
    <div className={`border-t p-3 ${mode === "NOTE" ? "border-amber-200 bg-amber-50/60" : "border-slate-200"}`}>
      <div className="mb-2 flex items-center gap-2" role="tablist">
        {(["REPLY", "FORWARD", "NOTE"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className="rounded-md px-3 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 aria-selected:bg-slate-800 aria-selected:text-white"
          >
            {m === "REPLY" ? t("reply") : m === "FORWARD" ? t("forward") : t("note")}
          </button>
        ))}
        {mode !== "NOTE" && (
          <button type="button" className="text-xs text-brand-700 underline" onClick={() => setShowCc((s) => !s)}>
            {t("ccBcc")}
          </button>
        )}
        {mine && (
          <Button size="sm" className="ml-auto" title={t("doneHint")} busy={finishing.fetching} onClick={() => void finish({ interactionId: mine.id })}>
            {t("done")}
          </Button>
        )}
      </div>
      {error && (
        <div className="mb-2">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      {macro && (
        <div className="mb-2" data-testid="macro-outcome">
          <Notice tone={macro.tone}>{macro.text}</Notice>
        </div>
      )}
      <div className="mb-2 space-y-1">
        {mode === "FORWARD" && field("email-to", t("forwardTo"), to, setTo, "to")}
        {mode !== "NOTE" && showCc && field("email-cc", t("cc"), cc, setCc, "cc")}
        {mode !== "NOTE" && showCc && field("email-bcc", t("bcc"), bcc, setBcc, "bcc")}
      </div>
      <div className="mb-1 flex flex-wrap items-center gap-2">
        {mode !== "NOTE" && <FormatBar target={textarea} value={body} onChange={setBody} />}
        <span className="ml-auto flex items-center gap-2">
          <MacroMenu
            caseId={kase.id}
            onOutcome={setMacro}
            onReply={(text) => {
              // The reply is for the customer: from a note the composer turns to a reply.
              if (mode === "NOTE") setMode("REPLY");
              setBody((b) => (b ? `${b}\n${text}` : text));
            }}
          />
          <TemplatePicker
            caseId={kase.id}
            onPick={(text) => {
              const el = textarea.current;
              const at = el ? el.selectionStart : body.length;
              setBody(body.slice(0, at) + text + body.slice(at));
            }}
          />
        </span>
      </div>
      <textarea
        ref={textarea}
        aria-label={mode === "NOTE" ? tc("notePlaceholder") : mode === "FORWARD" ? t("forwardPlaceholder") : t("replyPlaceholder")}
        placeholder={mode === "NOTE" ? tc("notePlaceholder") : mode === "FORWARD" ? t("forwardPlaceholder") : t("replyPlaceholder")}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={5}
        maxLength={100000}
        className="block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500"
        data-testid="composer"
      />
      {mode !== "NOTE" && signature?.emailSignature && (
        <div className="mt-1 flex items-start gap-2 text-xs text-slate-500">
          <label className="flex shrink-0 items-center gap-1">
            <input type="checkbox" checked={withSignature} onChange={(e) => setWithSignature(e.target.checked)} />
            {t("signature")}
          </label>
          <pre className={`font-sans whitespace-pre-wrap ${withSignature ? "" : "line-through opacity-60"}`} data-testid="signature-preview">
            {`-- \n${signature.emailSignature}`}
          </pre>
        </div>
      )}
      <div className="mt-2 flex flex-wrap items-center justify-end gap-2">
        <span className="mr-auto flex flex-wrap items-center gap-2">
          <AttachButton uploads={uploads} upload={upload} remove={remove} />
        </span>
        <Button variant={mode === "NOTE" ? "secondary" : "primary"} busy={replying.fetching || noting.fetching} onClick={() => void submit()}>
          {mode === "NOTE" ? tc("addNote") : t("send")}
        </Button>
      </div>
    </div>
  );
}
