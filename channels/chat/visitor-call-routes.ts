// The visitor's side of a "Call us" call: media signalling for their one party on their own
// call (found from their token, never from ids they send), mute, and hanging up.
import type { VisitorContext } from "../../domain/chat/visitor-context.ts";
import { fieldError } from "../../domain/shared/errors.ts";
import { visitorDigit } from "../../domain/ivr/web-ivr.ts";
import { hangUpByVisitor, visitorCallParty } from "../../domain/voice/visitor-call.ts";
import type { MediaJson } from "../../domain/ports.ts";
import { requireVoice } from "../../domain/voice/require-voice.ts";
import type { AppServices } from "../../lib/services.ts";

type Body = Record<string, unknown>;
const text = (b: Body, key: string) => {
  const v = b[key];
  if (typeof v !== "string" || !v || v.length > 200) throw fieldError(key, "required", `${key} is required`);
  return v;
};
const object = (b: Body, key: string): MediaJson => {
  const v = b[key];
  if (!v || typeof v !== "object" || Array.isArray(v)) throw fieldError(key, "required", `${key} is required`);
  return v as MediaJson;
};

export function visitorCallRoutes(app: AppServices): Record<string, (v: VisitorContext, b: Body) => Promise<unknown>> {
  const { deps } = app;
  const media = () => requireVoice(app.callMedia);
  const onCall = async <T>(v: VisitorContext, run: (callId: string, partyId: string) => Promise<T>) => {
    media();
    const { callId, partyId } = await visitorCallParty(v, deps);
    return run(callId, partyId);
  };
  return {
    "POST /api/widget/call/join": (v) => onCall(v, async (callId, partyId) => ({ ...(await media().join(callId, partyId)), partyId })),
    "POST /api/widget/call/connect": (v, b) =>
      onCall(v, (callId, partyId) => media().connect(callId, partyId, text(b, "transportId"), object(b, "dtlsParameters"))).then(() => ({
        ok: true,
      })),
    "POST /api/widget/call/produce": (v, b) =>
      onCall(v, async (callId, partyId) => ({ id: await media().produce(callId, partyId, object(b, "rtpParameters")) })),
    "POST /api/widget/call/consume": (v, b) =>
      onCall(v, (callId, partyId) => media().consume(callId, partyId, text(b, "producerId"), object(b, "rtpCapabilities"))),
    "POST /api/widget/call/resume": (v, b) => onCall(v, (callId, partyId) => media().resume(callId, partyId, text(b, "consumerId"))).then(() => ({ ok: true })),
    "POST /api/widget/call/mute": (v, b) => onCall(v, (callId, partyId) => media().setMuted(callId, partyId, b.muted === true)).then(() => ({ ok: true })),
    "POST /api/widget/call/hangup": (v) => hangUpByVisitor(v, deps).then(() => ({ ok: true })),
    /** A key from the widget's keypad: to the call's IVR flow. */
    "POST /api/widget/call/digit": (v, b) => visitorDigit(v, text(b, "digit"), deps).then(() => ({ ok: true })),
  };
}
