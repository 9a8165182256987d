// An agent's microphone in a phone test, without a browser: plain RTP into the call's router (a
// PlainTransport producer, as bench:calls' parties speak), sending A-law as browsers do on phone
// calls (joinCallMedia's sendCodec). The media service takes it as the party's audio, exactly as
// if it had been produced over WebRTC: the telephones' mixers hear it by the audio plan, the
// recording takes it as the party's channel.
import dgram from "node:dgram";
import type { types } from "mediasoup";
import type { MediaService } from "../../../media/media-service.ts";

interface Internals {
  rooms: Map<string, { router: types.Router; parties: Map<string, { producer: types.Producer | null }> }>;
  produced(callId: string, partyId: string, producer: types.Producer): Promise<void>;
}

/** `partyId` speaks `alaw` (looping, 20 ms a packet) until close(). */
export async function plainMicrophone(media: MediaService, callId: string, partyId: string, alaw: Uint8Array) {
  await media.join(callId, partyId);
  const inner = media as unknown as Internals;
  const room = inner.rooms.get(callId)!;
  const transport = await room.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
  const ssrc = 0x41000000 + Math.floor(Math.random() * 0xffffff);
  const producer = await transport.produce({
    kind: "audio",
    rtpParameters: { codecs: [{ mimeType: "audio/PCMA", clockRate: 8000, channels: 1, payloadType: 8 }], encodings: [{ ssrc }] },
  });
  room.parties.get(partyId)!.producer = producer;
  await inner.produced(callId, partyId, producer);
  const socket = dgram.createSocket("udp4");
  let seq = 0;
  let at = 0;
  const timer = setInterval(() => {
    if (at + 160 > alaw.length) at = 0;
    const packet = Buffer.alloc(172);
    packet[0] = 0x80;
    packet[1] = 8;
    packet.writeUInt16BE(seq++ & 0xffff, 2);
    packet.writeUInt32BE((seq * 160) >>> 0, 4);
    packet.writeUInt32BE(ssrc, 8);
    packet.set(alaw.subarray(at, at + 160), 12);
    at += 160;
    socket.send(packet, transport.tuple.localPort, "127.0.0.1");
  }, 20);
  return {
    close() {
      clearInterval(timer);
      socket.close();
      transport.close();
    },
  };
}
