// Keeps each call's media in step with the call: a call's who-hears-whom applied whenever it
// changes, its room closed when it ends, new audio announced to the call's parties, and a call
// whose media engine died ended as MEDIA_FAILED.
import type { EventListener } from "../domain/events.ts";
import type { Deps } from "../domain/ports.ts";
import { currentAudioPlan, endCall } from "../domain/voice/calls.ts";
import type { PubSub } from "../graphql/pubsub.ts";
import type { MediaService } from "./media-service.ts";

export function mediaListener(media: MediaService, pubsub: PubSub, deps: Deps): { listener: EventListener; stop: () => void } {
  /** Visitors hear of new audio through their widget's feed (they do not use GraphQL). */
  const tellVisitors = async (callId: string, fromPartyId: string, producerId: string) => {
    const visitors = await deps.db.callParty.findMany({ where: { callId, visitorId: { not: null }, id: { not: fromPartyId }, leftAt: null } });
    for (const p of visitors) pubsub.publish("visitor", p.visitorId!, { kind: "call_media", producerId });
  };
  const replan = async (callId: string) => media.applyPlan(callId, await currentAudioPlan(callId, deps.db));
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
      if (p.state === "ENDED") media.closeRoom(p.callId);
      else await replan(p.callId);
    },
  };
  return { listener, stop };
}
