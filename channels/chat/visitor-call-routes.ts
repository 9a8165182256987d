// The visitor's side of a "Call us" call: media signalling for their one party on their own
// call (found from their token, never from ids they send), mute, and hanging up.
import type { types } from "mediasoup";
import type { VisitorContext } from "../../domain/chat/visitor-context.ts";
import { fieldError } from "../../domain/shared/errors.ts";
import { visitorDigit } from "../../domain/ivr/web-ivr.ts";
import { hangUpByVisitor, visitorCallParty } from "../../domain/voice/visitor-call.ts";
import type { AppServices } from "../../lib/services.ts";
import { requireMedia } from "../../media/media-service.ts";
import { mediaCall } from "../../media/room.ts";

type Body = Record<string, unknown>;
const text = (b: Body, key: string) => {
  const v = b[key];
  if (typeof v !== "string" || !v || v.length > 200) throw fieldError(key, "required", `${key} is required`);
  return v;
};
const object = <T = never>(b: Body, key: string): T => {
  const v = b[key];
  if (!v || typeof v !== "object" || Array.isArray(v)) throw fieldError(key, "required", `${key} is required`);
  return v as T;
};

export function visitorCallRoutes(app: AppServices): Record<string, (v: VisitorContext, b: Body) => Promise<unknown>> {
  const { deps } = app;
  const media = () => requireMedia(app.media);
  const onCall = async <T>(v: VisitorContext, run: (callId: string, partyId: string) => Promise<T>) => {
    media();
    const { callId, partyId } = await visitorCallParty(v, deps);
    return mediaCall(() => run(callId, partyId));
  };
  return {
    "POST /api/widget/call/join": (v) =>
      onCall(v, async (callId, partyId) => ({ ...(await media().join(callId, partyId)), partyId, producers: media().producers(callId, partyId) })),
    "POST /api/widget/call/connect": (v, b) =>
      onCall(v, (callId, partyId) => media().connect(callId, partyId, text(b, "transportId"), object<types.DtlsParameters>(b, "dtlsParameters"))).then(() => ({
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
