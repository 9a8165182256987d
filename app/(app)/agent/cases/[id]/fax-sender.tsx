"use client";
// Faxing from a case: the number (the one the customer's fax came from, when there is one), the
// case's PDFs to send (or a PDF added here), and a cover page with a note. The fax goes through the
// outbox from the organisation's fax number; how it goes shows on its message in the conversation.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import type { CaseData } from "./case-query.ts";
import { useUploads } from "./composer-parts.tsx";

const SendFax = graphql(`
  mutation SendFax($caseId: ID!, $to: String!, $attachmentIds: [ID!]!, $cover: Boolean!, $note: String) {
    sendFax(caseId: $caseId, to: $to, attachmentIds: $attachmentIds, cover: $cover, note: $note) {
      id
    }
  }
`);

export function FaxSender({ kase }: { kase: CaseData }) {
  const t = useTranslations("case.fax.send");
  const errors = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const uploads = useUploads(kase.id, setError);
  const received = [...kase.messages].reverse().find((m) => m.fax?.direction === "INBOUND")?.fax?.customerNumber;
  const [to, setTo] = useState(received?.startsWith("+") ? received : "");
  const pdfs = [
    ...kase.messages.flatMap((m) => m.attachments.filter((a) => a.contentType === "application/pdf").map((a) => ({ id: a.id, fileName: a.fileName }))),
    ...uploads.uploads,
  ];
  const [chosen, setChosen] = useState<string[]>([]);
  const [cover, setCover] = useState(true);
  const [note, setNote] = useState("");
  const [sending, send] = useMutation(SendFax);
  // A PDF added here is meant to go: chosen as it arrives.
  const offered = useRef(new Set<string>());
  useEffect(() => {
    const fresh = uploads.uploads.map((u) => u.id).filter((id) => !offered.current.has(id));
    if (!fresh.length) return;
    for (const id of fresh) offered.current.add(id);
    setChosen((c) => [...c, ...fresh]);
  }, [uploads.uploads]);

  async function submit() {
    setError(null);
    setDone(false);
    if (!chosen.length && !cover) return setError(t("chooseSomething"));
    const r = await send({ caseId: kase.id, to, attachmentIds: chosen, cover, note });
    const e = apiError(r.error);
    if (e) return setError(errors.message(e));
    setChosen([]);
    setNote("");
    uploads.clear();
    setDone(true);
  }

  return (
    <details className="mt-4 rounded-xl bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-slate-200" data-testid="fax-sender">
      <summary className="cursor-pointer font-medium text-slate-700">{t("title")}</summary>
      <form
        className="mt-2 grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {error && (
          <div className="sm:col-span-2">
            <Notice tone="error">{error}</Notice>
          </div>
        )}
        {done && (
          <div className="sm:col-span-2">
            <Notice tone="success">{t("queued")}</Notice>
          </div>
        )}
        <label className="grid content-start gap-1">
          <span className="text-slate-700">{t("to")}</span>
          <input
            type="tel"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
            placeholder="+48 22 123 45 67"
            className="max-w-64 rounded-md border-0 px-2 py-1 ring-1 ring-slate-300"
          />
        </label>
        <fieldset className="grid content-start gap-1">
          <legend className="text-slate-700">{t("documents")}</legend>
          {pdfs.length === 0 && <p className="text-xs text-slate-500">{t("noDocuments")}</p>}
          {pdfs.map((d) => (
            <label key={d.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={chosen.includes(d.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, d.id] : c.filter((x) => x !== d.id)))}
              />
              {d.fileName}
            </label>
          ))}
          <label className="mt-1 w-fit cursor-pointer rounded-md px-2 py-1 text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50">
            <span aria-hidden="true">+</span> {t("addPdf")}
            <input
              type="file"
              className="sr-only"
              accept="application/pdf"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void uploads.upload(file);
              }}
            />
          </label>
        </fieldset>
        <div className="grid content-start gap-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={cover} onChange={(e) => setCover(e.target.checked)} />
            {t("cover")}
          </label>
          {cover && (
            <label className="grid gap-1">
              <span className="text-slate-700">{t("note")}</span>
              <textarea
                value={note}
                onChange={(e) => setNote(e.target.value)}
                rows={3}
                maxLength={1500}
                className="rounded-md border-0 px-2 py-1 ring-1 ring-slate-300"
              />
            </label>
          )}
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" variant="primary" busy={sending.fetching}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </details>
  );
}
