"use client";
// After the conversation: rate it (once, if an agent answered), have it e-mailed, start anew.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Input } from "../../_components/field";
import { useWidgetErrors } from "./error-text.ts";
import type { VisitorApi } from "./visitor-api.ts";
import { useSubmit } from "./use-submit.ts";
import { AccentButton, textareaClass } from "./widget-ui.tsx";

export function Finished({
  api,
  color,
  rateable,
  rated,
  transcripts,
  email,
  onNewChat,
}: {
  api: VisitorApi;
  color: string;
  rateable: boolean;
  rated: boolean;
  transcripts: boolean;
  email: string;
  onNewChat(): void;
}) {
  const t = useTranslations("visitorWidget");
  return (
    <div className="space-y-4 border-t border-slate-200 p-4" data-testid="chat-finished">
      <p className="text-center text-sm text-slate-600">{t("ended")}</p>
      {rateable && <Rating api={api} color={color} alreadyRated={rated} />}
      {transcripts && <Transcript api={api} initialEmail={email} />}
      <button type="button" onClick={onNewChat} className="w-full rounded-md py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">
        {t("newChat")}
      </button>
    </div>
  );
}

function Rating({ api, color, alreadyRated }: { api: VisitorApi; color: string; alreadyRated: boolean }) {
  const t = useTranslations("visitorWidget");
  const { error } = useWidgetErrors(0);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState("");
  const [done, setDone] = useState(alreadyRated);
  const { busy, failure, submit } = useSubmit(async () => {
    await api.rate(stars, comment);
    setDone(true);
  });

  if (done) return <p className="text-center text-sm font-medium text-emerald-700">{t("rating.thanks")}</p>;
  return (
    <form onSubmit={submit} className="space-y-2" data-testid="rating">
      <p className="text-center text-sm font-medium">{t("rating.question")}</p>
      <div className="flex justify-center gap-1" role="radiogroup" aria-label={t("rating.question")}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={stars === n}
            aria-label={t("rating.star", { n })}
            onClick={() => setStars(n)}
            className="text-3xl leading-none"
            style={{ color: n <= stars ? color : "#cbd5e1" }}
          >
            ★
          </button>
        ))}
      </div>
      {stars > 0 && (
        <>
          <textarea
            aria-label={t("rating.comment")}
            placeholder={t("rating.comment")}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={2}
            maxLength={1000}
            className={textareaClass}
          />
          {failure !== null && (
            <p role="alert" className="text-sm text-red-600">
              {error(failure)}
            </p>
          )}
          <AccentButton type="submit" color={color} busy={busy} className="w-full">
            {t("rating.submit")}
          </AccentButton>
        </>
      )}
    </form>
  );
}

function Transcript({ api, initialEmail }: { api: VisitorApi; initialEmail: string }) {
  const t = useTranslations("visitorWidget");
  const { error, fields } = useWidgetErrors(0);
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, failure, submit } = useSubmit(async () => {
    await api.transcript(email);
    setSentTo(email);
  });

  if (sentTo) return <p className="text-center text-sm text-slate-600">{t("transcript.sent", { email: sentTo })}</p>;
  return (
    <form onSubmit={submit} className="space-y-1" data-testid="transcript">
      <label htmlFor="w-transcript" className="block text-sm font-medium text-slate-700">
        {t("transcript.label")}
      </label>
      <div className="flex gap-2">
        <Input id="w-transcript" type="email" placeholder={t("transcript.email")} value={email} onChange={(e) => setEmail(e.target.value)} required />
        <button type="submit" disabled={busy || !email} className="rounded-md px-3 text-sm ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50">
          {t("transcript.send")}
        </button>
      </div>
      {failure !== null && (
        <p role="alert" className="text-sm text-red-600">
          {fields(failure).email ?? error(failure)}
        </p>
      )}
    </form>
  );
}
