// The media service of this node: a mediasoup router per call ("room") on the worker pool, and
// for every party on a call a send and a receive WebRTC transport (a telephone: one transport
// through Janus, hearing a mix). Who hears whom is the domain's audio plan, applied by
// room-audio.ts; recordings are room-recording.ts's; the workers are worker-pool.ts's.
import type { types } from "mediasoup";
import type { Logger } from "pino";
import type { Config } from "../lib/config.ts";
import { consumeVoice, openBrowserParty } from "./browser-party.ts";
import { type PhoneLegOptions, PhoneLeg } from "./phone/phone-leg.ts";
import { applyPlan, roomVoices, startPrompts } from "./room-audio.ts";
import { recordCaller, recordNewVoice, setRecordingPaused, startRecording, stopRecording } from "./room-recording.ts";
import { type ConsumerOptions, type JoinResult, MediaError, type MediaEvent, type Party, type Room } from "./room.ts";
import { RoomPhones } from "./room-phones.ts";
import { Rooms } from "./rooms.ts";
import type { TrackFormat } from "./track-recorder.ts";
import type { HoldMusic } from "./uploaded-audio.ts";
import { WorkerPool, guessAddress } from "./worker-pool.ts";

export class MediaService {
  private readonly pool: WorkerPool;
  private readonly rooms: Rooms;
  /** The telephones on this node's calls: prompts, keys, re-INVITEs, taps. */
  readonly phones: RoomPhones;
  private listeners = new Set<(e: MediaEvent) => void>();
  private announced: string;

  constructor(
    private readonly settings: Config["media"],
    private readonly log: Logger,
  ) {
    this.announced = settings.announcedAddress ?? guessAddress(settings.listenIp);
    this.pool = new WorkerPool(settings, log, (dead) => {
      for (const room of this.rooms.dropWorker(dead))
        this.emit({ type: "room_failed", callId: room.callId, reason: "the media engine carrying the call stopped" });
    });
    this.rooms = new Rooms(this.pool);
    this.phones = new RoomPhones(this.rooms);
  }

  get enabled() {
    return this.pool.size > 0;
  }
  /** Why voice is off, when it is. */
  get disabledReason() {
    return this.pool.disabledReason;
  }

  /** Starts the workers; without a worker binary (or when they cannot start) voice stays off. */
  start(): Promise<void> {
    return this.pool.start(this.announced);
  }

  on(listener: (e: MediaEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private emit(e: MediaEvent) {
    for (const l of this.listeners) l(e);
  }
  /** Announces one of the room's own producers (music, prompts) to its parties. */
  private announcer(room: Room) {
    return (partyId: string, producer: types.Producer) => this.emit({ type: "producer_added", callId: room.callId, partyId, producerId: producer.id });
  }

  private need(): void {
    if (!this.enabled) throw new MediaError(`Voice is off: ${this.disabledReason ?? "the media engine is not running"}`, "VOICE_DISABLED");
  }

  private async room(callId: string): Promise<Room> {
    this.need();
    return this.rooms.open(callId);
  }

  /** A party joins the call's media: transports to send and to receive. Joining again replaces them
   * (a reloaded page). */
  async join(callId: string, partyId: string): Promise<JoinResult> {
    const room = await this.room(callId);
    this.leave(callId, partyId);
    const { party, join } = await openBrowserParty(room, this.settings, this.announced);
    room.parties.set(partyId, party);
    return join;
  }

  private party(callId: string, partyId: string): { room: Room; party: Party } {
    this.need();
    return this.rooms.party(callId, partyId);
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
    await recordNewVoice(room, partyId);
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

  private async phoneProducing(room: Room, partyId: string, leg: PhoneLeg) {
    const party = room.parties.get(partyId);
    if (!party || !leg.producer) return;
    party.producer = leg.producer;
    await this.applyPlan(room.callId, room.plan);
    await this.produced(room.callId, partyId, leg.producer);
  }

  /** Records what the caller `partyId` says into `file` until stopped (a voicemail). */
  async recordCaller(callId: string, partyId: string, file: string): Promise<{ stop(): Promise<{ format: TrackFormat; seconds: number }> }> {
    const { room, party } = this.party(callId, partyId);
    return recordCaller(room, party, file);
  }

  /** An IVR prompt to the browsers on the call (Opus packets), through the room's prompt producer
   * — announced like the music, heard by whom the plan says (a web caller in a flow). */
  async playRoomPrompt(callId: string, packets: Uint8Array[], done: () => void) {
    const room = this.rooms.get(callId);
    if (!room) throw new MediaError("The call has no media", "NO_ROOM");
    if (!room.prompt) await startPrompts(room, this.announcer(room));
    room.prompt!.player.play(packets, done);
  }

  /** Whether this media service carries the call (its room is here). */
  hasRoom(callId: string) {
    return this.rooms.has(callId);
  }

  /** The calls whose rooms are here. */
  callIds(): string[] {
    return [...this.rooms.keys()];
  }

  stopRoomPrompt(callId: string) {
    this.rooms.get(callId)?.prompt?.player.stop();
  }

  /** The room's prompt producer (before the first prompt, so browsers can be listening in time). */
  async startPrompts(callId: string) {
    const room = this.rooms.get(callId);
    if (room) await startPrompts(room, this.announcer(room));
  }

  /** The producers a party may consume now (for a page that joined after others produced). */
  producers(callId: string, partyId: string): { partyId: string; producerId: string }[] {
    const room = this.rooms.get(callId);
    if (!room) return [];
    const out = [...room.parties].filter(([id, p]) => id !== partyId && p.producer).map(([id, p]) => ({ partyId: id, producerId: p.producer!.id }));
    return [...out, ...roomVoices(room)];
  }

  /** A consumer of another party's audio, paused until resume() — and kept paused while the plan
   * says this party must not hear that one. */
  async consume(callId: string, partyId: string, producerId: string, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerOptions> {
    const { room, party } = this.party(callId, partyId);
    return consumeVoice(room, partyId, party, producerId, rtpCapabilities);
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

  /** Applies who-hears-whom (room-audio.ts). `music`: what MUSIC is from now on (the queue's
   * upload; null: the product's); left out, it stays as it was. */
  async applyPlan(callId: string, plan: Map<string, Set<string>>, music?: HoldMusic | null) {
    const room = this.rooms.get(callId);
    if (room) await applyPlan(room, plan, music, this.announcer(room));
  }

  /** Starts recording these parties (customer first), one file per channel in `dir`; false when
   * the call was being recorded already (its channels now follow these parties). */
  async startRecording(callId: string, partyIds: string[], dir: string): Promise<boolean> {
    return startRecording(await this.room(callId), partyIds, dir);
  }

  setRecordingPaused(callId: string, paused: boolean) {
    setRecordingPaused(this.rooms.get(callId), paused);
  }

  /** Stops recording: each side's file, in channel order (a side that never spoke: null), and the length. */
  stopRecording(callId: string): Promise<{ files: (string | null)[]; seconds: number } | null> {
    return stopRecording(this.rooms.get(callId));
  }

  leave(callId: string, partyId: string) {
    this.rooms.leave(callId, partyId);
  }

  closeRoom(callId: string) {
    this.rooms.close(callId);
  }

  /** What the service carries now: for the board, health checks and benchmarks. */
  async stats() {
    return { enabled: this.enabled, workers: this.pool.size, workerPids: this.pool.pids, rooms: this.rooms.size, cpuMs: await this.pool.cpuMs() };
  }

  async close() {
    for (const id of [...this.rooms.keys()]) this.closeRoom(id);
    this.pool.close();
  }
}
