"use client";
// The case's timeline: customer and agent messages, private notes, the steps of each
// conversation (answered, transferred, ended...) and what staff did to the case (tags, macros). Everything from outside renders as text.
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef } from "react";
import { useMutation } from "urql";
import { graphql } from "../../../../_client/graphql.ts";
import { useMe } from "../../../../_client/me.tsx";
import type { CaseData, CaseEvent, Interaction, Message } from "./case-query.ts";
import { EmailMessage } from "./email-message.tsx";
import { SmsDelivery } from "./sms-delivery.tsx";
import { FaxMessage } from "./fax-message.tsx";
import { useDates } from "../../../../_client/use-dates.ts";

const MarkRead = graphql(`
  mutation MarkRead($interactionId: ID!) {
    markRead(interactionId: $interactionId)
  }
`);

const SHOWN_EVENTS = new Set([
  "accepted",
  "held",
  "resumed",
  "customer_held",
  "customer_resumed",
  "consult_started",
  "consult_ended",
  "taken_over",
  "disposition",
  "dialled",
  "phone_answered",
  "amd",
  "dtmf",
  "transferred",
  "transfer_requested",
  "transfer_failed",
  "ended",
  "abandoned",
  "left_message",
  "overflowed",
  "requeued",
  "rated",
  "ivr_started",
  "ivr",
  "ivr_ended",
  "ivr_failed",
  "fax_detected",
  "voicemail_started",
  "voicemail_mailed",
  "voicemail_mail_failed",
  "callback_requested",
  "callback_retry_scheduled",
  "callback_failed",
]);
/** The IVR steps worth the agent's eye: what the caller chose or got wrong (not every prompt). */
const IVR_SHOWN = new Set(["chose", "verified", "not_verified", "gave_up"]);

type Entry = { at: string; key: string } & (
  | { kind: "message"; m: Message }
  | { kind: "event"; type: string; i: Interaction; data: unknown; agentId: string | null }
  | { kind: "caseEvent"; e: CaseEvent }
);

export function Conversation({ kase, typing }: { kase: CaseData; typing: boolean }) {
  const t = useTranslations("case");
  const entries = useMemo<Entry[]>(() => {
    const list: Entry[] = kase.messages.map((m) => ({ kind: "message", m, at: m.createdAt, key: m.id }));
    for (const i of kase.interactions) {
      for (const e of i.events)
        if (SHOWN_EVENTS.has(e.type) && (e.type !== "ivr" || IVR_SHOWN.has(String((e.data as { what?: string } | null)?.what))))
          list.push({ kind: "event", type: e.type, i, data: e.data, agentId: e.agentId ?? null, at: e.at, key: e.id });
    }
    for (const e of kase.events) list.push({ kind: "caseEvent", e, at: e.at, key: e.id });
    return list.sort((a, b) => a.at.localeCompare(b.at));
  }, [kase]);
  const names = useMemo(() => {
    const n = new Map<string, string>();
    for (const i of kase.interactions) if (i.agent) n.set(i.agent.id, i.agent.name);
    for (const m of kase.messages) if (m.author) n.set(m.author.id, m.author.name);
    return n;
  }, [kase]);
  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [entries.length, typing]);
  useMarkRead(kase);

  return (
    <div className="relative min-h-0 flex-1 space-y-3 overflow-y-auto bg-slate-50/60 px-4 py-4" role="log" aria-label={t("conversation")} aria-live="polite">
      {entries.length === 0 && <p className="py-8 text-center text-sm text-slate-500">{t("noMessages")}</p>}
      {entries.map((e) =>
        e.kind === "message" ? (
          <Bubble key={e.key} m={e.m} interaction={kase.interactions.find((i) => i.id === e.m.interactionId)} />
        ) : e.kind === "caseEvent" ? (
          <CaseEventLine key={e.key} e={e.e} />
        ) : (
          <EventLine key={e.key} e={e} names={names} />
        ),
      )}
      {typing && (
        <p className="text-xs text-slate-500 italic" data-testid="customer-typing">
          {t("customerTyping")}
        </p>
      )}
      <div ref={bottom} />
    </div>
  );
}

function Bubble({ m, interaction }: { m: Message; interaction?: Interaction }) {
  if (m.email) return <EmailMessage m={m} email={m.email} />;
  if (m.fax) return <FaxMessage m={m} fax={m.fax} />;
  if (m.sms)
    return (
      <div>
        <ChatBubble m={m} />
        <div className={`flex ${m.sms.direction === "INBOUND" ? "justify-start" : "justify-end"}`}>
          <SmsDelivery messageId={m.id} sms={m.sms} />
        </div>
      </div>
    );
  return <ChatBubble m={m} interaction={interaction} />;
}

function ChatBubble({ m, interaction }: { m: Message; interaction?: Interaction }) {
  const t = useTranslations("case");
  const dates = useDates();
  const fromCustomer = m.authorType === "CONTACT";
  const note = m.kind === "NOTE";
  const receipt = !fromCustomer && !note && interaction ? receiptOf(m.createdAt, interaction) : null;
  return (
    <div className={`flex ${fromCustomer ? "justify-start" : "justify-end"}`} data-testid={note ? "note" : fromCustomer ? "customer-message" : "agent-message"}>
      <div
        className={`max-w-[75%] rounded-2xl px-3.5 py-2 text-sm shadow-sm ${
          note
            ? "border border-amber-200 bg-amber-50 text-amber-950"
            : fromCustomer
              ? "bg-white text-slate-900 ring-1 ring-slate-200"
              : "bg-brand-600 text-white"
        }`}
      >
        {note && <p className="mb-0.5 text-xs font-semibold text-amber-800">{t("noteBy", { name: m.author?.name ?? "" })}</p>}
        {!note && !fromCustomer && m.author && <p className="mb-0.5 text-xs opacity-75">{m.author.name}</p>}
        {m.body && <p className="break-words whitespace-pre-wrap">{m.body}</p>}
        {m.attachments.map((a) => (
          <div key={a.id}>
            {/* A voicemail plays in place (our own WAV recordings only). */}
            {a.contentType === "audio/wav" && <audio controls preload="none" src={`${a.url}${a.url.includes("?") ? "&" : "?"}inline=1`} className="mt-1 h-8 w-64" data-testid="voicemail" />}
            <a href={a.url} className={`mt-1 flex items-center gap-1 text-xs underline ${note || fromCustomer ? "text-brand-700" : "text-white"}`}>
              📎 {a.fileName} ({Math.ceil(a.size / 1024)} KB)
            </a>
          </div>
        ))}
        <p className={`mt-1 flex justify-end gap-1 text-[11px] ${note || fromCustomer ? "text-slate-500" : "text-white/75"}`}>
          {dates.format(m.createdAt, "time")}
          {receipt && (
            <span data-testid="receipt" data-receipt={receipt} title={t(`receipt.${receipt}`)}>
              {receipt === "read" ? "✓✓" : receipt === "delivered" ? "✓✓" : "✓"}
              <span className="sr-only"> {t(`receipt.${receipt}`)}</span>
            </span>
          )}
        </p>
      </div>
    </div>
  );
}

function receiptOf(at: string, i: Interaction): "sent" | "delivered" | "read" {
  if (i.contactReadAt && i.contactReadAt >= at) return "read";
  if (i.contactDeliveredAt && i.contactDeliveredAt >= at) return "delivered";
  return "sent";
}

/** Reasons a consulted number could not be reached, with words for them. */
const CONSULT_FAILURES = new Set(["BUSY", "NUMBER_UNKNOWN", "NO_ANSWER", "REJECTED", "NETWORK_ERROR", "FAILED"]);

function eventText(
  t: ReturnType<typeof useTranslations<"case.event">>,
  type: string,
  data: Record<string, unknown>,
  name: string,
  dates: ReturnType<typeof useDates>,
  agentless = false,
): string {
  const number = String(data.number ?? "");
  switch (type) {
    case "rated":
      return t("rated", { rating: Number(data.rating ?? 0), comment: String(data.comment ?? "") });
    case "ended":
      return t(`ended.${String(data.by ?? "SYSTEM")}` as "ended.SYSTEM");
    case "disposition":
      return t("disposition", { name, code: String(data.code ?? "—") });
    case "dialled":
      // A campaign's dialler places calls with no agent on them yet.
      return agentless ? t("dialledByDialer", { number }) : t("dialled", { name, number });
    case "amd":
      return t(`amd.${String(data.outcome)}` as "amd.HUMAN");
    case "dtmf":
      return t(data.via === "AGENT" ? "dtmfSent" : "dtmf", { digit: String(data.digit ?? "") });
    case "transferred":
      if (data.kind === "external") return t("transferredExternal", { number });
      if (data.kind === "consult_external") return t("transferredConsulted", { name, number });
      return t("transferred", { name });
    case "ivr":
      return t(`ivr.${String(data.what)}` as "ivr.chose", { step: String(data.node ?? ""), value: String(data.value ?? "") });
    case "ivr_ended":
      return t("ivrEnded", { reason: String(data.reason ?? "") });
    case "ivr_failed":
      return t("ivrFailed");
    case "callback_requested": {
      // From the chat widget or the site's form: where, about what and for when (IVR requests say only the number).
      if (data.via !== "WEB" && data.via !== "FORM") return t("callback_requested", { number });
      const at = typeof data.at === "string" ? dates.format(data.at, "dateTimeMedium") : "";
      const topic = String(data.topic ?? "");
      return [t("callbackRequestedWeb", { number, via: String(data.via) }), topic && `“${topic}”`, at && t("callbackFor", { at })].filter(Boolean).join(" · ");
    }
    case "callback_retry_scheduled":
      return t("callbackRetry", {
        reason: t(`consultReason.${String(data.reason ?? "FAILED")}` as "consultReason.FAILED"),
        attempt: Number(data.attempt ?? 2),
        at: typeof data.at === "string" ? dates.format(data.at, "time") : "",
      });
    case "callback_failed":
      return t("callbackFailed", {
        reason: t(`consultReason.${String(data.reason ?? "FAILED")}` as "consultReason.FAILED"),
        attempts: Number(data.attempt ?? 1),
      });
    case "consult_started":
      return number ? t("consultNumber", { name, number }) : t("consult_started", { name });
    case "consult_ended": {
      const reason = String(data.reason ?? "");
      if (number && CONSULT_FAILURES.has(reason))
        return t("consultNumberFailed", { name, number, reason: t(`consultReason.${reason}` as "consultReason.FAILED") });
      return t("consult_ended", { name });
    }
    default:
      return t(type as "held", { name });
  }
}

function TimelineNote({ text, at, testId }: { text: string; at: string; testId: string }) {
  const dates = useDates();
  return (
    <p className="text-center text-xs text-slate-500" data-testid={testId}>
      <span className="rounded-full bg-white px-2.5 py-1 ring-1 ring-slate-200">
        {text} · {dates.format(at, "time")}
      </span>
    </p>
  );
}

/** A tag added or removed, a macro applied, the status changed: who, what and when. */
function CaseEventLine({ e }: { e: CaseEvent }) {
  const t = useTranslations("case.event");
  const name = e.actor?.name || t("someone");
  const what = e.label;
  const text =
    e.type === "macro_applied"
      ? t("macro_applied", { name, macro: what })
      : e.type === "status_changed"
        ? t("status_changed", { name, status: what })
        : t(e.type === "tag_removed" ? "tag_removed" : "tag_added", { name, tag: what });
  return <TimelineNote text={text} at={e.at} testId={`event-${e.type}`} />;
}

function EventLine({ e, names }: { e: Extract<Entry, { kind: "event" }>; names: Map<string, string> }) {
  const t = useTranslations("case.event");
  const dates = useDates();
  const name = (e.agentId && names.get(e.agentId)) || t("someone");
  const data = (e.data ?? {}) as Record<string, unknown>;
  return <TimelineNote text={eventText(t, e.type, data, name, dates, !e.agentId)} at={e.at} testId={`event-${e.type}`} />;
}

/** When the agent handling a live chat has it open and visible, the customer's messages are read. */
function useMarkRead(kase: CaseData) {
  const me = useMe();
  const [, markRead] = useMutation(MarkRead);
  const mine = kase.interactions.find((i) => i.state === "ACTIVE" && i.agent?.id === me.user.id);
  const lastFromCustomer = kase.messages.filter((m) => m.authorType === "CONTACT" && m.interactionId === mine?.id).at(-1)?.createdAt;
  useEffect(() => {
    if (!mine || !lastFromCustomer) return;
    if (mine.agentReadAt && mine.agentReadAt >= lastFromCustomer) return;
    const mark = () => document.visibilityState === "visible" && void markRead({ interactionId: mine.id });
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [mine, lastFromCustomer, markRead]);
}
