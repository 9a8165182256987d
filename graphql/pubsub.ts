// Typed topics. In-process by default; through Redis when REDIS_URL is set so every node's
// subscribers hear every node's events. Payloads carry ids; resolvers re-read the rows.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub } from "graphql-yoga";
import { Redis } from "ioredis";
import type { AgentState } from "../domain/agents/agent-state.ts";
import type { Logger } from "../lib/logger.ts";

export type Topics = {
  /** Per organisation: an agent's state changed. */
  agentPresence: [organizationId: string, payload: { userId: string; state: AgentState; since: string }];
  /** Domain events between nodes (lib/cluster-channel.ts), sent by `from`, JSON in `data`. */
  cluster: [payload: { from: string; data: string }];
  /** Users, roles or teams changed: cached viewers and visibility must be recomputed. */
  accessChanged: [payload: { organizationId: string }];
  /** Routing has new work to consider; the node holding the queue's lease acts on it. */
  routingWake: [payload: { organizationId: string }];
  /** An operator asked for a background job to run now: worker nodes that have it try at once. */
  jobWake: [payload: { name: string }];
  /** Outgoing e-mail is waiting: outbox workers on every node look at once. */
  emailQueued: [payload: { organizationId: string }];
  smsQueued: [payload: { organizationId: string }];
  /** An agent's own work: offers made and withdrawn, conversations given, transferred or ended. */
  agentWork: [
    userId: string,
    payload: { kind: "offered" | "withdrawn" | "assigned" | "released" | "transfer_failed" | "ended"; interactionId: string; caseId?: string },
  ];
  /** Something happened in a case: new message, typing, read receipt, change. */
  caseActivity: [caseId: string, payload: CaseActivity];
  /** A case in this person's inbox (assigned to them, or in one of their queues) changed. */
  inbox: [userId: string, payload: { caseId: string }];
  /** Any case of the organisation changed (for those who see all cases). */
  orgCases: [organizationId: string, payload: { caseId: string }];
  /** Queues' numbers changed (items queued, offered, taken, overflowed). */
  queueActivity: [organizationId: string, payload: { queueId: string }];
  /** A call this person is on rang, was answered or ended. */
  myCalls: [userId: string, payload: { callId: string; state: "RINGING" | "ACTIVE" | "ENDED" }];
  /** Per organisation: a call started, changed or ended (supervisors' live-call list). */
  orgCalls: [organizationId: string, payload: { callId: string }];
  /** A call's media: someone's audio is there to consume. Heard only by the call's parties. */
  callMedia: [callId: string, payload: { kind: "producer"; partyId: string; producerId: string }];
  /** Per organisation: the wall-board's figures or alarms changed, or a TV link was revoked. */
  wallboard: [organizationId: string, payload: { reason: "figures" | "alarms" | "link_revoked"; linkId?: string }];
  /** What a visitor's widget needs to hear (never notes: see graphql/realtime.ts). */
  visitor: [visitorId: string, payload: VisitorEvent];
};

export type CaseActivity =
  | { kind: "message"; messageId: string }
  | { kind: "typing"; interactionId: string; by: "CONTACT" | "AGENT"; typing: boolean; agentId: string | null }
  | { kind: "read"; interactionId: string; by: "CONTACT" | "AGENT"; at: string }
  | { kind: "updated" };

export type VisitorEvent =
  | { kind: "message"; messageId: string }
  | { kind: "typing"; typing: boolean }
  | { kind: "read"; at: string }
  | { kind: "state" }
  /** Audio on the visitor's call to consume. */
  | { kind: "call_media"; producerId: string };

export type PubSub = ReturnType<typeof createPubSub<Topics>> & { close(): Promise<void> };

export function createAppPubSub(redisUrl: string | undefined, log: Logger): PubSub {
  if (!redisUrl) return Object.assign(createPubSub<Topics>(), { close: async () => {} });
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  // No ready check on the subscriber: a SUBSCRIBE written while it connects puts the connection in
  // subscriber mode, where the check's INFO is refused and ioredis gives up on the connection.
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, enableReadyCheck: false });
  for (const client of [publishClient, subscribeClient]) client.on("error", (err) => log.error({ err }, "redis pub/sub connection error"));
  const pubsub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return Object.assign(pubsub, {
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  });
}
