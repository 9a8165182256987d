// A browser on a call: a WebRTC transport to send its microphone and one to receive the others,
// and consumers of the voices it may hear (started paused; the audio plan resumes them).
import type { types } from "mediasoup";
import { MUSIC, PROMPT } from "../domain/voice/audio-plan.ts";
import type { Config } from "../lib/config.ts";
import { type ConsumerOptions, type JoinResult, MediaError, type Party, type Room, type TransportOptions } from "./room.ts";

function transport(router: types.Router, settings: Config["media"], announced: string): Promise<types.WebRtcTransport> {
  return router.createWebRtcTransport({
    listenInfos: [
      { protocol: "udp", ip: settings.listenIp, announcedAddress: announced },
      { protocol: "tcp", ip: settings.listenIp, announcedAddress: announced },
    ],
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: 64_000,
  });
}

/** A browser's party on the room, and what its page needs to connect. */
export async function openBrowserParty(room: Room, settings: Config["media"], announced: string): Promise<{ party: Party; join: JoinResult }> {
  const [send, recv] = await Promise.all([transport(room.router, settings, announced), transport(room.router, settings, announced)]);
  const options = (t: types.WebRtcTransport): TransportOptions => ({
    id: t.id,
    iceParameters: t.iceParameters,
    iceCandidates: t.iceCandidates,
    dtlsParameters: t.dtlsParameters,
  });
  const turn = settings.turn;
  return {
    party: { send, recv, producer: null, consumers: new Map() },
    join: {
      routerRtpCapabilities: room.router.rtpCapabilities,
      send: options(send),
      recv: options(recv),
      iceServers: turn ? [{ urls: turn.urls, username: turn.username, credential: turn.credential }] : [],
    },
  };
}

/** A consumer of another voice on the room (a party's, the music, the prompts) for `partyId`,
 * paused until resumed — and kept paused while the plan says this party must not hear that one. */
export async function consumeVoice(room: Room, partyId: string, party: Party, producerId: string, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerOptions> {
  const speaker: [string, unknown] | undefined =
    room.music?.producer.id === producerId
      ? [MUSIC, null]
      : room.prompt?.producer.id === producerId
        ? [PROMPT, null]
        : [...room.parties].find(([, p]) => p.producer?.id === producerId);
  if (!speaker) throw new MediaError("That audio is gone", "BAD_MEDIA");
  if (speaker[0] === partyId) throw new MediaError("Your own audio is not played back to you", "BAD_MEDIA");
  if (!room.router.canConsume({ producerId, rtpCapabilities })) throw new MediaError("This browser cannot play the call's audio", "BAD_MEDIA");
  party.consumers.get(speaker[0])?.close();
  const consumer = await party.recv.consume({ producerId, rtpCapabilities, paused: true });
  party.consumers.set(speaker[0], consumer);
  // The speaker left (or reconnected with a new microphone): forget the dead consumer.
  consumer.on("producerclose", () => {
    if (party.consumers.get(speaker[0]) === consumer) party.consumers.delete(speaker[0]);
  });
  return { id: consumer.id, producerId, partyId: speaker[0], kind: "audio", rtpParameters: consumer.rtpParameters };
}
