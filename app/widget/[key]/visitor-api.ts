// The visitor's side of /api/widget (channels/chat/widget-http.ts): JSON calls with the visitor's
// token, uploads, and the live feed (server-sent events read with fetch, so the token stays in a
// header). Errors come back as VisitorApiError carrying the server's code, reason and field errors.
import { readServerEvents } from "../../_client/server-events.ts";

export type WidgetConfig = {
  name: string;
  color: string;
  position: "left" | "right";
  languages: ("pl" | "en" | "ru")[];
  title: Partial<Record<string, string>>;
  greeting: Partial<Record<string, string>>;
  topics: { id: string; label: Partial<Record<string, string>> }[];
  requireName: boolean;
  contact: "email" | "phone" | "email_or_phone" | "email_and_phone" | "none";
  askPin: boolean;
  transcripts: boolean;
  attachments: boolean;
  maxFileMegabytes: number;
  /** "Call us" is offered (the widget allows it and voice works). */
  calls: boolean;
  /** "Call me back" is offered (a line to call out on, a queue that takes calls). */
  callbacks: boolean;
  open: boolean;
};

export type Attachment = { id: string; fileName: string; contentType: string; size: number };
export type VisitorMessage = { id: string; from: "CONTACT" | "AGENT" | "SYSTEM"; author: string | null; body: string; at: string; attachments: Attachment[] };
export type ConversationState = "NONE" | "QUEUED" | "ACTIVE" | "ENDED" | "LEFT_MESSAGE" | "UNSERVED";
export type Conversation = {
  interactionId: string | null;
  state: ConversationState;
  messages: VisitorMessage[];
  agent: string | null;
  position: number | null;
  rating: number | null;
  agentReadAt: string | null;
  /** Why a conversation left the queue unserved, in the queue's own words (may be empty). */
  notice: string;
  /** A "Call us" conversation's call: RINGING while it waits for an agent. */
  /** `ivr`: in the widget's IVR flow — the keypad is shown. */
  /** `message`: their voicemail is being recorded (# ends it). */
  call: { state: "RINGING" | "ACTIVE" | "ENDED"; held: boolean; ivr: boolean; message: boolean; answeredAt: string | null } | null;
};
/** A call-back asked for: the number we will call (E.164) and when (ISO; null: as soon as possible). */
export type CallbackResult = { ok: true; id: string; phone: string; at: string | null };
export type StartResult = { token: string; state: "QUEUED" | "CLOSED" | "NO_AGENTS" | "FULL"; message: string; verified: boolean };
export type FeedEvent =
  | { kind: "hello" }
  | { kind: "message"; message: VisitorMessage }
  | { kind: "typing"; typing: boolean }
  | { kind: "read"; at: string }
  | { kind: "state" }
  | { kind: "call_media"; producerId: string };

export type FieldIssue = { path: string; code: string; message: string };

export class VisitorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string | undefined,
    readonly fields: FieldIssue[],
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response) {
  const body = (await res.json().catch(() => ({}))) as { code?: string; reason?: string; message?: string; fields?: FieldIssue[] };
  return new VisitorApiError(res.status, body.code ?? "INTERNAL", body.reason, body.fields ?? [], body.message ?? `HTTP ${res.status}`);
}

export class VisitorApi {
  constructor(
    readonly widgetKey: string,
    public token: string | null,
  ) {}

  private headers(json: boolean): HeadersInit {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...(json ? { "content-type": "application/json" } : {}) };
  }

  async call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`/api/widget/${path}`, {
        method,
        headers: this.headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new VisitorApiError(0, "UNAVAILABLE", "OFFLINE", [], "network error");
    }
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }

  config = () => this.call<WidgetConfig>("GET", `${this.widgetKey}/config`);
  start = (form: Record<string, unknown>) => this.call<StartResult>("POST", `${this.widgetKey}/start`, form);
  conversation = () => this.call<Conversation>("GET", "conversation");
  send = (body: string, attachmentIds: string[] = []) => this.call<{ id: string; at: string }>("POST", "messages", { body, attachmentIds });
  typing = (typing: boolean) => this.call("POST", "typing", { typing });
  seen = (what: "delivered" | "read") => this.call("POST", "seen", { what });
  end = () => this.call("POST", "end", {});
  rate = (rating: number, comment: string) => this.call("POST", "rating", { rating, comment });
  leaveMessage = (body: string) => this.call<{ caseId: string }>("POST", "leave-message", { body });
  transcript = (email: string) => this.call("POST", "transcript", { email });
  /** "Call me back" (channels/chat/callback-http.ts). */
  requestCallback = (form: { phone: string; name: string; topic: string; at: string | null; language: string }) =>
    this.call<CallbackResult>("POST", `${this.widgetKey}/callback`, form);
  /** The call's media and controls (channels/chat/visitor-call-routes.ts). */
  callApi = <T>(action: string, body: Record<string, unknown> = {}) => this.call<T>("POST", `call/${action}`, body);

  async upload(file: File): Promise<Attachment> {
    const form = new FormData();
    form.append("file", file, file.name);
    let res: Response;
    try {
      res = await fetch("/api/widget/attachments", { method: "POST", headers: this.headers(false), body: form });
    } catch {
      throw new VisitorApiError(0, "UNAVAILABLE", "OFFLINE", [], "network error");
    }
    if (!res.ok) throw await failure(res);
    return (await res.json()) as Attachment;
  }

  /** An attachment as a blob URL (downloads need the token, so a plain link would not do). */
  async attachmentUrl(id: string) {
    const res = await fetch(`/api/widget/attachments/${id}`, { headers: this.headers(false) });
    if (!res.ok) throw await failure(res);
    return URL.createObjectURL(await res.blob());
  }

  /**
   * Reads the live feed until `signal` aborts; reconnects with back-off when the stream drops,
   * calling onReconnect so the caller can fetch whatever it missed.
   */
  async listen(onEvent: (e: FeedEvent) => void, onConnection: (up: boolean) => void, signal: AbortSignal) {
    let delay = 1000;
    while (!signal.aborted) {
      try {
        const res = await fetch("/api/widget/events", { headers: this.headers(false), signal });
        if (!res.ok || !res.body) throw await failure(res);
        onConnection(true);
        delay = 1000;
        await readServerEvents(res.body, (e) => onEvent(e as FeedEvent));
      } catch (err) {
        if (signal.aborted) return;
        // A token the server no longer accepts will not start working by retrying.
        if (err instanceof VisitorApiError && (err.status === 401 || err.status === 403)) throw err;
      }
      onConnection(false);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15_000);
    }
  }
}
