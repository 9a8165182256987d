"use client";
// One visitor's conversation, live: loaded once, then kept current by the event feed (refetched
// after every reconnect, so nothing said while the connection was down is missed). Sending is
// optimistic; a message that fails stays on screen with its error and can be sent again.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Conversation, VisitorApi, VisitorMessage } from "./visitor-api.ts";
import { VisitorApiError } from "./visitor-api.ts";

export type ShownMessage = VisitorMessage & { pending?: boolean; error?: VisitorApiError };

export const NO_CONVERSATION: Conversation = {
  interactionId: null,
  state: "NONE",
  messages: [],
  agent: null,
  position: null,
  rating: null,
  agentReadAt: null,
  notice: "",
  call: null,
};

const LIVE = ["QUEUED", "ACTIVE"];
const QUEUE_POLL_MS = 10_000;
const TYPING_SHOWN_MS = 8_000;

export function useVisitorChat(api: VisitorApi, hooks: { onAgentMessage(): void; onTokenRejected(): void; onCallMedia?(producerId: string): void }) {
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [pending, setPending] = useState<ShownMessage[]>([]);
  const [agentTyping, setAgentTyping] = useState(false);
  const [connected, setConnected] = useState(true);
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;

  const refresh = useCallback(async () => {
    if (!api.token) return setConversation(NO_CONVERSATION);
    try {
      setConversation(await api.conversation());
    } catch (err) {
      if (err instanceof VisitorApiError && (err.status === 401 || err.status === 403)) {
        hooksRef.current.onTokenRejected();
        setConversation(NO_CONVERSATION);
      } else setConnected(false);
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh, api.token]);

  const live = !!conversation && LIVE.includes(conversation.state);

  useEffect(() => {
    if (!live || !api.token) return;
    const stop = new AbortController();
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    let first = true;
    api
      .listen(
        (e) => {
          if (e.kind === "message") {
            setConversation((c) => (c && !c.messages.some((m) => m.id === e.message.id) ? { ...c, messages: [...c.messages, e.message] } : c));
            if (e.message.from === "AGENT") {
              setAgentTyping(false);
              hooksRef.current.onAgentMessage();
            }
          } else if (e.kind === "typing") {
            clearTimeout(typingTimer);
            setAgentTyping(e.typing);
            if (e.typing) typingTimer = setTimeout(() => setAgentTyping(false), TYPING_SHOWN_MS);
          } else if (e.kind === "read") {
            setConversation((c) => (c ? { ...c, agentReadAt: e.at } : c));
          } else if (e.kind === "call_media") hooksRef.current.onCallMedia?.(e.producerId);
          else if (e.kind === "state") void refresh();
        },
        (up) => {
          setConnected(up);
          if (up && !first) void refresh();
          first = false;
        },
        stop.signal,
      )
      .catch(() => hooksRef.current.onTokenRejected());
    return () => {
      stop.abort();
      clearTimeout(typingTimer);
    };
  }, [live, api, refresh]);

  // Waiting: the place in the queue moves as others are served, which sends no event.
  const queued = conversation?.state === "QUEUED";
  useEffect(() => {
    if (!queued) return;
    const timer = setInterval(() => void refresh(), QUEUE_POLL_MS);
    return () => clearInterval(timer);
  }, [queued, refresh]);

  const send = useCallback(
    async (body: string, attachments: VisitorMessage["attachments"] = [], retryOf?: string) => {
      const tempId = retryOf ?? `pending-${Date.now()}-${Math.random()}`;
      const draft: ShownMessage = { id: tempId, from: "CONTACT", author: null, body, at: new Date().toISOString(), attachments, pending: true };
      setPending((p) => [...p.filter((m) => m.id !== tempId), draft]);
      try {
        const sent = await api.send(
          body,
          attachments.map((a) => a.id),
        );
        setPending((p) => p.filter((m) => m.id !== tempId));
        setConversation((c) => (c ? { ...c, messages: [...c.messages, { ...draft, id: sent.id, at: sent.at, pending: undefined }] } : c));
      } catch (err) {
        const error = err instanceof VisitorApiError ? err : new VisitorApiError(0, "INTERNAL", undefined, [], String(err));
        setPending((p) => p.map((m) => (m.id === tempId ? { ...m, pending: false, error } : m)));
        if (error.reason === "CONVERSATION_ENDED") void refresh();
      }
    },
    [api, refresh],
  );

  const discard = useCallback((id: string) => setPending((p) => p.filter((m) => m.id !== id)), []);

  return { conversation, setConversation, pending, agentTyping, connected, refresh, send, discard };
}
