"use client";
// Writing to the agent: Enter sends, Shift+Enter breaks the line; files are checked here for type
// and size (and again by the server) so a wrong one is refused at once with the reason.
import { useTranslations } from "next-intl";
import { type FormEvent, type KeyboardEvent, useRef, useState } from "react";
import { useWidgetErrors } from "./error-text.ts";
import type { Attachment, VisitorApi } from "./visitor-api.ts";
import { VisitorApiError } from "./visitor-api.ts";
import { textareaClass } from "./widget-ui.tsx";

const TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"];
const TYPING_EVERY_MS = 3000;
const TYPING_STOPS_AFTER_MS = 4000;

export function Composer({
  api,
  color,
  attachments: allowFiles,
  maxFileMegabytes,
  onSend,
}: {
  api: VisitorApi;
  color: string;
  attachments: boolean;
  maxFileMegabytes: number;
  onSend(body: string, files: Attachment[]): void;
}) {
  const t = useTranslations("visitorWidget");
  const { error } = useWidgetErrors(maxFileMegabytes);
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const typing = useRef({ sentAt: 0, stop: undefined as ReturnType<typeof setTimeout> | undefined });
  const fileInput = useRef<HTMLInputElement>(null);

  function stopTyping() {
    clearTimeout(typing.current.stop);
    if (typing.current.sentAt) void api.typing(false).catch(() => {});
    typing.current.sentAt = 0;
  }

  function changed(value: string) {
    setBody(value);
    const now = Date.now();
    if (value && now - typing.current.sentAt > TYPING_EVERY_MS) {
      typing.current.sentAt = now;
      void api.typing(true).catch(() => {});
    }
    clearTimeout(typing.current.stop);
    typing.current.stop = setTimeout(stopTyping, TYPING_STOPS_AFTER_MS);
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!body.trim() && !files.length) return;
    stopTyping();
    onSend(body.trim(), files);
    setBody("");
    setFiles([]);
    setProblem(null);
  }

  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
  }

  async function attach(file: File | undefined) {
    if (fileInput.current) fileInput.current.value = "";
    if (!file) return;
    setProblem(null);
    if (!TYPES.includes(file.type)) return setProblem(error(new VisitorApiError(400, "INVALID_INPUT", "FILE_TYPE", [], "")));
    if (file.size > maxFileMegabytes * 1024 * 1024) return setProblem(error(new VisitorApiError(413, "LIMIT_EXCEEDED", "FILE_TOO_LARGE", [], "")));
    setUploading(file.name);
    try {
      const stored = await api.upload(file);
      setFiles((f) => [...f, stored]);
    } catch (err) {
      setProblem(error(err));
    } finally {
      setUploading(null);
    }
  }

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-white p-2">
      {(files.length > 0 || uploading || problem) && (
        <div className="mb-1 flex flex-wrap gap-1 px-1 text-xs">
          {files.map((f) => (
            <span key={f.id} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5" data-testid="pending-file">
              📎 {f.fileName}
              <button type="button" aria-label={t("discard")} onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}>
                ×
              </button>
            </span>
          ))}
          {uploading && <span className="text-slate-500">{t("uploading", { name: uploading })}</span>}
          {problem && (
            <span role="alert" className="text-red-600">
              {problem}
            </span>
          )}
        </div>
      )}
      <div className="flex items-end gap-2">
        {allowFiles && (
          <>
            <input
              ref={fileInput}
              type="file"
              accept={TYPES.join(",")}
              className="hidden"
              onChange={(e) => attach(e.target.files?.[0])}
              data-testid="file-input"
            />
            <button
              type="button"
              title={t("attach", { mb: maxFileMegabytes })}
              aria-label={t("attach", { mb: maxFileMegabytes })}
              onClick={() => fileInput.current?.click()}
              className="rounded-md p-2 text-slate-500 hover:bg-slate-100"
            >
              <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
                <path d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
              </svg>
            </button>
          </>
        )}
        <textarea
          aria-label={t("placeholder")}
          placeholder={t("placeholder")}
          value={body}
          onChange={(e) => changed(e.target.value)}
          onKeyDown={keyDown}
          rows={Math.min(4, Math.max(1, body.split("\n").length))}
          maxLength={5000}
          className={textareaClass}
          data-testid="composer"
        />
        <button
          type="submit"
          disabled={(!body.trim() && !files.length) || !!uploading}
          className="rounded-md px-3 py-2 text-sm font-medium text-white disabled:opacity-50"
          style={{ background: color }}
        >
          {t("send")}
        </button>
      </div>
    </form>
  );
}
