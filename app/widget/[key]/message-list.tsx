"use client";
// The conversation as the visitor sees it. Everything is text (React escapes it): no HTML from
// anyone is ever rendered. The last message of the visitor's shows Sent / Read.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useDates } from "../../_client/use-dates.ts";
import type { ShownMessage } from "./use-visitor-chat.ts";
import type { Attachment, VisitorApi } from "./visitor-api.ts";
import { useWidgetErrors } from "./error-text.ts";

export function MessageList({
  messages,
  agentReadAt,
  agentTyping,
  agent,
  color,
  api,
  onRetry,
  onDiscard,
}: {
  messages: ShownMessage[];
  agentReadAt: string | null;
  agentTyping: boolean;
  agent: string | null;
  color: string;
  api: VisitorApi;
  onRetry(m: ShownMessage): void;
  onDiscard(m: ShownMessage): void;
}) {
  const t = useTranslations("visitorWidget");
  const { error } = useWidgetErrors(0);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // (Block body: newer browsers return a promise from scrollIntoView, which is no effect cleanup.)
    end.current?.scrollIntoView({ block: "end" });
  }, [messages.length, agentTyping]);
  const lastOwn = [...messages].reverse().find((m) => m.from === "CONTACT" && !m.error);
  const dates = useDates();
  const time = (at: string) => dates.format(at, "time");

  return (
    <ol className="space-y-2 p-3" aria-live="polite" data-testid="widget-messages">
      {messages.map((m) => {
        const own = m.from === "CONTACT";
        if (m.from === "SYSTEM")
          return (
            <li key={m.id} className="text-center text-xs text-slate-500">
              {m.body}
            </li>
          );
        return (
          <li key={m.id} className={`flex flex-col ${own ? "items-end" : "items-start"}`} data-testid={own ? "visitor-message" : "agent-message"}>
            {!own && <span className="mb-0.5 text-xs text-slate-500">{m.author ?? t("agent")}</span>}
            <div
              className={`max-w-[85%] rounded-2xl px-3 py-2 text-sm break-words whitespace-pre-wrap ${own ? "rounded-br-sm text-white" : "rounded-bl-sm bg-slate-100 text-slate-900"} ${m.error ? "opacity-60" : ""}`}
              style={own ? { background: color } : undefined}
            >
              {m.body}
              {m.attachments.map((a) => (
                <AttachmentView key={a.id} attachment={a} api={api} />
              ))}
            </div>
            <span className="mt-0.5 text-[11px] text-slate-400">
              {time(m.at)}
              {m.pending && ` · ${t("sending")}`}
              {m === lastOwn && !m.pending && ` · ${agentReadAt && agentReadAt >= m.at ? t("read") : t("sent")}`}
            </span>
            {m.error && (
              <span className="mt-0.5 flex flex-wrap justify-end gap-2 text-xs text-red-600" role="alert">
                {t("failed")}: {error(m.error)}
                <button type="button" className="underline" onClick={() => onRetry(m)}>
                  {t("retry")}
                </button>
                <button type="button" className="underline" onClick={() => onDiscard(m)}>
                  {t("discard")}
                </button>
              </span>
            )}
          </li>
        );
      })}
      {agentTyping && (
        <li className="text-xs text-slate-500 italic" data-testid="agent-typing">
          {t("typing", { agent: agent ?? t("agent") })}
        </li>
      )}
      <div ref={end} />
    </ol>
  );
}

/** Files need the visitor's token, so they are fetched and shown from memory, not linked. */
function AttachmentView({ attachment, api }: { attachment: Attachment; api: VisitorApi }) {
  const [url, setUrl] = useState<string | null>(null);
  const image = attachment.contentType.startsWith("image/");
  useEffect(() => {
    if (!image) return;
    let revoked = false;
    let made: string | null = null;
    api
      .attachmentUrl(attachment.id)
      .then((u) => (revoked ? URL.revokeObjectURL(u) : setUrl((made = u))))
      .catch(() => {});
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, attachment.id, image]);

  async function download() {
    const u = await api.attachmentUrl(attachment.id);
    const a = document.createElement("a");
    a.href = u;
    a.download = attachment.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(u), 10_000);
  }

  return (
    <button type="button" onClick={download} className="mt-1 block text-left underline" data-testid="attachment">
      {image && url ? <img src={url} alt={attachment.fileName} className="max-h-40 rounded-md" /> : `📎 ${attachment.fileName}`}
    </button>
  );
}
