// A call's media on this node: its mediasoup router ("room"), the parties on it with their
// transports, and what the room plays (music on hold, IVR prompts) or records. The types and the
// errors every part of media/ shares.
import type { types } from "mediasoup";
import { DomainError } from "../domain/shared/errors.ts";
import type { MusicPlayer } from "./music-player.ts";
import type { PhoneLeg } from "./phone/phone-leg.ts";
import type { PromptPlayer } from "./prompt-player.ts";
import type { TrackRecorder } from "./track-recorder.ts";
import type { HoldMusic } from "./uploaded-audio.ts";

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

export interface Party {
  send: types.WebRtcTransport;
  recv: types.WebRtcTransport;
  producer: types.Producer | null;
  /** By the producing party's id. */
  consumers: Map<string, types.Consumer>;
  /** A telephone (through Janus) rather than a browser: one transport both ways, and what it
   * hears is mixed (its consumers feed the mixer). */
  phone?: PhoneLeg;
}
export interface RecordedTrack {
  recorder: TrackRecorder;
  file: string;
  port: number;
  transport: types.PlainTransport | null;
}
export interface RoomRecording {
  startedAt: number;
  dir: string;
  /** The party recorded on each channel (customer first, then the agent — whoever it is now). */
  parties: string[];
  /** By channel. */
  tracks: Map<number, RecordedTrack>;
}
export interface Room {
  callId: string;
  router: types.Router;
  worker: types.Worker;
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

/** A local plain-RTP transport on the room's router, for what the server itself sends or takes. */
export const localTransport = (room: Room, comedia: boolean) =>
  room.router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia });
