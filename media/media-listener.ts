// Keeps each call's media in step with the call: who-hears-whom applied whenever it changes (with
// the music of the call's queue when someone hears music), recording started by the queue's policy
// when the call goes live (or on the agent's demand) and turned into one stereo file when it ends,
// the room closed, new audio announced to the call's parties, and a call whose media engine died
// ended as MEDIA_FAILED.
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { callHoldMusic } from "../domain/audio/call-music.ts";
import type { EventListener } from "../domain/events.ts";
import type { Deps } from "../domain/ports.ts";
import { MUSIC, PROMPT } from "../domain/voice/audio-plan.ts";
import { callAudience } from "../domain/voice/call-audience.ts";
import { callAudio, endCall } from "../domain/voice/calls.ts";
import type { RecordingSpace } from "../domain/voice/recording-storage.ts";
import { type RecordingTarget, recordingByPolicy, recordingFinished, recordingProcessing } from "../domain/voice/recordings.ts";
import type { PubSub } from "../graphql/pubsub.ts";
import type { MediaService } from "./media-service.ts";
import { mixStereo } from "./mix-recording.ts";
import { type HoldMusic, holdMusicOf } from "./uploaded-audio.ts";

export interface MediaListener {
  listener: EventListener;
  /** Starts recording a call now (the agent pressed Record); false when it already is. */
  record(callId: string, target: RecordingTarget): Promise<boolean>;
  /** The call ended (heard of other than by its event): its recording is finished, its room closed. */
  ended(call: { id: string; organizationId: string }): Promise<void>;
  stop(): void;
}

export function mediaListener(media: MediaService, pubsub: PubSub, deps: Deps, recordingsDir: string, space?: RecordingSpace): MediaListener {
  const partsDir = (callId: string) => path.join(recordingsDir, ".parts", callId);
  /** Visitors hear of new audio through their widget's feed (they do not use GraphQL). */
  const tellVisitors = async (callId: string, fromPartyId: string, producerId: string) => {
    const visitors = await deps.db.callParty.findMany({
      where: { callId, visitorId: { not: null }, leftAt: null, ...(fromPartyId === MUSIC || fromPartyId === PROMPT ? {} : { id: { not: fromPartyId } }) },
    });
    for (const p of visitors) pubsub.publish("visitor", p.visitorId!, { kind: "call_media", producerId });
  };
  /** Applies who hears whom; whoever left a call that goes on (transferred away, taken over, a
   * monitor or a consulted colleague leaving) loses their transports, so nobody keeps consuming a
   * dead microphone. */
  const replan = async (callId: string) => {
    const { plan, leftPartyIds } = await callAudio(callId, deps.db);
    const music = [...plan.values()].some((hears) => hears.has(MUSIC)) ? await musicOf(callId) : undefined;
    await media.applyPlan(callId, plan, music);
    for (const id of leftPartyIds) media.leave(callId, id);
  };
  /** The music a caller on hold or waiting hears: their queue's upload, or (null) the product's —
   * also when the upload cannot be read. */
  const musicOf = async (callId: string): Promise<HoldMusic | null> => {
    try {
      const ref = await callHoldMusic(callId, deps.db);
      return ref ? await holdMusicOf(ref, deps.db) : null;
    } catch (err) {
      deps.log.error({ err, callId }, "a queue's music on hold could not be loaded; the standard music plays");
      return null;
    }
  };
  const record = (callId: string, target: RecordingTarget) => media.startRecording(callId, target.parties, partsDir(callId));

  /** The call ended: its recording becomes one stereo file (or is marked failed, saying why). */
  async function finishRecording(callId: string) {
    const stoppedAt = deps.now();
    const done = await media.stopRecording(callId);
    const row = await deps.db.recording.findUnique({ where: { callId } });
    if (!row || row.state !== "RECORDING") return;
    if (!done) return recordingFinished(callId, { error: "The media engine stopped during the call; nothing could be saved" }, deps);
    await recordingProcessing(callId, deps);
    const [left, right] = done.files;
    if (!left || !right) return recordingFinished(callId, { error: "One side of the call sent no audio" }, deps);
    const day = row.startedAt.toISOString().slice(0, 10).split("-");
    const storageKey = path.join(row.organizationId, day[0], day[1], `${callId}.ogg`);
    const file = path.join(recordingsDir, storageKey);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await mixStereo(left, right, file, done.seconds);
      const { size } = await stat(file);
      await recordingFinished(callId, { storageKey, sizeBytes: size, channels: 2, seconds: done.seconds }, deps, stoppedAt);
      await rm(partsDir(callId), { recursive: true, force: true });
    } catch (err) {
      deps.log.error({ err, callId }, "a call's recording could not be finished; its parts are kept");
      await recordingFinished(callId, { error: (err as Error).message }, deps);
    }
  }

  const stop = media.on((e) => {
    if (e.type === "producer_added") {
      pubsub.publish("callMedia", e.callId, { kind: "producer", partyId: e.partyId, producerId: e.producerId });
      void tellVisitors(e.callId, e.partyId, e.producerId);
      void replan(e.callId).catch((err) => deps.log.error({ err, callId: e.callId }, "applying a call's audio plan failed"));
    }
    if (e.type === "room_failed") {
      deps.log.error({ callId: e.callId, reason: e.reason }, "call failed: its media stopped");
      void endCall(e.callId, "MEDIA_FAILED", null, deps).catch((err) => deps.log.error({ err }, "ending a failed call failed"));
    }
  });
  const listener: EventListener = {
    "call.updated": async (p) => {
      if (p.state === "ENDED") {
        await finishRecording(p.callId).catch((err) => deps.log.error({ err, callId: p.callId }, "finishing a recording failed"));
        media.closeRoom(p.callId);
        return;
      }
      await replan(p.callId);
      if (p.state === "ACTIVE") {
        const target = await recordingByPolicy(p.callId, deps, space);
        if (target && (await record(p.callId, target))) {
          // The staff on the call see that it is being recorded (their screens asked before it began).
          for (const userId of (await callAudience(deps.db, p.callId)).userIds) pubsub.publish("myCalls", userId, { callId: p.callId, state: p.state });
        }
      }
    },
  };
  const ended = async (call: { id: string; organizationId: string }) => {
    await listener["call.updated"]!({ organizationId: call.organizationId, callId: call.id, state: "ENDED" });
  };
  return { listener, record, ended, stop };
}
