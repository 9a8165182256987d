// The telephones on this node's calls, as the phone side drives them: IVR and campaign prompts,
// keys an agent presses, re-INVITEs (hold, resume), a tap on the phone's RTP for
// answering-machine detection, and a fax modem on the line. Each is a PhoneLeg in its call's room (media/phone/phone-leg.ts).
import type { Law } from "./phone/g711.ts";
import type { PhoneLeg } from "./phone/phone-leg.ts";
import { MediaError } from "./room.ts";
import type { Rooms } from "./rooms.ts";

export class RoomPhones {
  constructor(private readonly rooms: Rooms) {}

  private leg(callId: string, partyId: string): PhoneLeg | null {
    return this.rooms.get(callId)?.parties.get(partyId)?.phone ?? null;
  }

  /** A re-INVITE's offer to a telephone already on the call (hold, resume...): our answer. */
  reanswer(callId: string, partyId: string, offer: string): string {
    const { party } = this.rooms.party(callId, partyId);
    if (!party.phone) throw new MediaError("Not a telephone", "BAD_MEDIA");
    return party.phone.reanswer(offer);
  }

  /** A prompt to the telephone `partyId`; `done` once it has been played to the end. */
  playPrompt(callId: string, partyId: string, audio: Uint8Array, done: () => void) {
    if (!this.leg(callId, partyId)?.playPrompt(audio, done)) throw new MediaError("There is no telephone to play to", "BAD_MEDIA");
  }

  stopPrompt(callId: string, partyId: string) {
    this.leg(callId, partyId)?.stopPrompt();
  }

  /** The telephone's RTP as it arrives, to `listener` too (answering-machine detection); null before its audio starts. */
  tap(callId: string, partyId: string, listener: (packet: Buffer) => void): { law: Law; stop: () => void } | null {
    const leg = this.leg(callId, partyId);
    return leg?.law ? { law: leg.law, stop: leg.onRtp(listener) } : null;
  }

  /** A fax modem on the telephone `partyId` (media/phone/phone-leg.ts fax()); null before its audio starts. */
  fax(callId: string, partyId: string, receive: (packet: Buffer) => void) {
    return this.leg(callId, partyId)?.fax(receive) ?? null;
  }

  /** Keys an agent presses, played to the telephone `partyId` (or every telephone on the call). */
  sendDigits(callId: string, digits: string, partyId?: string) {
    let sent = false;
    for (const [id, p] of this.rooms.get(callId)?.parties ?? []) {
      if (!p.phone || (partyId && id !== partyId)) continue;
      p.phone.sendDigits(digits);
      sent = true;
    }
    if (!sent) throw new MediaError("There is no telephone on this call", "BAD_MEDIA");
  }
}
