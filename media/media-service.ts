// The media service: mediasoup workers (one per core), a router per call ("room"), and for every
// party on a call a send and a receive WebRTC transport. Who hears whom is the domain's audio plan
// (domain/voice/audio-plan.ts), applied by pausing and resuming consumers. A worker that dies is
// replaced and the calls it carried are reported as failed (never silently lost).
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { types } from "mediasoup";
import type { Logger } from "pino";
import { DomainError } from "../domain/shared/errors.ts";
import type { Config } from "../lib/config.ts";
import { MUSIC, PROMPT } from "../domain/voice/audio-plan.ts";
import { MusicPlayer } from "./music-player.ts";
import { PromptPlayer } from "./prompt-player.ts";
import { lawOf } from "./phone/g711.ts";
import { type PhoneLegOptions, PhoneLeg } from "./phone/phone-leg.ts";
import { type TrackFormat, TrackRecorder, trackExtension } from "./track-recorder.ts";
import type { HoldMusic } from "./uploaded-audio.ts";
import { findWorkerBinary } from "./worker-binary.ts";

type Worker = types.Worker;
type Router = types.Router;
type WebRtcTransport = types.WebRtcTransport;

export type TransportOptions = {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
};
export type JoinResult = {
  routerRtpCapabilities: types.RouterRtpCapabilities;
  send: TransportOptions;
  recv: TransportOptions;
  iceServers: { urls: string[]; username: string; credential: string }[];
};
export type ConsumerOptions = { id: string; producerId: string; partyId: string; kind: "audio"; rtpParameters: types.RtpParameters };

interface Party {
  send: WebRtcTransport;
  recv: WebRtcTransport;
  producer: types.Producer | null;
  /** By the producing party's id. */
  consumers: Map<string, types.Consumer>;
  /** A telephone (through Janus) rather than a browser: one transport both ways, and what it
   * hears is mixed (its consumers feed the mixer). */
  phone?: PhoneLeg;
}
interface RecordedTrack {
  recorder: TrackRecorder;
  file: string;
  port: number;
  transport: types.PlainTransport | null;
}
interface RoomRecording {
  startedAt: number;
  dir: string;
  /** The party recorded on each channel (customer first, then the agent — whoever it is now). */
  parties: string[];
  /** By channel. */
  tracks: Map<number, RecordedTrack>;
}
interface Room {
  callId: string;
  router: Router;
  worker: Worker;
  parties: Map<string, Party>;
  /** Who hears whom (listener → speakers); everything else stays paused. */
  plan: Map<string, Set<string>>;
  recording: RoomRecording | null;
  /** Music on hold, once the call was first held. */
  music: { transport: types.PlainTransport; producer: types.Producer; player: MusicPlayer } | null;
  /** What that music is: the call's queue's uploaded music; null: the product's own. */
  holdMusic: HoldMusic | null;
  /** IVR prompts for browsers (a web caller in a flow), once the first is played. */
  prompt: { transport: types.PlainTransport; producer: types.Producer; player: PromptPlayer } | null;
}

export type MediaEvent =
  { type: "producer_added"; callId: string; partyId: string; producerId: string } | { type: "room_failed"; callId: string; reason: string };

export class MediaError extends Error {
  constructor(
    message: string,
    readonly reason: "VOICE_DISABLED" | "NO_ROOM" | "NOT_IN_CALL" | "BAD_MEDIA",
  ) {
    super(message);
    this.name = "MediaError";
  }
}

/** Media problems as the coded errors every API speaks. */
export async function mediaCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof MediaError) throw new DomainError(e.reason === "VOICE_DISABLED" ? "UNAVAILABLE" : "CONFLICT", e.message, { reason: e.reason });
    throw e;
  }
}

/** The running media service, or a coded "voice is off" with the reason. */
export function requireMedia(media: MediaService | null): MediaService {
  if (!media?.enabled) {
    throw new DomainError("UNAVAILABLE", `Voice is off: ${media?.disabledReason ?? "this server does not run the media service"}`, {
      reason: "VOICE_DISABLED",
    });
  }
  return media;
}

// Opus for browsers; G.711 for calls with a telephone on them (everybody on such a call sends it,
// so the phone's audio needs no transcoding); telephone events for the keys a caller presses.
const CODECS: types.RouterRtpCodecCapability[] = [
  { kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } },
  { kind: "audio", mimeType: "audio/PCMA", clockRate: 8000, channels: 1, preferredPayloadType: 8 },
  { kind: "audio", mimeType: "audio/PCMU", clockRate: 8000, channels: 1, preferredPayloadType: 0 },
  { kind: "audio", mimeType: "audio/telephone-event", clockRate: 8000, preferredPayloadType: 101 },
];

export class MediaService {
  private workers: Worker[] = [];
  private rooms = new Map<string, Room>();
  private listeners = new Set<(e: MediaEvent) => void>();
  private closing = false;
  private binary: string | null = null;
  private announced: string;
  disabledReason: string | null = null;

  constructor(
    private readonly settings: Config["media"],
    private readonly log: Logger,
  ) {
    this.announced = settings.announcedAddress ?? guessAddress(settings.listenIp);
  }

  get enabled() {
    return this.workers.length > 0;
  }

  /** Starts the workers; without a worker binary (or when they cannot start) voice stays off. */
  async start(): Promise<void> {
    const found = findWorkerBinary(this.settings);
    if (found.path === null) {
      this.disabledReason = found.reason;
      this.log.warn({ reason: found.reason }, "voice is off: no media engine");
      return;
    }
    this.binary = found.path;
    try {
      for (let i = 0; i < this.settings.workers; i++) this.workers.push(await this.spawn(i));
      this.log.info({ workers: this.workers.length, bin: found.path, announced: this.announced }, "media service up");
    } catch (err) {
      this.disabledReason = `the media engine did not start: ${(err as Error).message}`;
      this.log.error({ err }, "voice is off: the media engine did not start");
      for (const w of this.workers) w.close();
      this.workers = [];
    }
  }

  private async spawn(index: number): Promise<Worker> {
    const { createWorker } = await import("mediasoup");
    const worker = await createWorker({
      workerBin: this.binary!,
      logLevel: "warn",
      rtcMinPort: this.settings.minPort,
      rtcMaxPort: this.settings.maxPort,
      appData: { index },
    });
    worker.on("died", (err) => void this.replace(worker, index, err));
    return worker;
  }

  /** A worker died: its calls are reported failed, and a new worker takes its place. */
  private async replace(dead: Worker, index: number, err: Error) {
    if (this.closing) return;
    this.log.error({ err, pid: dead.pid }, "a media worker died; its calls failed; starting another");
    this.workers = this.workers.filter((w) => w !== dead);
    for (const room of [...this.rooms.values()].filter((r) => r.worker === dead)) {
      // What was recorded so far stays on disk; the recording is reported failed with the call.
      for (const t of room.recording?.tracks.values() ?? []) void t.recorder.finish((performance.now() - room.recording!.startedAt) / 1000).catch(() => {});
      for (const p of room.parties.values()) p.phone?.close();
      this.rooms.delete(room.callId);
      this.emit({ type: "room_failed", callId: room.callId, reason: "the media engine carrying the call stopped" });
    }
    try {
      this.workers.push(await this.spawn(index));
    } catch (e) {
      this.log.error({ err: e }, "could not start a replacement media worker");
    }
  }

  on(listener: (e: MediaEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private emit(e: MediaEvent) {
    for (const l of this.listeners) l(e);
  }

  private need(): void {
    if (!this.enabled) throw new MediaError(`Voice is off: ${this.disabledReason ?? "the media engine is not running"}`, "VOICE_DISABLED");
  }

  private async room(callId: string): Promise<Room> {
    this.need();
    const known = this.rooms.get(callId);
    if (known) return known;
    // The least busy worker (by rooms) takes the call.
    const load = (w: Worker) => [...this.rooms.values()].filter((r) => r.worker === w).length;
    const worker = [...this.workers].sort((a, b) => load(a) - load(b))[0];
    const router = await worker.createRouter({ mediaCodecs: CODECS });
    const raced = this.rooms.get(callId);
    if (raced) {
      router.close();
      return raced;
    }
    const room: Room = { callId, router, worker, parties: new Map(), plan: new Map(), recording: null, music: null, holdMusic: null, prompt: null };
    this.rooms.set(callId, room);
    return room;
  }

  private async transport(router: Router): Promise<WebRtcTransport> {
    return router.createWebRtcTransport({
      listenInfos: [
        { protocol: "udp", ip: this.settings.listenIp, announcedAddress: this.announced },
        { protocol: "tcp", ip: this.settings.listenIp, announcedAddress: this.announced },
      ],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 64_000,
    });
  }

  /** A party joins the call's media: transports to send and to receive. Joining again replaces them
   * (a reloaded page). */
  async join(callId: string, partyId: string): Promise<JoinResult> {
    const room = await this.room(callId);
    this.leave(callId, partyId);
    const [send, recv] = await Promise.all([this.transport(room.router), this.transport(room.router)]);
    room.parties.set(partyId, { send, recv, producer: null, consumers: new Map() });
    const options = (t: WebRtcTransport): TransportOptions => ({
      id: t.id,
      iceParameters: t.iceParameters,
      iceCandidates: t.iceCandidates,
      dtlsParameters: t.dtlsParameters,
    });
    const turn = this.settings.turn;
    return {
      routerRtpCapabilities: room.router.rtpCapabilities,
      send: options(send),
      recv: options(recv),
      iceServers: turn ? [{ urls: turn.urls, username: turn.username, credential: turn.credential }] : [],
    };
  }

  private party(callId: string, partyId: string): { room: Room; party: Party } {
    this.need();
    const room = this.rooms.get(callId);
    if (!room) throw new MediaError("This call has no media (it ended or failed)", "NO_ROOM");
    const party = room.parties.get(partyId);
    if (!party) throw new MediaError("Join the call's media first", "NOT_IN_CALL");
    return { room, party };
  }

  async connect(callId: string, partyId: string, transportId: string, dtlsParameters: types.DtlsParameters) {
    const { party } = this.party(callId, partyId);
    const t = party.send.id === transportId ? party.send : party.recv.id === transportId ? party.recv : null;
    if (!t) throw new MediaError("Unknown transport", "BAD_MEDIA");
    try {
      await t.connect({ dtlsParameters });
    } catch (err) {
      throw new MediaError(`The transport could not connect: ${(err as Error).message}`, "BAD_MEDIA");
    }
  }

  /** The party's microphone. Every other party is told, and consumes it when the plan lets them. */
  async produce(callId: string, partyId: string, rtpParameters: types.RtpParameters): Promise<string> {
    const { party } = this.party(callId, partyId);
    party.producer?.close();
    try {
      party.producer = await party.send.produce({ kind: "audio", rtpParameters });
    } catch (err) {
      throw new MediaError(`The audio could not be accepted: ${(err as Error).message}`, "BAD_MEDIA");
    }
    await this.produced(callId, partyId, party.producer);
    return party.producer.id;
  }

  /** A new voice in the room: the phones hear it (by the plan), the parties are told, the
   * recording picks it up. */
  private async produced(callId: string, partyId: string, producer: types.Producer) {
    const room = this.rooms.get(callId);
    if (!room) return;
    let heard = false;
    for (const [id, p] of room.parties) {
      if (id === partyId || !p.phone) continue;
      if (await p.phone.hear(partyId, producer)) heard = true;
      else this.log.warn({ callId, partyId }, "a party sends audio a telephone cannot take (not G.711); the caller will not hear them");
    }
    // The phones' new consumers start paused; the plan says which play.
    if (heard) await this.applyPlan(callId, room.plan);
    this.emit({ type: "producer_added", callId, partyId, producerId: producer.id });
    const channel = room.recording?.parties.indexOf(partyId) ?? -1;
    if (channel >= 0) await this.recordTrack(room, channel);
  }

  /** A telephone joins the call through Janus. With Janus's offer (a call coming in) the answer is
   * returned and the phone's audio starts at once; without one (a call we place) our offer is
   * returned, and phoneAnswered() completes it. */
  async addPhoneLeg(callId: string, partyId: string, options: PhoneLegOptions & { offer?: string }): Promise<string> {
    const room = await this.room(callId);
    this.leave(callId, partyId);
    const leg = await PhoneLeg.create(room.router, options);
    room.parties.set(partyId, { send: leg.transport, recv: leg.transport, producer: null, consumers: leg.consumers, phone: leg });
    // The phone hears whoever already speaks (paused until the plan says otherwise).
    for (const [id, p] of room.parties) if (id !== partyId && p.producer) await leg.hear(id, p.producer);
    if (!options.offer) return leg.offer();
    try {
      const answer = await leg.answer(options.offer);
      await this.phoneProducing(room, partyId, leg);
      return answer;
    } catch (err) {
      this.leave(callId, partyId);
      throw new MediaError(`The phone call's media could not be set up: ${(err as Error).message}`, "BAD_MEDIA");
    }
  }

  /** The far end answered the call we placed (or sent early media): the phone's audio starts. */
  async phoneAnswered(callId: string, partyId: string, sdp: string) {
    const { room, party } = this.party(callId, partyId);
    if (!party.phone) throw new MediaError("Not a telephone", "BAD_MEDIA");
    if (party.phone.producer) return;
    await party.phone.accept(sdp);
    await this.phoneProducing(room, partyId, party.phone);
  }

  /** A re-INVITE's offer to a telephone already on the call (hold, resume...): our answer. */
  reanswerPhone(callId: string, partyId: string, offer: string): string {
    const { party } = this.party(callId, partyId);
    if (!party.phone) throw new MediaError("Not a telephone", "BAD_MEDIA");
    return party.phone.reanswer(offer);
  }

  private async phoneProducing(room: Room, partyId: string, leg: PhoneLeg) {
    const party = room.parties.get(partyId);
    if (!party || !leg.producer) return;
    party.producer = leg.producer;
    await this.applyPlan(room.callId, room.plan);
    await this.produced(room.callId, partyId, leg.producer);
  }

  /** Records what the caller `partyId` says into `file` until stopped (a voicemail): raw G.711 from
   * a telephone, Ogg Opus from a browser. Resolves with the format and the seconds recorded. */
  async recordCaller(callId: string, partyId: string, file: string): Promise<{ stop(): Promise<{ format: TrackFormat; seconds: number }> }> {
    const { room, party } = this.party(callId, partyId);
    const producer = party.producer;
    if (!producer) throw new MediaError("The caller sends no audio", "BAD_MEDIA");
    const transport = await room.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
    const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: room.router.rtpCapabilities, paused: true });
    const codec = consumer.rtpParameters.codecs[0];
    const format: TrackFormat = lawOf(codec.mimeType) ?? "opus";
    const startedAt = performance.now();
    const recorder = new TrackRecorder(file, 0x56000000, startedAt, format, format === "opus" ? undefined : codec.payloadType);
    await transport.connect({ ip: "127.0.0.1", port: await recorder.listen() });
    await consumer.resume();
    return {
      async stop() {
        const seconds = (performance.now() - startedAt) / 1000;
        transport.close();
        await recorder.finish(seconds);
        return { format, seconds };
      },
    };
  }

  /** An IVR prompt to the telephone `partyId`; `done` once it has been played to the end. */
  playPrompt(callId: string, partyId: string, audio: Uint8Array, done: () => void) {
    const phone = this.rooms.get(callId)?.parties.get(partyId)?.phone;
    if (!phone?.playPrompt(audio, done)) throw new MediaError("There is no telephone to play to", "BAD_MEDIA");
  }

  stopPrompt(callId: string, partyId: string) {
    this.rooms.get(callId)?.parties.get(partyId)?.phone?.stopPrompt();
  }

  /** An IVR prompt to the browsers on the call (Opus packets), through the room's prompt producer
   * — announced like the music, heard by whom the plan says (a web caller in a flow). */
  async playRoomPrompt(callId: string, packets: Uint8Array[], done: () => void) {
    const room = this.rooms.get(callId);
    if (!room) throw new MediaError("The call has no media", "NO_ROOM");
    if (!room.prompt) await this.startPrompts(room);
    room.prompt!.player.play(packets, done);
  }

  /** Whether this media service carries the call (its room is here). */
  hasRoom(callId: string) {
    return this.rooms.has(callId);
  }

  stopRoomPrompt(callId: string) {
    this.rooms.get(callId)?.prompt?.player.stop();
  }

  /** The room's prompt producer (before the first prompt, so browsers can be listening in time). */
  async startPrompts(room: Room | string) {
    const r = typeof room === "string" ? this.rooms.get(room) : room;
    if (!r || r.prompt) return;
    const transport = await r.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
    const ssrc = 0x50000000 + Math.floor(Math.random() * 0xffffff);
    const producer = await transport.produce({
      kind: "audio",
      rtpParameters: { codecs: [{ mimeType: "audio/opus", clockRate: 48000, channels: 2, payloadType: 100 }], encodings: [{ ssrc }] },
    });
    if (r.prompt) return transport.close(); // raced
    const player = new PromptPlayer(ssrc);
    player.start(transport.tuple.localPort);
    r.prompt = { transport, producer, player };
    this.emit({ type: "producer_added", callId: r.callId, partyId: PROMPT, producerId: producer.id });
  }

  /** Keys an agent presses, played to the telephone `partyId` (or every telephone on the call). */
  sendDigits(callId: string, digits: string, partyId?: string) {
    const room = this.rooms.get(callId);
    let sent = false;
    for (const [id, p] of room?.parties ?? []) {
      if (!p.phone || (partyId && id !== partyId)) continue;
      p.phone.sendDigits(digits);
      sent = true;
    }
    if (!sent) throw new MediaError("There is no telephone on this call", "BAD_MEDIA");
  }

  /** The producers a party may consume now (for a page that joined after others produced). */
  producers(callId: string, partyId: string): { partyId: string; producerId: string }[] {
    const room = this.rooms.get(callId);
    if (!room) return [];
    const out = [...room.parties].filter(([id, p]) => id !== partyId && p.producer).map(([id, p]) => ({ partyId: id, producerId: p.producer!.id }));
    if (room.music) out.push({ partyId: MUSIC, producerId: room.music.producer.id });
    if (room.prompt) out.push({ partyId: PROMPT, producerId: room.prompt.producer.id });
    return out;
  }

  /** A consumer of another party's audio, paused until resume() — and kept paused while the plan
   * says this party must not hear that one. */
  async consume(callId: string, partyId: string, producerId: string, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerOptions> {
    const { room, party } = this.party(callId, partyId);
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

  async resume(callId: string, partyId: string, consumerId: string) {
    const { room, party } = this.party(callId, partyId);
    const entry = [...party.consumers].find(([, c]) => c.id === consumerId);
    if (!entry) throw new MediaError("Unknown consumer", "BAD_MEDIA");
    if (room.plan.get(partyId)?.has(entry[0])) await entry[1].resume();
  }

  async setMuted(callId: string, partyId: string, muted: boolean) {
    const { party } = this.party(callId, partyId);
    if (!party.producer) return;
    await (muted ? party.producer.pause() : party.producer.resume());
  }

  /** Applies who-hears-whom: consumers the plan allows play, the rest are paused. `music`: what
   * MUSIC is from now on (the queue's upload; null: the product's); left out, it stays as it was. */
  async applyPlan(callId: string, plan: Map<string, Set<string>>, music?: HoldMusic | null) {
    const room = this.rooms.get(callId);
    if (!room) return;
    room.plan = plan;
    if (music !== undefined && music?.key !== room.holdMusic?.key) {
      room.holdMusic = music;
      room.music?.player.use(music?.opus ?? null);
    }
    // Telephones get their music in their mix; browsers from the room's music producer.
    for (const [id, p] of room.parties) p.phone?.setMusic(plan.get(id)?.has(MUSIC) ?? false, room.holdMusic?.alaw ?? null);
    if (!room.music && [...plan].some(([id, hears]) => hears.has(MUSIC) && !room.parties.get(id)?.phone)) await this.startMusic(room);
    const work: Promise<void>[] = [];
    for (const [listener, party] of room.parties) {
      for (const [speaker, consumer] of party.consumers) {
        if (consumer.closed) continue;
        const allowed = plan.get(listener)?.has(speaker) ?? false;
        if (allowed && consumer.paused) work.push(consumer.resume());
        if (!allowed && !consumer.paused) work.push(consumer.pause());
      }
    }
    await Promise.all(work);
  }

  /** Starts recording these parties (customer first), one Ogg Opus file per channel in `dir`. When
   * the call is being recorded already, points its channels at these parties instead (a transfer
   * or take-over changed the agent: the agent's channel goes on with the new one) and returns false. */
  async startRecording(callId: string, partyIds: string[], dir: string): Promise<boolean> {
    const room = await this.room(callId);
    if (room.recording) {
      const rec = room.recording;
      for (const [channel, id] of partyIds.entries()) {
        if (rec.parties[channel] === id) continue;
        rec.parties[channel] = id;
        await this.recordTrack(room, channel);
      }
      return false;
    }
    await mkdir(dir, { recursive: true });
    room.recording = { startedAt: performance.now(), dir, parties: [...partyIds], tracks: new Map() };
    for (const channel of partyIds.keys()) await this.recordTrack(room, channel);
    return true;
  }

  /** (Re)connects the microphone of the party on this channel to the channel's recorder; the file
   * goes on (a party with no microphone yet is connected when they produce). */
  private async recordTrack(room: Room, channel: number) {
    const rec = room.recording!;
    const producer = room.parties.get(rec.parties[channel])?.producer;
    let track = rec.tracks.get(channel);
    if (track) {
      track.transport?.close();
      track.transport = null;
      track.recorder.newSource();
    }
    if (!producer) return;
    const transport = await room.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
    const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: room.router.rtpCapabilities, paused: true });
    if (!track) {
      // The file takes the codec of the side's audio: Opus from browsers, G.711 on phone calls.
      const codec = consumer.rtpParameters.codecs[0];
      const format = lawOf(codec.mimeType) ?? "opus";
      const file = path.join(rec.dir, `${channel}.${trackExtension(format)}`);
      const recorder = new TrackRecorder(file, 0x43000000 + channel, rec.startedAt, format, format === "opus" ? undefined : codec.payloadType);
      track = { recorder, file, port: await recorder.listen(), transport: null };
      rec.tracks.set(channel, track);
    }
    await transport.connect({ ip: "127.0.0.1", port: track.port });
    await consumer.resume();
    track.transport = transport;
  }

  setRecordingPaused(callId: string, paused: boolean) {
    for (const t of this.rooms.get(callId)?.recording?.tracks.values() ?? []) {
      if (paused) t.recorder.pause();
      else t.recorder.resume();
    }
  }

  /** Stops recording: each side's file, in channel order (a side that never spoke: null), and the length. */
  async stopRecording(callId: string): Promise<{ files: (string | null)[]; seconds: number } | null> {
    const rec = this.rooms.get(callId)?.recording;
    if (!rec) return null;
    this.rooms.get(callId)!.recording = null;
    const seconds = (performance.now() - rec.startedAt) / 1000;
    for (const t of rec.tracks.values()) t.transport?.close();
    await Promise.all([...rec.tracks.values()].map((t) => t.recorder.finish(seconds)));
    return { files: rec.parties.map((_id, i) => rec.tracks.get(i)?.file ?? null), seconds };
  }

  leave(callId: string, partyId: string) {
    const room = this.rooms.get(callId);
    const party = room?.parties.get(partyId);
    if (!room || !party) return;
    party.phone?.close();
    party.send.close();
    party.recv.close();
    room.parties.delete(partyId);
  }

  /** The call's music on hold: a producer like a party's, announced to the parties as MUSIC. */
  private async startMusic(room: Room) {
    const transport = await room.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
    const ssrc = 0x4d000000 + Math.floor(Math.random() * 0xffffff);
    const producer = await transport.produce({
      kind: "audio",
      rtpParameters: { codecs: [{ mimeType: "audio/opus", clockRate: 48000, channels: 2, payloadType: 100 }], encodings: [{ ssrc }] },
    });
    const player = new MusicPlayer(ssrc, room.holdMusic?.opus ?? null);
    player.start(transport.tuple.localPort);
    room.music = { transport, producer, player };
    this.emit({ type: "producer_added", callId: room.callId, partyId: MUSIC, producerId: producer.id });
  }

  closeRoom(callId: string) {
    const room = this.rooms.get(callId);
    if (!room) return;
    room.music?.player.stop();
    room.prompt?.player.close();
    for (const p of room.parties.values()) p.phone?.close();
    this.rooms.delete(callId);
    room.router.close();
  }

  /** What the service carries now: for the board, health checks and benchmarks. */
  async stats() {
    const usage = await Promise.all(this.workers.map((w) => w.getResourceUsage().catch(() => null)));
    return {
      enabled: this.enabled,
      workers: this.workers.length,
      rooms: this.rooms.size,
      cpuMs: usage.reduce((n, u) => n + (u ? u.ru_utime + u.ru_stime : 0), 0),
    };
  }

  async close() {
    this.closing = true;
    for (const id of [...this.rooms.keys()]) this.closeRoom(id);
    for (const w of this.workers) w.close();
    this.workers = [];
  }
}

/** The address browsers reach: the first non-internal IPv4 address when listening on all of
 * them, else the listening address itself. Set MEDIA_ANNOUNCED_ADDRESS behind NAT. */
function guessAddress(listenIp: string): string {
  if (listenIp !== "0.0.0.0" && listenIp !== "::") return listenIp;
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "127.0.0.1";
}
