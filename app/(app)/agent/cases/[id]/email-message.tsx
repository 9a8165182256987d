"use client";
// An e-mail in the case's timeline: who wrote to whom, the body — HTML only inside a sandboxed
// frame (no scripts, no same-origin access, sanitised on arrival as well), or as plain text — and
// for outgoing mail its delivery state, with "send again" when the server refused it.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../../../../_client/graphql.ts";
import { markupToHtml } from "../../../../../domain/email/compose-email.ts";
import { showInlineImages } from "../../../../../domain/email/inline-images.ts";
import type { Message } from "./case-query.ts";
import { useDates } from "../../../../_client/use-dates.ts";

const RetryEmail = graphql(`
  mutation RetryEmail($messageId: ID!) {
    retryEmail(messageId: $messageId)
  }
`);

type Email = NonNullable<Message["email"]>;
const who = (a: { address: string; name: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);

/**
 * The mail's inline images (cid:) as data: URLs: fetched here, with the session, from the
 * attachments route (the sandboxed frame has no session of its own and may load only data:).
 */
function useInlineImages(attachments: Message["attachments"]): Map<string, string> {
  const inline = attachments.filter((a) => a.contentId);
  const key = inline.map((a) => a.id).join(",");
  const [images, setImages] = useState(() => new Map<string, string>());
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(
      inline.map(async (a) => {
        const res = await fetch(`${a.url}?inline=1`, { credentials: "same-origin" }).catch(() => null);
        if (!res?.ok) return null;
        const blob = await res.blob();
        const url = await new Promise<string>((resolve) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => resolve("");
          reader.readAsDataURL(blob);
        });
        return [a.contentId!, url] as const;
      }),
    ).then((pairs) => {
      if (live) setImages(new Map(pairs.filter((p): p is readonly [string, string] => !!p?.[1])));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the inline images
  }, [key]);
  return images;
}

export function EmailMessage({ m, email }: { m: Message; email: Email }) {
  const t = useTranslations("case.email");
  const dates = useDates();
  const [other, setOther] = useState(false);
  const inbound = email.direction === "INBOUND";
  // Incoming mail shows as the sender wrote it; our own shows the agent's words, and the whole mail
  // as sent (signature, quote) on request.
  const showHtml = !!email.html && (inbound ? !other : other);
  const images = useInlineImages(m.attachments);
  const html = email.html ? showInlineImages(email.html, images) : email.html;
  const badge = email.kind === "BOUNCE" ? t("bounce") : email.kind === "AUTO_REPLY" ? (inbound ? t("autoReply") : t("acknowledgement")) : null;
  return (
    <article
      className={`rounded-xl text-sm shadow-sm ring-1 ${inbound ? "mr-10 bg-white ring-slate-200" : "ml-10 bg-brand-50 ring-brand-100"}`}
      data-testid={inbound ? "customer-email" : "agent-email"}
    >
      <header className="space-y-0.5 border-b border-slate-100 px-4 py-2 text-xs text-slate-600">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold text-slate-900">{email.subject || "—"}</span>
          {badge && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900">{badge}</span>}
          {email.malformed && (
            <span className="rounded bg-red-100 px-1.5 py-0.5 text-[11px] font-medium text-red-900" title={t("malformedHint")} data-testid="email-malformed">
              {t("malformed")}
            </span>
          )}
          <span className="ml-auto">{dates.format(m.createdAt, "dateTime")}</span>
        </p>
        <p>
          {t("from")}: {m.author && !inbound ? `${m.author.name} · ` : ""}
          {who(email.from)}
        </p>
        <p>
          {t("to")}: {email.to.map(who).join(", ")}
        </p>
        {email.cc.length > 0 && (
          <p>
            {t("cc")}: {email.cc.map(who).join(", ")}
          </p>
        )}
        {email.bcc.length > 0 && (
          <p>
            {t("bcc")}: {email.bcc.map(who).join(", ")}
          </p>
        )}
      </header>
      <div className="px-4 py-3">
        {showHtml ? (
          <iframe
            title={email.subject || t("from")}
            sandbox=""
            // The policy is a second wall behind the sanitiser: nothing in the mail may load from anywhere.
            srcDoc={`<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"><base target="_blank"><style>body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#0f172a;word-wrap:break-word}img{max-width:100%;height:auto}</style>${html}`}
            className="h-64 w-full rounded border-0 bg-white"
            data-testid="email-html"
          />
        ) : inbound ? (
          <p className="break-words whitespace-pre-wrap text-slate-900">{m.body}</p>
        ) : (
          // Built from the agent's text with everything escaped first (compose-email.ts): no outside HTML.
          <div
            className="break-words text-slate-900 [&_a]:text-brand-700 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-5 [&_p+*]:mt-2 [&_ul]:list-disc [&_ul]:pl-5"
            dangerouslySetInnerHTML={{ __html: markupToHtml(m.body) }}
          />
        )}
        {email.html && (
          <button type="button" className="mt-1 text-xs text-brand-700 underline" onClick={() => setOther((p) => !p)}>
            {inbound ? (showHtml ? t("showText") : t("showHtml")) : showHtml ? t("showWords") : t("showSent")}
          </button>
        )}
        {m.attachments
          .filter((a) => !a.contentId)
          .map((a) => (
            <a key={a.id} href={a.url} className="mt-1 flex items-center gap-1 text-xs text-brand-700 underline">
              📎 {a.fileName} ({Math.ceil(a.size / 1024)} KB)
            </a>
          ))}
        {email.hasOriginal && (
          <a href={`/api/attachments/original/${m.id}`} className="mt-1 block text-xs text-slate-500 underline">
            {t("original")}
          </a>
        )}
      </div>
      {!inbound && <Delivery messageId={m.id} email={email} />}
    </article>
  );
}

function Delivery({ messageId, email }: { messageId: string; email: Email }) {
  const t = useTranslations("case.email");
  const [retrying, retry] = useMutation(RetryEmail);
  if (email.deliveryState === "SENT")
    return (
      <p className="px-4 pb-2 text-right text-xs text-emerald-700" data-testid="delivery" data-state="SENT">
        ✓ {t("sent")}
      </p>
    );
  if (email.deliveryState === "FAILED")
    return (
      <p className="flex items-center justify-end gap-2 px-4 pb-2 text-xs text-red-700" data-testid="delivery" data-state="FAILED" role="alert">
        {t("failed", { error: email.deliveryError })}
        <button
          type="button"
          disabled={retrying.fetching}
          className="rounded px-2 py-0.5 ring-1 ring-red-300 hover:bg-red-50"
          onClick={() => void retry({ messageId })}
        >
          {t("sendAgain")}
        </button>
      </p>
    );
  return (
    <p className="px-4 pb-2 text-right text-xs text-slate-500" data-testid="delivery" data-state="QUEUED">
      {email.attempts > 0 && email.deliveryError ? t("retrying", { attempts: email.attempts, error: email.deliveryError }) : t("queued")}
    </p>
  );
}
