// The call-media port over this process's own media service (and its phone gateway): the media
// errors become the coded errors every API speaks.
import type { types } from "mediasoup";
import type { CallMedia, MediaJson } from "../domain/ports.ts";
import { DomainError } from "../domain/shared/errors.ts";
import type { MediaListener } from "./media-listener.ts";
import type { MediaService } from "./media-service.ts";
import type { PhoneService } from "./phone/phone-service.ts";
import { mediaCall } from "./room.ts";

const NOT_HERE = "this server does not run the media service";

export function localCallMedia(media: MediaService | null, calls: MediaListener | null, phone: PhoneService | null): CallMedia {
  /** The running media service, or a coded "voice is off" with the reason. */
  const need = (): MediaService => {
    if (!media?.enabled) throw new DomainError("UNAVAILABLE", `Voice is off: ${media?.disabledReason ?? NOT_HERE}`, { reason: "VOICE_DISABLED" });
    return media;
  };
  const needPhone = (): PhoneService => {
    if (!phone) throw new DomainError("UNAVAILABLE", "Calls to phones are off here", { reason: "PHONE_OFF" });
    return phone;
  };
  return {
    status: () => ({ enabled: !!media?.enabled, reason: media?.enabled ? null : (media?.disabledReason ?? NOT_HERE) }),
    phoneProblem: () => (phone ? phone.problem : NOT_HERE),
    join: (callId, partyId) =>
      mediaCall(async () => {
        const m = need();
        const join = await m.join(callId, partyId);
        return { ...(join as unknown as MediaJson), producers: m.producers(callId, partyId) };
      }),
    connect: (callId, partyId, transportId, dtls) => mediaCall(() => need().connect(callId, partyId, transportId, dtls as unknown as types.DtlsParameters)),
    produce: (callId, partyId, rtp) => mediaCall(() => need().produce(callId, partyId, rtp as unknown as types.RtpParameters)),
    consume: (callId, partyId, producerId, caps) =>
      mediaCall(async () => (await need().consume(callId, partyId, producerId, caps as unknown as types.RtpCapabilities)) as unknown as MediaJson),
    resume: (callId, partyId, consumerId) => mediaCall(() => need().resume(callId, partyId, consumerId)),
    setMuted: (callId, partyId, muted) => mediaCall(() => need().setMuted(callId, partyId, muted)),
    record: async (callId, target) => {
      if (!calls) throw new DomainError("UNAVAILABLE", "Voice is off on this server", { reason: "VOICE_DISABLED" });
      return mediaCall(() => calls.record(callId, target));
    },
    setRecordingPaused: async (callId, paused) => media?.setRecordingPaused(callId, paused),
    transferToNumber: async (callId, number) => {
      const p = needPhone();
      try {
        await p.transferToNumber(callId, number);
      } catch (err) {
        throw new DomainError("CONFLICT", `The transfer could not be asked for: ${(err as Error).message}`, { reason: "TRANSFER_FAILED" });
      }
    },
    sendDigits: (callId, digits, partyId) => mediaCall(async () => needPhone().sendDigits(callId, digits, partyId)),
  };
}
