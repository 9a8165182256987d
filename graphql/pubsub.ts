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
  /** Users, roles or teams changed: cached viewers and visibility must be recomputed. */
  accessChanged: [payload: { organizationId: string }];
};

export type PubSub = ReturnType<typeof createPubSub<Topics>> & { close(): Promise<void> };

export function createAppPubSub(redisUrl: string | undefined, log: Logger): PubSub {
  if (!redisUrl) return Object.assign(createPubSub<Topics>(), { close: async () => {} });
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false });
  for (const client of [publishClient, subscribeClient]) client.on("error", (err) => log.error({ err }, "redis pub/sub connection error"));
  const pubsub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return Object.assign(pubsub, {
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  });
}
