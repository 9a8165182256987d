// What a room plays by itself, announced to the parties like a voice: music on hold and, for web
// callers in an IVR flow, prompts (telephones get both in their own mix instead). And who hears
// whom: the domain's audio plan (domain/voice/audio-plan.ts) applied by pausing and resuming
// consumers.
import type { types } from "mediasoup";
import { MUSIC, PROMPT } from "../domain/voice/audio-plan.ts";
import { MusicPlayer } from "./music-player.ts";
import { PromptPlayer } from "./prompt-player.ts";
import { type Room, localTransport } from "./room.ts";
import type { HoldMusic } from "./uploaded-audio.ts";

/** Tells the parties of a new producer (the room's own: MUSIC or PROMPT). */
type Announce = (partyId: string, producer: types.Producer) => void;

/** An Opus producer fed over plain RTP by one of our players. */
async function ownProducer(room: Room, ssrcBase: number) {
  const transport = await localTransport(room, true);
  const ssrc = ssrcBase + Math.floor(Math.random() * 0xffffff);
  const producer = await transport.produce({
    kind: "audio",
    rtpParameters: { codecs: [{ mimeType: "audio/opus", clockRate: 48000, channels: 2, payloadType: 100 }], encodings: [{ ssrc }] },
  });
  return { transport, producer, ssrc };
}

/** Applies who-hears-whom: consumers the plan allows play, the rest are paused. `music`: what
 * MUSIC is from now on (the queue's upload; null: the product's); left out, it stays as it was. */
export async function applyPlan(room: Room, plan: Map<string, Set<string>>, music: HoldMusic | null | undefined, announce: Announce) {
  room.plan = plan;
  if (music !== undefined && music?.key !== room.holdMusic?.key) {
    room.holdMusic = music;
    room.music?.player.use(music?.opus ?? null);
  }
  // Telephones get their music in their mix; browsers from the room's music producer.
  for (const [id, p] of room.parties) p.phone?.setMusic(plan.get(id)?.has(MUSIC) ?? false, room.holdMusic?.alaw ?? null);
  if (!room.music && [...plan].some(([id, hears]) => hears.has(MUSIC) && !room.parties.get(id)?.phone)) await startMusic(room, announce);
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

/** The call's music on hold: a producer like a party's, announced to the parties as MUSIC. */
async function startMusic(room: Room, announce: Announce) {
  const { transport, producer, ssrc } = await ownProducer(room, 0x4d000000);
  const player = new MusicPlayer(ssrc, room.holdMusic?.opus ?? null);
  player.start(transport.tuple.localPort);
  room.music = { transport, producer, player };
  announce(MUSIC, producer);
}

/** The room's prompt producer (before the first prompt, so browsers can be listening in time). */
export async function startPrompts(room: Room, announce: Announce) {
  if (room.prompt) return;
  const { transport, producer, ssrc } = await ownProducer(room, 0x50000000);
  if (room.prompt) return transport.close(); // raced
  const player = new PromptPlayer(ssrc);
  player.start(transport.tuple.localPort);
  room.prompt = { transport, producer, player };
  announce(PROMPT, producer);
}

/** The room's own voices a party may consume, with the ids they go by. */
export function roomVoices(room: Room): { partyId: string; producerId: string }[] {
  const out: { partyId: string; producerId: string }[] = [];
  if (room.music) out.push({ partyId: MUSIC, producerId: room.music.producer.id });
  if (room.prompt) out.push({ partyId: PROMPT, producerId: room.prompt.producer.id });
  return out;
}

/** Stops the room's own players (the room is closing). */
export function stopRoomAudio(room: Room) {
  room.music?.player.stop();
  room.prompt?.player.close();
}
