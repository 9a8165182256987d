"use client";
// Pieces both composers use: canned replies filled in for this case, and attaching files.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../../../_client/graphql.ts";

const Templates = graphql(`
  query ReplyTemplates($caseId: ID!) {
    replyTemplates(caseId: $caseId) {
      id
      title
      body
    }
  }
`);

/** Canned replies with {first_name}, {case_number}… already filled in for this case. */
export function TemplatePicker({ caseId, onPick }: { caseId: string; onPick: (body: string) => void }) {
  const t = useTranslations("case.composer");
  const [{ data }] = useQuery({ query: Templates, variables: { caseId } });
  if (!data?.replyTemplates.length) return null;
  return (
    <select
      aria-label={t("canned")}
      className="rounded-md border-0 py-1 pr-7 pl-2 text-sm ring-1 ring-slate-300"
      value=""
      onChange={(e) => {
        const r = data.replyTemplates.find((c) => c.id === e.target.value);
        if (r) onPick(r.body);
      }}
    >
      <option value="">{t("canned")}</option>
      {data.replyTemplates.map((r) => (
        <option key={r.id} value={r.id}>
          {r.title}
        </option>
      ))}
    </select>
  );
}

export type Upload = { id: string; fileName: string };

/** Files uploaded into the case, waiting to go out with the next message. */
export function useUploads(caseId: string, onError: (message: string | null) => void) {
  const t = useTranslations("case.composer");
  const [uploads, setUploads] = useState<Upload[]>([]);
  async function upload(file: File) {
    onError(null);
    const form = new FormData();
    form.append("file", file);
    const res = await fetch(`/api/attachments?caseId=${caseId}`, { method: "POST", body: form });
    const json = await res.json().catch(() => ({}));
    if (!res.ok)
      return onError(json.reason === "FILE_TYPE" ? t("fileType") : json.reason === "FILE_TOO_LARGE" ? t("fileTooLarge") : (json.message ?? t("uploadFailed")));
    setUploads((u) => [...u, { id: json.id, fileName: json.fileName }]);
  }
  return { uploads, upload, remove: (id: string) => setUploads((u) => u.filter((x) => x.id !== id)), clear: () => setUploads([]) };
}

export function AttachButton({ uploads, upload, remove }: Pick<ReturnType<typeof useUploads>, "uploads" | "upload" | "remove">) {
  const t = useTranslations("case.composer");
  return (
    <>
      <label className="cursor-pointer rounded-md px-2 py-1 text-sm text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50">
        <span aria-hidden="true">+</span> {t("attach")}
        <input
          type="file"
          className="sr-only"
          accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
          onChange={(e) => {
            if (e.target.files?.[0]) void upload(e.target.files[0]);
            e.target.value = "";
          }}
        />
      </label>
      {uploads.map((u) => (
        <span key={u.id} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700" data-testid="upload">
          {u.fileName}
          <button type="button" aria-label={t("removeFile", { name: u.fileName })} className="text-slate-500 hover:text-red-600" onClick={() => remove(u.id)}>
            ×
          </button>
        </span>
      ))}
    </>
  );
}
