"use client";
// The widget in its iframe: the widget's settings and language first, then the visitor's way
// through — form, queue, conversation, end (or a message left when nobody can chat).
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Finished } from "./finished.tsx";
import { type HostParams, embedded, hostParams, onHostRestore, onHostVisibility, tellHost } from "./host-frame.ts";
import { LeaveMessage } from "./leave-message.tsx";
import { MessageList } from "./message-list.tsx";
import { CallView } from "./call-view.tsx";
import { CallbackForm, type CallbackValues } from "./callback-form.tsx";
import { Composer } from "./composer.tsx";
import { PreChatForm, type PreChatValues } from "./pre-chat-form.tsx";
import { useVisitorChat } from "./use-visitor-chat.ts";
import { VisitorApi, type WidgetConfig } from "./visitor-api.ts";
import { type Remembered, asRemembered, recall, remember } from "./visitor-storage.ts";
import { WidgetHeader } from "./widget-ui.tsx";

type Locale = "pl" | "en" | "ru";
/** How long to wait for the site's copy of the visitor's data before going on without it. */
const RESTORE_WAIT_MS = 1500;
type Messages = Record<Locale, Record<string, unknown>>;

/** The site's language if the widget speaks it, else the browser's, else the widget's first. */
function chooseLocale(wanted: string[], offered: Locale[]): Locale {
  for (const w of wanted) {
    const l = w.slice(0, 2).toLowerCase();
    if ((offered as string[]).includes(l)) return l as Locale;
  }
  return offered[0] ?? "en";
}

export function WidgetApp({ widgetKey, messages }: { widgetKey: string; messages: Messages }) {
  const api = useMemo(() => new VisitorApi(widgetKey, null), [widgetKey]);
  const [host, setHost] = useState<HostParams | null>(null);
  const [config, setConfig] = useState<WidgetConfig | "missing" | null>(null);
  const [initial, setInitial] = useState<Remembered | null>(null);
  // Seen or not: the loader shows and hides the frame (and tells us so).
  const [shown, setShown] = useState(true);
  useEffect(() => {
    setHost(hostParams());
    api.config().then(setConfig, () => setConfig("missing"));
    if (!embedded()) return setInitial(recall(widgetKey));
    const stopVisibility = onHostVisibility(setShown);
    const stopRestore = onHostRestore((value) => setInitial((i) => i ?? asRemembered(value) ?? recall(widgetKey)));
    const fallback = setTimeout(() => setInitial((i) => i ?? recall(widgetKey)), RESTORE_WAIT_MS);
    tellHost({ centrala: "ready" });
    return () => {
      stopVisibility();
      stopRestore();
      clearTimeout(fallback);
    };
  }, [api, widgetKey]);

  if (!host || !config || !initial) return <div className="flex h-dvh items-center justify-center" aria-busy="true" />;
  const wanted = [host.lang, ...navigator.languages];
  const locale = chooseLocale(wanted, config === "missing" ? ["en", "pl", "ru"] : config.languages);
  return (
    <NextIntlClientProvider locale={locale} messages={{ visitorWidget: messages[locale] }} timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}>
      {config === "missing" ? (
        <Missing />
      ) : (
        <Chat widgetKey={widgetKey} api={api} config={config} host={host} locale={locale} initial={initial} shown={shown} />
      )}
    </NextIntlClientProvider>
  );
}

function Missing() {
  const t = useTranslations("visitorWidget");
  return <p className="p-6 text-center text-sm text-slate-600">{t("unavailableWidget")}</p>;
}

type ChatProps = { widgetKey: string; api: VisitorApi; config: WidgetConfig; host: HostParams; locale: Locale; initial: Remembered; shown: boolean };

function Chat({ widgetKey, api, config, host, locale, initial, shown }: ChatProps) {
  const t = useTranslations("visitorWidget");
  const [saved, setSaved] = useState<Remembered>(initial);
  const savedRef = useRef(saved);
  const save = useCallback(
    (change: Partial<Remembered>) => {
      const next = { ...savedRef.current, ...change };
      savedRef.current = next;
      remember(widgetKey, next);
      tellHost({ centrala: "store", value: next });
      setSaved(next);
    },
    [widgetKey],
  );
  api.token = saved.token;

  // Seen or not: the frame may be hidden by the loader, or the whole tab in the background.
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const [unread, setUnread] = useState(0);
  const looking = () => shownRef.current && document.visibilityState === "visible";

  const callFeed = useRef(new Set<(producerId: string) => void>());
  const chat = useVisitorChat(api, {
    onAgentMessage() {
      if (looking()) void api.seen("read").catch(() => {});
      else {
        void api.seen("delivered").catch(() => {});
        setUnread((n) => n + 1);
      }
    },
    onTokenRejected: () => save({ token: null }),
    onCallMedia: (producerId) => {
      for (const listener of callFeed.current) listener(producerId);
    },
  });
  const state = chat.conversation?.state ?? null;
  const live = state === "QUEUED" || state === "ACTIVE";
  const isCall = !!chat.conversation?.call;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    tellHost({ centrala: "unread", count: unread });
  }, [unread]);
  useEffect(() => {
    if (state) tellHost({ centrala: "conversation", active: live });
  }, [state, live]);
  // Coming into view (or back to the tab) reads what the agent wrote meanwhile.
  const hasAgentMessages = !!chat.conversation?.messages.some((m) => m.from === "AGENT");
  useEffect(() => {
    const read = () => {
      if (!looking() || !hasAgentMessages || state !== "ACTIVE") return;
      setUnread(0);
      void api.seen("read").catch(() => {});
    };
    read();
    document.addEventListener("visibilitychange", read);
    return () => document.removeEventListener("visibilitychange", read);
  }, [shown, hasAgentMessages, state, api]);

  async function start(values: PreChatValues, channel: "CHAT" | "VOICE") {
    const result = await api.start({ ...values, channel, language: locale, ...(host.identity ? { identity: host.identity } : {}) });
    const unavailable = result.state === "QUEUED" ? null : result.state;
    // A full queue keeps what was written in the (unserved) case; otherwise it waits in the draft.
    save({
      token: result.token,
      unavailable,
      notice: result.message,
      draft: unavailable && unavailable !== "FULL" ? values.message : "",
      name: values.name,
      email: values.email,
      phone: values.phone,
    });
    api.token = result.token;
    if (result.state === "CLOSED" && !config.open && values.message) await leave(values.message);
  }

  async function leave(body: string) {
    await api.leaveMessage(body);
    save({ unavailable: null, notice: "", draft: "" });
    await chat.refresh();
  }

  function newChat() {
    save({ token: null, unavailable: null, notice: "", draft: "" });
    chat.setConversation(null);
  }

  const [confirmEnd, setConfirmEnd] = useState(false);
  // "Call me back" open, with what the visitor had typed into the chat form.
  const [callback, setCallback] = useState<CallbackValues | null>(null);
  const title = config.title[locale] || t("defaultTitle");
  const subtitle = isCall
    ? t(state === "ACTIVE" ? "call.title" : state === "QUEUED" ? (chat.conversation?.call?.ivr ? "call.calling" : "call.waiting") : "call.ended")
    : state === "QUEUED"
      ? `${t("waiting")} ${chat.conversation?.position ? t("position", { position: chat.conversation.position }) : ""}`
      : state === "ACTIVE" && chat.conversation?.agent
        ? t("joined", { agent: chat.conversation.agent })
        : config.greeting[locale] || t("defaultGreeting");
  const messages = [...(chat.conversation?.messages ?? []), ...chat.pending];

  return (
    <div className="flex h-dvh flex-col bg-white text-slate-900">
      <WidgetHeader color={config.color} title={title} subtitle={subtitle}>
        {live && !isCall && (
          <button type="button" onClick={() => setConfirmEnd(true)} className="rounded px-2 py-1 text-xs ring-1 ring-white/60 hover:bg-white/10">
            {t("end")}
          </button>
        )}
        {embedded() && (
          <button
            type="button"
            aria-label={t("minimize")}
            title={t("minimize")}
            onClick={() => tellHost({ centrala: "minimize" })}
            className="rounded p-1 hover:bg-white/10"
          >
            <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
              <path d="m6 9 6 6 6-6" />
            </svg>
          </button>
        )}
      </WidgetHeader>
      {confirmEnd && live && (
        <div className="flex items-center gap-2 bg-amber-50 px-4 py-2 text-sm" role="alertdialog" aria-label={t("endConfirm")}>
          <span className="flex-1">{t("endConfirm")}</span>
          <button
            type="button"
            className="rounded bg-red-600 px-2 py-1 text-white"
            onClick={async () => {
              setConfirmEnd(false);
              await api.end().catch(() => {});
              await chat.refresh();
            }}
          >
            {t("endYes")}
          </button>
          <button type="button" className="rounded px-2 py-1 ring-1 ring-slate-300" onClick={() => setConfirmEnd(false)}>
            {t("endNo")}
          </button>
        </div>
      )}
      {!chat.connected && live && (
        <p className="bg-amber-100 px-4 py-1 text-xs text-amber-900" role="status">
          {t("reconnecting")}
        </p>
      )}
      <main className="min-h-0 flex-1 overflow-y-auto">
        {!chat.conversation ? (
          <p className="p-6 text-center text-sm text-slate-500">{t("loading")}</p>
        ) : state === "NONE" && callback ? (
          <CallbackForm
            api={api}
            color={config.color}
            locale={locale}
            initial={callback}
            onDone={(v) => save({ name: v.name || saved.name, phone: v.phone })}
            onBack={() => setCallback(null)}
          />
        ) : state === "NONE" && !saved.unavailable ? (
          <PreChatForm
            config={config}
            locale={locale}
            verified={!!host.identity}
            initial={{ name: saved.name || host.name, email: saved.email || host.email, phone: saved.phone, topic: "", pin: "", message: saved.draft }}
            onSubmit={start}
            onCallback={(v) => setCallback({ phone: v.phone, name: v.name, topic: "" })}
          />
        ) : (state === "NONE" && saved.unavailable) || state === "UNSERVED" ? (
          <LeaveMessage
            reason={state === "UNSERVED" && saved.unavailable !== "FULL" ? "UNSERVED" : (saved.unavailable ?? "UNSERVED")}
            notice={saved.notice || chat.conversation.notice}
            draft={saved.draft}
            color={config.color}
            onSend={leave}
          />
        ) : state === "LEFT_MESSAGE" ? (
          <div className="space-y-4 p-6 text-center" data-testid="message-left">
            <p className="text-sm text-slate-700">{t("left")}</p>
            <button type="button" onClick={newChat} className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
              {t("newChat")}
            </button>
          </div>
        ) : (
          <>
            {isCall ? (
              <CallView api={api} conversation={chat.conversation} feed={callFeed.current} onHungUp={() => void chat.refresh()} />
            ) : (
              <MessageList
                messages={messages}
                agentReadAt={chat.conversation.agentReadAt}
                agentTyping={chat.agentTyping}
                agent={chat.conversation.agent}
                color={config.color}
                api={api}
                onRetry={(m) => void chat.send(m.body, m.attachments, m.id)}
                onDiscard={(m) => chat.discard(m.id)}
              />
            )}
            {state === "ENDED" && (
              <Finished
                api={api}
                color={config.color}
                rateable={!!chat.conversation.agent}
                rated={chat.conversation.rating !== null}
                transcripts={config.transcripts && !isCall}
                email={saved.email}
                onNewChat={newChat}
              />
            )}
          </>
        )}
      </main>
      {live && !isCall && (
        <Composer
          api={api}
          color={config.color}
          attachments={config.attachments}
          maxFileMegabytes={config.maxFileMegabytes}
          onSend={(body, files) => void chat.send(body, files)}
        />
      )}
      <p className="py-1 text-center text-[10px] text-slate-400">{t("poweredBy")}</p>
    </div>
  );
}
