"use client";
// "Call us" in the widget: the visitor's browser call — waiting for an agent (place in the
// queue), then talking (with whom, how long), with mute and hang up. The audio code
// (mediasoup-client) loads only when a call starts, so chatting visitors never download it.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { CallMedia, CallSignaller, MediaProblem } from "../../_client/call-media.ts";
import { formatDuration, useNow } from "../../_client/use-now.ts";
import type { Conversation, VisitorApi } from "./visitor-api.ts";
import { AccentButton } from "./widget-ui.tsx";

export function CallView({
  api,
  conversation,
  feed,
  onHungUp,
}: {
  api: VisitorApi;
  conversation: Conversation;
  /** Audio announced on the widget's live feed. */
  feed: Set<(producerId: string) => void>;
  onHungUp(): void;
}) {
  const t = useTranslations("visitorWidget.call");
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const [connected, setConnected] = useState(false);
  const [muted, setMuted] = useState(false);
  const media = useRef<CallMedia | null>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const now = useNow(1000);
  const call = conversation.call;
  const live = call?.state === "RINGING" || call?.state === "ACTIVE";

  useEffect(() => {
    if (!live) return;
    let m: CallMedia | null = null;
    let stopped = false;
    const signaller: CallSignaller = {
      join: () => api.callApi("join"),
      connect: async (transportId, dtlsParameters) => void (await api.callApi("connect", { transportId, dtlsParameters })),
      produce: async (rtpParameters) => (await api.callApi<{ id: string }>("produce", { rtpParameters })).id,
      consume: (producerId, rtpCapabilities) => api.callApi("consume", { producerId, rtpCapabilities }),
      resume: async (consumerId) => void (await api.callApi("resume", { consumerId })),
      onProducer: (listener) => {
        // The widget's feed carries only other parties' audio (media/media-listener.ts).
        const each = (producerId: string) => listener(producerId, null);
        feed.add(each);
        return () => feed.delete(each);
      },
    };
    void import("../../_client/call-media.ts").then(({ CallMedia }) => {
      if (stopped) return;
      m = new CallMedia(signaller, (state, p) => {
        setConnected(state === "connected");
        setProblem(p);
      });
      media.current = m;
      m.attach(audio.current);
      void m.start();
    });
    return () => {
      stopped = true;
      m?.close();
      media.current = null;
    };
  }, [live, api, feed]);

  if (!call) return null;
  const talking = call.state === "ACTIVE";
  return (
    <section className="space-y-4 p-6 text-center" aria-label={t("title")} data-testid="visitor-call" data-state={call.state}>
      <audio ref={audio} autoPlay data-testid="call-audio" />
      <p className="text-lg font-semibold" data-testid="call-status">
        {call.state === "ENDED" ? t("ended") : talking ? (call.held ? t("held") : t("talking", { agent: conversation.agent ?? "" })) : call.message ? t("recordingMessage") : call.ivr ? t("menu") : t("waiting")}
      </p>
      {live && call.ivr && <Keypad onKey={(digit) => void api.callApi("digit", { digit }).catch(() => {})} />}
      {call.state === "RINGING" && conversation.position && <p className="text-sm text-slate-600">{t("position", { position: conversation.position })}</p>}
      {talking && call.answeredAt && <p className="text-sm text-slate-600 tabular-nums">{formatDuration(now - new Date(call.answeredAt).getTime())}</p>}
      {live && (
        <p className="text-xs text-slate-500" role="status">
          {problem ? <span className="text-red-700">{t(`problem.${problem}`)}</span> : connected ? t("audioOk") : t("connecting")}
        </p>
      )}
      {live && (
        <div className="flex justify-center gap-2">
          <button
            type="button"
            aria-pressed={muted}
            onClick={() => {
              const next = !muted;
              setMuted(next);
              media.current?.setMuted(next);
              void api.callApi("mute", { muted: next }).catch(() => {});
            }}
            className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            {muted ? t("unmute") : t("mute")}
          </button>
          <AccentButton
            color="#dc2626"
            onClick={async () => {
              await api.callApi("hangup").catch(() => {});
              onHungUp();
            }}
          >
            {t("hangUp")}
          </AccentButton>
        </div>
      )}
    </section>
  );
}

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

/** The keys a web caller presses in the IVR menu (what a telephone's keypad would send). */
function Keypad({ onKey }: { onKey(digit: string): void }) {
  const t = useTranslations("visitorWidget.call");
  return (
    <div className="mx-auto grid w-48 grid-cols-3 gap-2" role="group" aria-label={t("keypad")} data-testid="call-keypad">
      {KEYS.map((k) => (
        <button
          key={k}
          type="button"
          onClick={() => onKey(k)}
          className="rounded-md py-2 text-lg font-medium tabular-nums ring-1 ring-slate-300 hover:bg-slate-50 active:bg-slate-100"
        >
          {k}
        </button>
      ))}
    </div>
  );
}
