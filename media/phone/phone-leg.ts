// A telephone on a call, inside the call's router. Janus's SIP plugin is the WebRTC peer of one
// mediasoup WebRtcTransport: what the phone says arrives as a Producer like any party's
// microphone; what the phone hears is the PhoneMixer's stream (phone-feed.ts), consumed by that
// transport, in whichever G.711 law the telephone took. Keys the caller presses are read by a
// DtmfTap.
import type { types } from "mediasoup";
import { type Law, PAYLOAD_TYPE, lawOf } from "./g711.ts";
import { DtmfTap } from "./dtmf-tap.ts";
import { type JanusSdp, type SdpCodec, buildAnswer, buildOffer, parseJanusSdp, pickCodec, remoteDtlsRole } from "./janus-sdp.ts";
import { G711_CAPS, type PhoneFeed, openPhoneFeed } from "./phone-feed.ts";
import { PhoneMixer } from "./phone-mixer.ts";
import { answerDirection, offeredDirection, withDirection } from "./sip-hold.ts";

const MIME: Record<Law, string> = { alaw: "audio/PCMA", ulaw: "audio/PCMU" };

export interface PhoneLegOptions {
  /** The address Janus reaches the media engine on. */
  listenIp: string;
  /** Codecs to offer on a call we place, in order of preference. */
  codecs: Law[];
  onDigit: (digit: string) => void;
}

/** Why a call coming in cannot be answered as it is offered, or null: an SDP offer needs a codec
 * we carry (a delayed-offer INVITE has none: we offer in our 200 OK). Asked before anything of the
 * call is kept. */
export function offerRefusal(offer: string | null): string | null {
  if (!offer) return null;
  try {
    pickCodec(parseJanusSdp(offer));
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export class PhoneLeg {
  producer: types.Producer | null = null;
  private tap: { transport: types.PlainTransport; tap: DtmfTap } | null = null;
  /** Consumers feeding the mixer, by the speaking party's id. */
  readonly consumers = new Map<string, types.Consumer>();
  /** The telephone's law, once its SDP said it. */
  law: Law | null = null;
  /** Our DTLS role towards Janus, once the first SDP exchange settled it (a re-offer keeps it). */
  private dtlsRole: "client" | "server" = "server";

  private constructor(
    private readonly router: types.Router,
    readonly transport: types.WebRtcTransport,
    private readonly inputs: types.PlainTransport,
    private readonly mixer: PhoneMixer,
    private readonly feed: PhoneFeed,
    private readonly options: PhoneLegOptions,
  ) {}

  static async create(router: types.Router, options: PhoneLegOptions): Promise<PhoneLeg> {
    const transport = await router.createWebRtcTransport({
      listenInfos: [{ protocol: "udp", ip: options.listenIp }],
      // libnice (in Janus) keeps the path alive with indications only: consent checks would end the call at 30 s.
      iceConsentTimeout: 0,
    });
    const inputs = await router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
    const mixer = new PhoneMixer(0x50000000 + Math.floor(Math.random() * 0xfffffff));
    try {
      // Before any SDP: the stream's SSRC goes into our offer or answer.
      const feed = await openPhoneFeed(router, mixer, transport);
      return new PhoneLeg(router, transport, inputs, mixer, feed, options);
    } catch (err) {
      mixer.stop();
      inputs.close();
      transport.close();
      throw err;
    }
  }

  private sendSide() {
    return { ssrc: this.feed.consumer.rtpParameters.encodings![0].ssrc!, cname: this.feed.consumer.rtpParameters.rtcp?.cname ?? "centrala" };
  }

  /** A call we place: our SDP offer for Janus. */
  offer(): string {
    const codecs: SdpCodec[] = this.options.codecs.map((law) => ({ payloadType: PAYLOAD_TYPE[law], mimeType: MIME[law], clockRate: 8000 }));
    codecs.push({ payloadType: 101, mimeType: "audio/telephone-event", clockRate: 8000, fmtp: "0-16" });
    return buildOffer(this.transport, this.sendSide(), codecs);
  }

  /** A call coming in: answers Janus's offer, and starts the phone's audio. */
  async answer(offerSdp: string): Promise<string> {
    const j = parseJanusSdp(offerSdp);
    const { media, dtmf } = pickCodec(j);
    const codecs = dtmf ? [media, dtmf] : [media];
    const answer = buildAnswer(this.transport, this.sendSide(), codecs, j.mid, "server");
    await this.connect(j, "client");
    return answer;
  }

  /** A re-INVITE's offer on the running call (hold, resume, a session refresh): our answer, the
   * same transport and codec, its direction mirroring the offer's. */
  reanswer(offerSdp: string): string {
    const j = parseJanusSdp(offerSdp);
    const { media, dtmf } = pickCodec(j);
    const answer = buildAnswer(this.transport, this.sendSide(), dtmf ? [media, dtmf] : [media], j.mid, this.dtlsRole);
    return withDirection(answer, answerDirection(offeredDirection(offerSdp)));
  }

  /** Janus answered our offer (or sent 183 with SDP: early media). */
  async accept(answerSdp: string) {
    if (this.producer) return;
    const j = parseJanusSdp(answerSdp);
    await this.connect(j, remoteDtlsRole(j.setup));
  }

  private async connect(j: JanusSdp, remoteRole: "client" | "server") {
    if (!j.fingerprint) throw new Error("Janus's SDP has no DTLS fingerprint");
    if (!j.ssrc) throw new Error("Janus's SDP has no a=ssrc: its audio cannot be told apart");
    const { media, dtmf } = pickCodec(j);
    this.law = lawOf(media.mimeType)!;
    this.dtlsRole = remoteRole === "client" ? "server" : "client";
    await this.transport.connect({ dtlsParameters: { role: remoteRole, fingerprints: [{ algorithm: "sha-256", value: j.fingerprint.value }] } });
    const codecs: types.RtpCodecParameters[] = [{ mimeType: media.mimeType, clockRate: 8000, channels: 1, payloadType: media.payloadType }];
    if (dtmf) codecs.push({ mimeType: "audio/telephone-event", clockRate: 8000, payloadType: dtmf.payloadType, parameters: {} });
    this.producer = await this.transport.produce({
      kind: "audio",
      rtpParameters: { codecs, encodings: [{ ssrc: j.ssrc, codecPayloadType: media.payloadType }], rtcp: { cname: j.cname ?? "janus", reducedSize: true } },
    });
    // The mix: its input socket gets the voices the phone hears; it sends the telephone's law.
    await this.inputs.connect({ ip: "127.0.0.1", port: this.feed.mixerInput });
    this.mixer.start(this.law);
    await this.startTap(this.producer);
  }

  /** The telephone's RTP as it arrives (its G.711 audio and key events) goes to `listener` too,
   * until the returned function is called. Nothing before the phone's audio has started. */
  onRtp(listener: (packet: Buffer) => void): () => void {
    const tap = this.tap?.tap;
    if (!tap) return () => {};
    tap.listeners.add(listener);
    return () => tap.listeners.delete(listener);
  }

  /** The phone's stream reaches the tap (keys, and audio for whoever listens); telephone-events under
   * the router's payload type, whatever Janus's was. */
  private async startTap(producer: types.Producer) {
    const transport = await this.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
    const caps: types.RtpCapabilities = {
      codecs: [...G711_CAPS.codecs!, { kind: "audio", mimeType: "audio/telephone-event", clockRate: 8000, preferredPayloadType: 101 }],
      headerExtensions: [],
    };
    const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: caps, paused: false });
    const pt = consumer.rtpParameters.codecs.find((c) => c.mimeType.toLowerCase() === "audio/telephone-event")?.payloadType;
    const tap = new DtmfTap(pt ?? null, this.options.onDigit);
    await transport.connect({ ip: "127.0.0.1", port: await tap.listen() });
    this.tap = { transport, tap };
  }

  /** The phone hears this voice (when the plan lets it: paused otherwise). */
  async hear(speakerId: string, producer: types.Producer) {
    this.consumers.get(speakerId)?.close();
    this.consumers.delete(speakerId);
    if (!this.router.canConsume({ producerId: producer.id, rtpCapabilities: G711_CAPS })) return false;
    const consumer = await this.inputs.consume({ producerId: producer.id, rtpCapabilities: G711_CAPS, paused: true });
    this.consumers.set(speakerId, consumer);
    consumer.on("producerclose", () => {
      if (this.consumers.get(speakerId) === consumer) this.consumers.delete(speakerId);
    });
    return true;
  }

  /** Music on hold, or not; `music`: the queue's uploaded music (A-law), null for the product's. */
  setMusic(on: boolean, music: Uint8Array | null = null) {
    this.mixer.setMusic(on, music);
  }

  /** An IVR prompt (8 kHz A-law), played once; false when the phone's audio has not started. */
  playPrompt(audio: Uint8Array, done: () => void): boolean {
    if (!this.law) return false;
    this.mixer.playPrompt(audio, done);
    return true;
  }

  stopPrompt() {
    this.mixer.stopPrompt();
  }

  /**
   * A fax on this telephone: its RTP as it arrives goes to `receive` (ordered and filled in by the
   * fax line, never through the mixer, which plays packets in arrival order and silence for
   * gaps), and it hears only the frames given to `send`. Null before the phone's audio started.
   */
  fax(receive: (packet: Buffer) => void): { law: Law; send: (frame: Uint8Array) => void; stop: () => void } | null {
    // Its law is known a moment before its audio reaches the tap: not yet, until both.
    if (!this.law || !this.tap) return null;
    const unlisten = this.onRtp(receive);
    const line = this.mixer.takeOver();
    return {
      law: this.law,
      send: line.send,
      stop: () => {
        unlisten();
        line.release();
      },
    };
  }

  /** Keys an agent presses, played to the phone as tones. */
  sendDigits(digits: string) {
    if (this.law) this.mixer.playDigits(digits);
  }

  get mixCounts() {
    return this.mixer.counts;
  }

  close() {
    this.mixer.stop();
    this.tap?.tap.close();
    this.tap?.transport.close();
    this.feed.transport.close();
    this.inputs.close();
    this.transport.close();
  }
}
