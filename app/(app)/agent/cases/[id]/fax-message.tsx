"use client";
// A fax on the case: who sent it (number and the machine's own ident), its pages as a PDF and the
// original fax file, and, when it did not all come through, which pages did and why it stopped.
// A fax an agent sent: to whom, the documents it carries, and how sending goes (queued, the last
// attempt's reason and the next one's time, sent, or failed with "send again").
import { useTranslations } from "next-intl";
import { useMutation } from "urql";
import { MAX_FAX_ATTEMPTS } from "../../../../../domain/fax/fax-rules.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useDates } from "../../../../_client/use-dates.ts";
import type { Message } from "./case-query.ts";

const RetryFax = graphql(`
  mutation RetryFax($messageId: ID!) {
    retryFax(messageId: $messageId) {
      id
    }
  }
`);

type Fax = NonNullable<Message["fax"]>;

export function FaxMessage({ m, fax }: { m: Message; fax: Fax }) {
  if (fax.direction === "OUTBOUND") return <SentFax m={m} fax={fax} />;
  return <ReceivedFax m={m} fax={fax} />;
}

function SentFax({ m, fax }: { m: Message; fax: Fax }) {
  const t = useTranslations("case.fax");
  const dates = useDates();
  const [retrying, retry] = useMutation(RetryFax);
  const tone = fax.state === "SENT" ? "text-emerald-700" : fax.state === "FAILED" ? "text-red-700" : "text-slate-600";
  return (
    <div className="flex justify-end" data-testid="fax-message" data-state={fax.state}>
      <div className="max-w-[75%] rounded-2xl bg-brand-50 px-3.5 py-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-brand-200">
        <p className="font-medium">
          {t("to", { number: fax.customerNumber })}
          {m.author && <span className="ml-1 font-normal text-slate-500">· {m.author.name}</span>}
        </p>
        <p className="mt-0.5 text-xs text-slate-600">
          {fax.cover && t("withCover")}
          {fax.cover && fax.documents.length > 0 && " · "}
          {fax.documents.map((d, i) => (
            <span key={d.id}>
              {i > 0 && ", "}
              <a href={d.url} className="text-brand-700 underline">
                {d.fileName}
              </a>
            </span>
          ))}
        </p>
        {m.body && <p className="mt-1 whitespace-pre-wrap text-slate-800">{m.body}</p>}
        <p className={`mt-1 flex flex-wrap items-center justify-end gap-2 text-xs ${tone}`} role="status" data-testid="fax-delivery">
          {fax.state === "SENT"
            ? `✓ ${t("sent", { count: fax.pages, at: dates.format(fax.sentAt ?? m.createdAt, "time") })}`
            : fax.state === "FAILED"
              ? t("notSent", { reason: fax.reason })
              : fax.attempts > 0 && fax.reason
                ? t("retrying", {
                    attempt: fax.attempts,
                    max: MAX_FAX_ATTEMPTS,
                    reason: fax.reason,
                    at: fax.nextAttemptAt ? dates.format(fax.nextAttemptAt, "time") : "",
                  })
                : t("queued")}
          {fax.state === "FAILED" && (
            <button
              type="button"
              disabled={retrying.fetching}
              className="rounded px-2 py-0.5 ring-1 ring-red-300 hover:bg-red-50"
              onClick={() => void retry({ messageId: m.id })}
            >
              {t("sendAgain")}
            </button>
          )}
        </p>
        <p className="mt-1 text-right text-[11px] text-slate-500">{dates.format(m.createdAt, "time")}</p>
      </div>
    </div>
  );
}

function ReceivedFax({ m, fax }: { m: Message; fax: Fax }) {
  const t = useTranslations("case.fax");
  const dates = useDates();
  const pdf = m.attachments.find((a) => a.contentType === "application/pdf");
  const original = m.attachments.find((a) => a !== pdf);
  const tone = fax.state === "RECEIVED" ? "ring-slate-200" : fax.state === "PARTIAL" ? "ring-amber-300" : "ring-red-300";
  return (
    <div className="flex justify-start" data-testid="fax-message" data-state={fax.state}>
      <div className={`max-w-[75%] rounded-2xl bg-white px-3.5 py-2.5 text-sm text-slate-900 shadow-sm ring-1 ${tone}`}>
        <p className="font-medium">
          {t("from", { number: fax.customerNumber || t("unknownNumber") })}
          {fax.remoteIdent && fax.remoteIdent !== fax.customerNumber && <span className="ml-1 font-normal text-slate-500">({fax.remoteIdent})</span>}
        </p>
        <p className="mt-0.5 text-xs text-slate-600" data-testid="fax-facts">
          {t("pages", { count: fax.pages })}
          {fax.bitRate ? ` · ${t("speed", { bitRate: fax.bitRate })}` : ""}
          {fax.ecm ? ` · ${t("ecm")}` : ""}
        </p>
        {fax.state !== "RECEIVED" && (
          <p className={`mt-1 text-xs ${fax.state === "PARTIAL" ? "text-amber-800" : "text-red-700"}`} role="status" data-testid="fax-problem">
            {fax.state === "PARTIAL" ? t("partial", { count: fax.pages, reason: fax.reason }) : t("failed", { reason: fax.reason })}
          </p>
        )}
        {fax.badRows > 0 && <p className="mt-1 text-xs text-amber-800">{t("badRows", { count: fax.badRows })}</p>}
        {(pdf || original) && (
          <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1 text-xs">
            {pdf && (
              <a href={pdf.url} className="font-medium text-brand-700 underline" data-testid="fax-pdf">
                {t("pdf", { size: Math.ceil(pdf.size / 1024) })}
              </a>
            )}
            {original && (
              <a href={original.url} className="text-slate-600 underline">
                {t("original")}
              </a>
            )}
          </p>
        )}
        <p className="mt-1 text-right text-[11px] text-slate-500">{dates.format(m.createdAt, "time")}</p>
      </div>
    </div>
  );
}
