// The stream a telephone hears, from its PhoneMixer into the call's router and out towards Janus: a
// Producer fed by the mixer over plain RTP, and a Consumer of it on the Janus-facing transport. That
// Consumer's SSRC goes into our SDP, and it must not change: Janus 1.1.2 drops every packet whose
// SSRC the SDP did not state (it could also match streams by the mid header extension, which its
// SIP plugin never negotiates). A call we place states it in our offer, before the far end has
// chosen A-law or µ-law — so this one Producer/Consumer pair has to carry either law.
//
// mediasoup allows it once the Producer's stream exists: an encoding is tied to one codec only for
// the packet that opens the stream (a packet of another payload type cannot open it, and is
// dropped); later packets with that SSRC may carry any payload type the Producer lists, and a
// Consumer forwards every media codec it lists. So the Producer lists PCMA and PCMU, one silent
// A-law frame opens its stream before anything consumes it, and from then on the mixer sends the
// law the telephone took, which reaches Janus — and through it the trunk, unchanged — with the
// negotiated payload type.
import type { types } from "mediasoup";
import { PAYLOAD_TYPE } from "./g711.ts";
import type { PhoneMixer } from "./phone-mixer.ts";

/** The router's G.711 codecs, as the mixer takes them in and as the feed carries them. */
export const G711_CAPS: types.RtpCapabilities = {
  codecs: [
    { kind: "audio", mimeType: "audio/PCMA", clockRate: 8000, channels: 1, preferredPayloadType: PAYLOAD_TYPE.alaw },
    { kind: "audio", mimeType: "audio/PCMU", clockRate: 8000, channels: 1, preferredPayloadType: PAYLOAD_TYPE.ulaw },
  ],
  headerExtensions: [],
};

export interface PhoneFeed {
  transport: types.PlainTransport;
  producer: types.Producer;
  /** On the transport towards Janus; its SSRC is the one our SDP states. */
  consumer: types.Consumer;
  /** The mixer's input socket's port (where the voices the phone hears are forwarded). */
  mixerInput: number;
}

/** Opens `mixer`'s stream into `router` and consumes it on `towards` (not started: the mixer sends
 * nothing until it knows the telephone's law). */
export async function openPhoneFeed(router: types.Router, mixer: PhoneMixer, towards: types.Transport): Promise<PhoneFeed> {
  const transport = await router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
  try {
    const mixerInput = await mixer.open(transport.tuple.localPort);
    const producer = await transport.produce({
      kind: "audio",
      rtpParameters: {
        codecs: [
          { mimeType: "audio/PCMA", clockRate: 8000, channels: 1, payloadType: PAYLOAD_TYPE.alaw },
          { mimeType: "audio/PCMU", clockRate: 8000, channels: 1, payloadType: PAYLOAD_TYPE.ulaw },
        ],
        encodings: [{ ssrc: mixer.ssrc, codecPayloadType: PAYLOAD_TYPE.alaw }],
      },
    });
    // The stream exists once the worker has seen its first packet (loopback: a few ms).
    for (let i = 0; (await producer.getStats()).length === 0; i++) {
      if (i === 50) throw new Error("the telephone's stream did not open in the media engine");
      mixer.sendSilence("alaw");
      await new Promise((r) => setTimeout(r, 10));
    }
    const consumer = await towards.consume({ producerId: producer.id, rtpCapabilities: G711_CAPS, paused: false });
    return { transport, producer, consumer, mixerInput };
  } catch (err) {
    transport.close();
    throw err;
  }
}
