// The browser side of a call's audio, for agents (signalled over GraphQL) and web visitors (over
// the widget's HTTP API) alike: a mediasoup-client Device on the call's router, a send transport
// carrying the microphone, a receive transport for the other parties. close() releases it all.
import { Device, type types } from "mediasoup-client";

export type Joined = {
  routerRtpCapabilities: types.RtpCapabilities;
  send: types.TransportOptions;
  recv: types.TransportOptions;
  iceServers: RTCIceServer[];
  partyId: string;
  producers: { partyId: string; producerId: string }[];
  /** The codec to send (audio/PCMA on phone calls: G.711, which a telephone's mixer takes in either law); null: the router's first. */
  sendCodec?: string | null;
};

export interface CallSignaller {
  join(): Promise<Joined>;
  connect(transportId: string, dtlsParameters: types.DtlsParameters): Promise<void>;
  produce(rtpParameters: types.RtpParameters): Promise<string>;
  consume(
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<{ id: string; producerId: string; partyId: string; rtpParameters: types.RtpParameters }>;
  resume(consumerId: string): Promise<void>;
  /** New audio on the call to consume (with the party it comes from); returns a function that stops listening. */
  onProducer(listener: (producerId: string, partyId: string | null) => void): () => void;
}

export type MediaState = "connecting" | "connected" | "failed";
export type MediaProblem = "MICROPHONE" | "NETWORK" | "SERVER";

/** Figures for tests and for the call-quality line: bytes both ways, loss, and the level heard. */
export interface CallAudioStats {
  bytesSent: number;
  bytesReceived: number;
  audioLevel: number;
  packetsLost: number;
  /** Bytes received from each other party, by their party id (who this side actually hears). */
  bytesFrom: Record<string, number>;
}

declare global {
  interface Window {
    centralaCall?: { stats(): Promise<CallAudioStats> };
  }
}

export class CallMedia {
  readonly stream = new MediaStream();
  private closed = false;
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  private producer: types.Producer | null = null;
  private mic: MediaStream | null = null;
  /** Producers already consumed (or being consumed), and the consumer per speaking party. */
  private consumed = new Set<string>();
  private byParty = new Map<string, types.Consumer>();
  private device = new Device();
  private stopFeed: () => void = () => {};
  private meter: { ctx: AudioContext; analyser: AnalyserNode; peak: number; timer: ReturnType<typeof setInterval>; metered: Set<string> } | null = null;
  private muted = false;
  private partyId: string | null = null;
  private sink: HTMLAudioElement | null = null;
  /** Audio announced before the receive side was ready: consumed once it is. */
  private early = new Set<string>();

  constructor(
    private readonly signal: CallSignaller,
    private readonly report: (state: MediaState, problem: MediaProblem | null) => void,
  ) {}

  async start() {
    this.stopFeed = this.signal.onProducer((id, partyId) => {
      if (partyId && partyId === this.partyId) return; // our own microphone
      if (this.recv && this.producer) void this.consume(id).catch(this.fail("SERVER"));
      else this.early.add(id);
    });
    window.centralaCall = { stats: () => this.stats() };
    try {
      const joined = await this.signal.join();
      if (this.closed) return;
      this.partyId = joined.partyId;
      await this.device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
      this.send = this.device.createSendTransport({ ...joined.send, iceServers: joined.iceServers });
      this.recv = this.device.createRecvTransport({ ...joined.recv, iceServers: joined.iceServers });
      for (const t of [this.send, this.recv]) {
        t.on("connect", ({ dtlsParameters }, done, error) => {
          this.signal.connect(t.id, dtlsParameters).then(done, error);
        });
        t.on("connectionstatechange", (s) => {
          if (s === "connected") this.report("connected", null);
          if (s === "failed") this.fail("NETWORK")(new Error("transport failed"));
        });
      }
      this.send.on("produce", ({ rtpParameters }, done, error) => {
        this.signal.produce(rtpParameters).then((id) => done({ id }), error);
      });
      try {
        this.mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
      } catch (err) {
        return this.fail("MICROPHONE")(err);
      }
      if (this.closed) return this.release();
      const codec = joined.sendCodec ? this.device.sendRtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === joined.sendCodec!.toLowerCase()) : undefined;
      this.producer = await this.send.produce({
        track: this.mic.getAudioTracks()[0],
        codecOptions: { opusStereo: false, opusDtx: true, opusFec: true },
        ...(codec ? { codec } : {}),
      });
      if (this.muted) this.producer.pause();
      for (const id of new Set([...joined.producers.map((p) => p.producerId), ...this.early])) await this.consume(id);
    } catch (err) {
      this.fail("SERVER")(err);
    }
  }

  private fail = (why: MediaProblem) => (err: unknown) => {
    if (this.closed) return;
    console.warn("call media failed", err);
    this.report("failed", why);
  };

  private async consume(producerId: string) {
    // Claimed before any await: the join answer and the live feed may announce the same audio.
    if (this.closed || !this.recv || this.consumed.has(producerId)) return;
    this.consumed.add(producerId);
    const p = await this.signal.consume(producerId, this.device.recvRtpCapabilities);
    const consumer = await this.recv.consume({ id: p.id, producerId: p.producerId, kind: "audio", rtpParameters: p.rtpParameters });
    // A party who rejoined (a reloaded page) replaces their old audio.
    const previous = this.byParty.get(p.partyId);
    if (previous) {
      this.stream.removeTrack(previous.track);
      previous.close();
    }
    this.byParty.set(p.partyId, consumer);
    this.stream.addTrack(consumer.track);
    this.play();
    await this.signal.resume(consumer.id);
  }

  /** Plays what the other parties say through this element. */
  attach(el: HTMLAudioElement | null) {
    this.sink = el;
    this.play();
  }

  private play() {
    if (!this.sink || !this.stream.getAudioTracks().length) return;
    if (this.sink.srcObject !== this.stream) this.sink.srcObject = this.stream;
    // A stream that had no track when it was attached does not start by itself.
    if (this.sink.paused) void this.sink.play().catch(() => {});
  }

  setMuted(muted: boolean) {
    this.muted = muted;
    if (muted) this.producer?.pause();
    else this.producer?.resume();
  }

  /** The loudest level this side heard since the last look, measured on the received audio itself
   * every 20 ms (inbound-rtp's audioLevel stays 0 where nothing plays the audio out, as in a
   * headless browser; a single look could fall between syllables or beeps). */
  private level() {
    if (!this.stream.getAudioTracks().length || typeof AudioContext === "undefined") return 0;
    if (!this.meter) {
      const ctx = new AudioContext();
      const analyser = ctx.createAnalyser();
      const samples = new Float32Array(analyser.fftSize);
      const meter = { ctx, analyser, peak: 0, timer: 0 as unknown as ReturnType<typeof setInterval>, metered: new Set<string>() };
      meter.timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        meter.peak = Math.max(meter.peak, Math.sqrt(samples.reduce((n, x) => n + x * x, 0) / samples.length));
      }, 20);
      this.meter = meter;
    }
    // Every track the stream holds (a source node follows only the track it was made with).
    for (const track of this.stream.getAudioTracks()) {
      if (this.meter.metered.has(track.id)) continue;
      this.meter.metered.add(track.id);
      this.meter.ctx.createMediaStreamSource(new MediaStream([track])).connect(this.meter.analyser);
    }
    void this.meter.ctx.resume();
    const peak = this.meter.peak;
    this.meter.peak = 0;
    return peak;
  }

  async stats(): Promise<CallAudioStats> {
    const out: CallAudioStats = { bytesSent: 0, bytesReceived: 0, audioLevel: this.level(), packetsLost: 0, bytesFrom: {} };
    for (const [partyId, consumer] of this.byParty) {
      if (consumer.closed) continue;
      (await consumer.getStats()).forEach((s) => {
        if (s.type === "inbound-rtp") out.bytesFrom[partyId] = (out.bytesFrom[partyId] ?? 0) + (s.bytesReceived ?? 0);
      });
    }
    for (const t of [this.send, this.recv]) {
      if (!t || t.closed) continue;
      (await t.getStats()).forEach((s) => {
        if (s.type === "outbound-rtp") out.bytesSent += s.bytesSent ?? 0;
        if (s.type === "inbound-rtp") {
          out.bytesReceived += s.bytesReceived ?? 0;
          out.packetsLost += s.packetsLost ?? 0;
        }
      });
    }
    return out;
  }

  private release() {
    for (const c of this.byParty.values()) c.close();
    this.send?.close();
    this.recv?.close();
    for (const track of this.mic?.getTracks() ?? []) track.stop();
    for (const track of this.stream.getTracks()) this.stream.removeTrack(track);
    if (this.meter) clearInterval(this.meter.timer);
    void this.meter?.ctx.close();
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.stopFeed();
    this.release();
    delete window.centralaCall;
  }
}
