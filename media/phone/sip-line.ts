// One Janus SIP plugin handle: a SIP user agent that carries one call at a time. janode's own SIP
// wrapper drops events it does not know (183 early media, INFO, transfer, hold...) and fails the
// request that was waiting; this handle passes every plugin event on as it came.
import type { JanodeSession } from "janode";
import Handle from "janode/handle";

export interface SipEvent {
  /** The plugin's event name: registered, registration_failed, incomingcall, calling, ringing,
   * progress, accepted, hangup, info, dtmf, transfer, missed_call, ... */
  event: string;
  callId?: string;
  result: Record<string, unknown>;
  jsep?: { type: "offer" | "answer"; sdp: string };
}

export class SipLine extends Handle {
  /** Plugin events as they arrive. */
  onSip: (e: SipEvent) => void = () => {};
  /** Janus closed the WebRTC side (ICE failure, DTLS alert, hangup). */
  onMediaHangup: (reason: string) => void = () => {};
  /** The WebRTC side is up (ICE + DTLS done). */
  onWebrtcUp: () => void = () => {};

  constructor(session: JanodeSession, id: number) {
    super(session, id);
    this.on("handle_hangup", (d: { reason?: string }) => this.onMediaHangup(d?.reason ?? ""));
    this.on("handle_webrtcup", () => this.onWebrtcUp());
  }

  override handleMessage(message: Record<string, unknown>) {
    const plugindata = message.plugindata as { data?: Record<string, unknown> } | undefined;
    const data = plugindata?.data;
    if (!data || !("sip" in data)) return null;
    const transaction = message.transaction as string | undefined;
    if (data.error) {
      if (transaction) this.closeTransactionWithError(transaction, new Error(`${data.error_code} ${data.error}`));
      return true;
    }
    const result = (data.result ?? {}) as Record<string, unknown>;
    const event: SipEvent = {
      event: String(result.event ?? ""),
      callId: (data.call_id as string | undefined) ?? undefined,
      result,
      jsep: message.jsep as SipEvent["jsep"],
    };
    if (transaction) this.closeTransactionWithSuccess(transaction, event);
    this.onSip(event);
    return true;
  }

  /** Sends a request; resolves with the plugin's first answer to it (an event such as
   * "registering" or "calling"), rejects with the plugin's error. */
  request(body: Record<string, unknown>, jsep?: { type: string; sdp: string }) {
    return this.message(body, jsep) as Promise<SipEvent>;
  }
}

export const sipLineDescriptor = { id: "janus.plugin.sip", Handle: SipLine };
