"use client";
// Sounds: recordings uploaded for IVR prompts and queues' music on hold. Any common audio file is
// converted on upload (what a telephone plays and what a browser plays); each can be listened to
// here, renamed, and deleted once nothing plays it any more.
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import type { CombinedError } from "@urql/core";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Dialog } from "../../../../_components/dialog.tsx";
import { Field, Input, Select } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Td } from "../../../../_components/table.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../../_client/graphql.ts";
import { useCan } from "../../../../_client/me.tsx";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { AdminList } from "../../admin-list.tsx";
import { type UploadError, soundLength, uploadSound } from "./sound-files.ts";
import { useDates } from "../../../../_client/use-dates.ts";

const REFRESH_ON = { additionalTypenames: ["AudioFile"] };
const MAX_MB = 20;
const KINDS = ["PROMPT", "MUSIC"] as const;

const SoundsQuery = graphql(`
  query AudioFiles {
    audioFiles {
      id
      name
      kind
      durationMs
      originalName
      originalBytes
      createdAt
      url
    }
  }
`);
const Rename = graphql(`
  mutation RenameAudioFile($id: ID!, $name: String!) {
    renameAudioFile(id: $id, name: $name) {
      id
      name
    }
  }
`);
const Delete = graphql(`
  mutation DeleteAudioFile($id: ID!) {
    deleteAudioFile(id: $id)
  }
`);
type Sound = ResultOf<typeof SoundsQuery>["audioFiles"][number];

export default function SoundsPage() {
  const t = useTranslations("admin.telephony.sounds");
  const format = useFormatter();
  const dates = useDates();
  const allowed = useCan()("telephony.manage");
  const [{ data }, refetch] = useQuery({ query: SoundsQuery, context: REFRESH_ON, pause: !allowed });
  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? t("sizeMb", { size: format.number(bytes / 1048576, { maximumFractionDigits: 1 }) })
      : t("sizeKb", { size: format.number(Math.max(1, Math.round(bytes / 1024))) });
  return (
    <AdminList
      namespace="telephony.sounds"
      allowed={allowed}
      items={data?.audioFiles}
      head={[t("name"), t("kind"), t("length"), t("original"), t("uploaded"), t("listen"), ""]}
      renderRow={(s, edit) => (
        <tr key={s.id} data-testid={`sound-${s.name}`}>
          <Td className="font-medium">{s.name}</Td>
          <Td>{t(`kinds.${s.kind}`)}</Td>
          <Td className="tabular-nums">
            <span data-testid="sound-length">{soundLength(s.durationMs)}</span>
          </Td>
          <Td className="text-xs text-slate-600">
            <span className="block max-w-48 truncate" title={s.originalName}>
              {s.originalName}
            </span>
            {size(s.originalBytes)}
          </Td>
          <Td className="text-xs text-slate-600">{dates.format(String(s.createdAt), "dateTimeMedium")}</Td>
          <Td>
            {/* Opus where the browser plays it; otherwise the telephone version as WAV. */}
            <audio controls preload="none" className="h-8 w-56" aria-label={t("listenTo", { name: s.name })}>
              <source src={s.url} type="audio/ogg; codecs=opus" />
              <source src={`${s.url}?format=wav`} type="audio/wav" />
            </audio>
          </Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(s, close) =>
        s ? (
          <SoundDialog sound={s} onClose={close} />
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
  );
}

function UploadDialog({ onClose, onUploaded }: { onClose: () => void; onUploaded: () => void }) {
  const t = useTranslations("admin.telephony.sounds");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<(typeof KINDS)[number]>("PROMPT");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<UploadError | null>(null);
  const issues = fieldIssues(error);

  /** The server's refusal in the admin's words, with the limits it names. */
  const problem = (e: UploadError) => {
    if (e.reason === "FILE_TOO_LARGE") return t("tooLarge", { mb: MAX_MB });
    if (e.reason === "AUDIO_TOO_LONG") return t("tooLong", { minutes: Number(e.maxMinutes ?? (kind === "MUSIC" ? 15 : 5)) });
    if (e.fields.some((f) => f.path === "input.name" && f.code === "taken")) return t("nameTaken");
    return errors.message(e);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!file) return setError({ code: "INVALID_INPUT", message: "", reason: "NO_FILE", fields: [] });
    if (file.size > MAX_MB * 1024 * 1024) return setError({ code: "LIMIT_EXCEEDED", message: "", reason: "FILE_TOO_LARGE", fields: [] });
    setProgress(0);
    const result = await uploadSound(file, { name, kind }, setProgress);
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
          <Button variant="primary" type="submit" form="sound-form" busy={progress !== null}>
            {t("upload")}
          </Button>
        </>
      }
    >
      <form id="sound-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{error.reason === "NO_FILE" ? t("chooseFile") : problem(error)}</Notice>}
        <Field label={t("file")} htmlFor="sound-file" hint={t("fileHint", { mb: MAX_MB })}>
          <input
            id="sound-file"
            type="file"
            accept="audio/*,.wav,.mp3,.ogg,.opus,.m4a,.aac,.flac,.webm,.wma,.aiff,.amr"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200"
          />
        </Field>
        <Field label={t("name")} htmlFor="sound-name" hint={t("nameHint")} error={errors.field(issues.name, "name")}>
          <Input id="sound-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
        </Field>
        <Field label={t("kind")} htmlFor="sound-kind" hint={t(`kindHint.${kind}`)}>
          <Select id="sound-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        {progress !== null && (
          <div className="space-y-1">
            <div
              role="progressbar"
              aria-label={t("uploading")}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress * 100)}
              className="h-2 overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${Math.round(progress * 100)}%` }} />
            </div>
            <p className="text-xs text-slate-600">{progress < 1 ? t("uploadingPercent", { percent: Math.round(progress * 100) }) : t("converting")}</p>
          </div>
        )}
      </form>
    </Dialog>
  );
}

/** Where a sound still plays, from a refused delete. */
type Uses = { queues: string[]; ivrFlows: string[]; campaigns?: string[] };

function usedBy(error: CombinedError | undefined): Uses | null {
  const ext = error?.graphQLErrors[0]?.extensions as { reason?: string; usedBy?: Uses } | undefined;
  return ext?.reason === "AUDIO_IN_USE" && ext.usedBy ? ext.usedBy : null;
}

function SoundDialog({ sound, onClose }: { sound: Sound; onClose: () => void }) {
  const t = useTranslations("admin.telephony.sounds");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState(sound.name);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<{ api: ApiError; uses: ReturnType<typeof usedBy> } | null>(null);
  const [saving, rename] = useMutation(Rename);
  const [deleting, remove] = useMutation(Delete);
  const issues = fieldIssues(error?.api ?? null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await rename({ id: sound.id, name }, REFRESH_ON);
    const api = apiError(res.error);
    setError(api ? { api, uses: null } : null);
    if (!api) onClose();
  }
  async function runDelete() {
    const res = await remove({ id: sound.id }, REFRESH_ON);
    const api = apiError(res.error);
    setConfirming(false);
    setError(api ? { api, uses: usedBy(res.error) } : null);
    if (!api) onClose();
  }
  const uses = error?.uses;
  const where = uses ? [...uses.queues.map((q) => t("inUseQueue", { name: q })), ...uses.ivrFlows.map((f) => t("inUseFlow", { name: f })), ...(uses.campaigns ?? []).map((c) => t("inUseCampaign", { name: c }))].join(", ") : "";

  return (
    <Dialog
      open
      onClose={onClose}
      title={t("editTitle", { name: sound.name })}
      footer={
        <>
          {confirming ? (
            <Button variant="danger" className="mr-auto" busy={deleting.fetching} onClick={() => void runDelete()}>
              {t("deleteConfirm")}
            </Button>
          ) : (
            <Button variant="danger" className="mr-auto" onClick={() => setConfirming(true)}>
              {t("delete")}
            </Button>
          )}
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="sound-rename-form" busy={saving.fetching}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <form id="sound-rename-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{uses ? t("inUse", { where }) : issues.name?.code === "taken" ? t("nameTaken") : errors.message(error.api)}</Notice>}
        {confirming && <Notice tone="warning">{t("deleteWarning", { name: sound.name })}</Notice>}
        <Field label={t("name")} htmlFor="sound-rename" error={issues.name?.code === "taken" ? null : errors.field(issues.name, "name")}>
          <Input id="sound-rename" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
        </Field>
        <p className="text-sm text-slate-600">
          {t(`kinds.${sound.kind}`)} · {soundLength(sound.durationMs)} · {sound.originalName}
        </p>
      </form>
    </Dialog>
  );
}
