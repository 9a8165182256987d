// The realtime listener: domain events -> GraphQL topics. Compute audiences here, not in use-cases.
import { ACCESS_EVENTS, type DomainEventName } from "../domain/events.ts";
import type { EventListener } from "../lib/event-bus.ts";
import type { PubSub } from "./pubsub.ts";

export function realtimeListener(pubsub: PubSub): EventListener {
  const accessChanged = (p: { organizationId: string }) => pubsub.publish("accessChanged", { organizationId: p.organizationId });
  const listener: EventListener = {
    "agent.state_changed": (p) => pubsub.publish("agentPresence", p.organizationId, { userId: p.userId, state: p.state, since: p.since.toISOString() }),
  };
  for (const name of ACCESS_EVENTS) (listener as Record<DomainEventName, typeof accessChanged>)[name] = accessChanged;
  return listener;
}
