// Recording what is said on a call: the whole call in stereo, one file per side (customer first,
// then the agent, whoever that is now), and a caller's voicemail. Files take the codec the side
// sends: Ogg Opus from browsers, raw G.711 from telephones (mixed and converted afterwards).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { lawOf } from "./phone/g711.ts";
import { MediaError, type Party, type Room, localTransport } from "./room.ts";
import { type TrackFormat, TrackRecorder, trackExtension } from "./track-recorder.ts";

/** Starts recording these parties (customer first), one file per channel in `dir`. When the call
 * is being recorded already, points its channels at these parties instead (a transfer or take-over
 * changed the agent: the agent's channel goes on with the new one) and returns false. */
export async function startRecording(room: Room, partyIds: string[], dir: string): Promise<boolean> {
  if (room.recording) {
    const rec = room.recording;
    for (const [channel, id] of partyIds.entries()) {
      if (rec.parties[channel] === id) continue;
      rec.parties[channel] = id;
      await recordTrack(room, channel);
    }
    return false;
  }
  await mkdir(dir, { recursive: true });
  room.recording = { startedAt: performance.now(), dir, parties: [...partyIds], tracks: new Map() };
  for (const channel of partyIds.keys()) await recordTrack(room, channel);
  return true;
}

/** A party began to speak (a new microphone): its channel, if it is recorded, takes it. */
export async function recordNewVoice(room: Room, partyId: string) {
  const channel = room.recording?.parties.indexOf(partyId) ?? -1;
  if (channel >= 0) await recordTrack(room, channel);
}

/** (Re)connects the microphone of the party on this channel to the channel's recorder; the file
 * goes on (a party with no microphone yet is connected when they produce). */
async function recordTrack(room: Room, channel: number) {
  const rec = room.recording!;
  const producer = room.parties.get(rec.parties[channel])?.producer;
  let track = rec.tracks.get(channel);
  if (track) {
    track.transport?.close();
    track.transport = null;
    track.recorder.newSource();
  }
  if (!producer) return;
  const transport = await localTransport(room, false);
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

export function setRecordingPaused(room: Room | undefined, paused: boolean) {
  for (const t of room?.recording?.tracks.values() ?? []) {
    if (paused) t.recorder.pause();
    else t.recorder.resume();
  }
}

/** Stops recording: each side's file, in channel order (a side that never spoke: null), and the length. */
export async function stopRecording(room: Room | undefined): Promise<{ files: (string | null)[]; seconds: number } | null> {
  const rec = room?.recording;
  if (!room || !rec) return null;
  room.recording = null;
  const seconds = (performance.now() - rec.startedAt) / 1000;
  for (const t of rec.tracks.values()) t.transport?.close();
  await Promise.all([...rec.tracks.values()].map((t) => t.recorder.finish(seconds)));
  return { files: rec.parties.map((_id, i) => rec.tracks.get(i)?.file ?? null), seconds };
}

/** The room failed: what was recorded so far stays on disk (the recording is reported failed with the call). */
export function abandonRecording(room: Room) {
  for (const t of room.recording?.tracks.values() ?? []) void t.recorder.finish((performance.now() - room.recording!.startedAt) / 1000).catch(() => {});
}

/** Records what the caller says into `file` until stopped (a voicemail): raw G.711 from a
 * telephone, Ogg Opus from a browser. Resolves with the format and the seconds recorded. */
export async function recordCaller(room: Room, party: Party, file: string): Promise<{ stop(): Promise<{ format: TrackFormat; seconds: number }> }> {
  const producer = party.producer;
  if (!producer) throw new MediaError("The caller sends no audio", "BAD_MEDIA");
  const transport = await localTransport(room, false);
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
