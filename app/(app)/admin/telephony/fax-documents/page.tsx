"use client";
// Fax documents: PDFs IVR flows fax to callers who ask (fax-on-demand). Each is made into fax pages
// on upload, so only a document that can be sent is kept; it can be read back, and deleted once no
// flow faxes it. Below them, the letterhead on the organisation's fax cover pages.
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import type { CombinedError } from "@urql/core";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Dialog } from "../../../../_components/dialog.tsx";
import { Field, Input } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Td } from "../../../../_components/table.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../../_client/graphql.ts";
import { useCan } from "../../../../_client/me.tsx";
import { useDates } from "../../../../_client/use-dates.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { AdminList } from "../../admin-list.tsx";
import { type UploadError, uploadFile } from "../sounds/sound-files.ts";
import { CoverLetterhead } from "./cover-letterhead.tsx";

const REFRESH_ON = { additionalTypenames: ["FaxDocument"] };
const MAX_MB = 10;

const DocumentsQuery = graphql(`
  query FaxDocuments {
    faxDocuments {
      id
      name
      pages
      originalName
      originalBytes
      createdAt
      url
    }
  }
`);
const Delete = graphql(`
  mutation DeleteFaxDocument($id: ID!) {
    deleteFaxDocument(id: $id)
  }
`);
type Document = ResultOf<typeof DocumentsQuery>["faxDocuments"][number];

export default function FaxDocumentsPage() {
  const t = useTranslations("admin.telephony.faxDocuments");
  const format = useFormatter();
  const dates = useDates();
  const allowed = useCan()("telephony.manage");
  const [{ data }, refetch] = useQuery({ query: DocumentsQuery, context: REFRESH_ON, pause: !allowed });
  return (
    <>
      <AdminList
        namespace="telephony.faxDocuments"
        allowed={allowed}
        items={data?.faxDocuments}
        head={[t("name"), t("pages"), t("original"), t("uploaded"), ""]}
        renderRow={(d, edit) => (
          <tr key={d.id} data-testid={`fax-document-${d.name}`}>
            <Td className="font-medium">
              <a href={d.url} className="text-brand-700 underline">
                {d.name}
              </a>
            </Td>
            <Td className="tabular-nums">{format.number(d.pages)}</Td>
            <Td className="text-xs text-slate-600">
              <span className="block max-w-48 truncate" title={d.originalName}>
                {d.originalName}
              </span>
              {t("sizeKb", { size: format.number(Math.max(1, Math.round(d.originalBytes / 1024))) })}
            </Td>
            <Td className="text-xs text-slate-600">{dates.format(String(d.createdAt), "dateTimeMedium")}</Td>
            <Td className="text-right">
              <Button size="sm" variant="ghost" onClick={edit}>
                {t("delete")}
              </Button>
            </Td>
          </tr>
        )}
        renderDialog={(d, close) =>
          d ? (
            <DeleteDialog document={d} onClose={close} />
          ) : (
            <UploadDialog
              onClose={close}
              onUploaded={() => {
                refetch({ requestPolicy: "network-only" });
                close();
              }}
            />
          )
        }
      />
      {allowed && <CoverLetterhead />}
    </>
  );
}

function UploadDialog({ onClose, onUploaded }: { onClose: () => void; onUploaded: () => void }) {
  const t = useTranslations("admin.telephony.faxDocuments");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<UploadError | null>(null);
  const issues = fieldIssues(error);

  const problem = (e: UploadError) => {
    if (e.reason === "NO_FILE") return t("chooseFile");
    if (e.reason === "FILE_TOO_LARGE") return t("tooLarge", { mb: MAX_MB });
    if (e.fields.some((f) => f.path === "input.name" && f.code === "taken")) return t("nameTaken");
    return errors.message(e);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!file) return setError({ code: "INVALID_INPUT", message: "", reason: "NO_FILE", fields: [] });
    if (file.size > MAX_MB * 1024 * 1024) return setError({ code: "LIMIT_EXCEEDED", message: "", reason: "FILE_TOO_LARGE", fields: [] });
    setProgress(0);
    const result = await uploadFile("/api/fax-documents", new URLSearchParams({ name }), file, setProgress);
    setProgress(null);
    if (result.error) setError(result.error);
    else onUploaded();
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t("new")}
      footer={
        <>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="fax-document-form" busy={progress !== null}>
            {t("upload")}
          </Button>
        </>
      }
    >
      <form id="fax-document-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{problem(error)}</Notice>}
        <Field label={t("file")} htmlFor="fax-document-file" hint={t("fileHint", { mb: MAX_MB })}>
          <input
            id="fax-document-file"
            type="file"
            accept="application/pdf,.pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200"
          />
        </Field>
        <Field label={t("name")} htmlFor="fax-document-name" hint={t("nameHint")} error={errors.field(issues.name, "name")}>
          <Input id="fax-document-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
        </Field>
        {progress !== null && (
          <p className="text-xs text-slate-600" role="status">
            {progress < 1 ? t("uploadingPercent", { percent: Math.round(progress * 100) }) : t("rendering")}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** The flows that still fax a document, from a refused delete. */
function usedBy(error: CombinedError | undefined): string[] | null {
  const ext = error?.graphQLErrors[0]?.extensions as { reason?: string; usedBy?: { ivrFlows: string[] } } | undefined;
  return ext?.reason === "FAX_DOCUMENT_IN_USE" && ext.usedBy ? ext.usedBy.ivrFlows : null;
}

function DeleteDialog({ document, onClose }: { document: Document; onClose: () => void }) {
  const t = useTranslations("admin.telephony.faxDocuments");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [error, setError] = useState<{ api: ApiError; flows: string[] | null } | null>(null);
  const [deleting, remove] = useMutation(Delete);

  async function runDelete() {
    const res = await remove({ id: document.id }, REFRESH_ON);
    const api = apiError(res.error);
    setError(api ? { api, flows: usedBy(res.error) } : null);
    if (!api) onClose();
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t("deleteTitle", { name: document.name })}
      footer={
        <>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="danger" busy={deleting.fetching} onClick={() => void runDelete()}>
            {t("deleteConfirm")}
          </Button>
        </>
      }
    >
      {error ? (
        <Notice tone="error">{error.flows ? t("inUse", { flows: error.flows.join(", ") }) : errors.message(error.api)}</Notice>
      ) : (
        <Notice tone="warning">{t("deleteWarning", { name: document.name })}</Notice>
      )}
    </Dialog>
  );
}
