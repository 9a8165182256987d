// The nodes' channel for domain events (lib/event-bus.ts) and outbox wake-ups
// (lib/event-dispatcher.ts): one pub/sub topic, over Redis when REDIS_URL is set. Each node hears
// its own messages too and drops them. Dates in payloads travel tagged and arrive as Dates.
import { randomUUID } from "node:crypto";
import type { DomainEventName, EventRole } from "../domain/events.ts";
import type { PubSub } from "../graphql/pubsub.ts";
import type { Logger } from "./logger.ts";

export type ClusterMessage =
  /** An event published on `from` for the listeners of `roles` on the other nodes. */
  | { t: "event"; roles: EventRole[]; name: DomainEventName; payload: unknown }
  /** Durable events for `role` were committed on a node without it: a node with it should look. */
  | { t: "outbox"; role: EventRole };

export interface ClusterChannel {
  /** This node's id (per process run). */
  readonly node: string;
  send(message: ClusterMessage): void;
  /** Hears the other nodes' messages until the returned function is called. */
  listen(handler: (message: ClusterMessage) => void | Promise<void>): () => Promise<void>;
}

const DATE = "$date";

export function encodeMessage(message: ClusterMessage): string {
  return JSON.stringify(message, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE]: raw.toISOString() } : value;
  });
}

export function decodeMessage(data: string): ClusterMessage {
  return JSON.parse(data, (_key, value) =>
    value && typeof value === "object" && Object.keys(value).length === 1 && typeof value[DATE] === "string" ? new Date(value[DATE]) : value,
  );
}

export function pubsubChannel(pubsub: PubSub, log: Logger): ClusterChannel {
  const node = randomUUID();
  return {
    node,
    send: (message) => pubsub.publish("cluster", { from: node, data: encodeMessage(message) }),
    listen(handler) {
      const feed = pubsub.subscribe("cluster");
      void (async () => {
        for await (const { from, data } of feed) {
          if (from === node) continue;
          try {
            await handler(decodeMessage(data));
          } catch (err) {
            log.error({ err }, "a message from another node could not be handled");
          }
        }
      })();
      return async () => void (await feed.return?.());
    },
  };
}
