// The one list of domain events. Use-cases emit them after their transaction commits; listeners
// (graphql/realtime.ts today; reporting and webhooks later) react. Payloads carry ids, not rows:
// listeners re-read what they need, so authorization and field selection apply.
import type { AgentState } from "./agents/agent-state.ts";

export interface DomainEvents {
  "agent.state_changed": { organizationId: string; userId: string; state: AgentState; since: Date };
  "user.created": { organizationId: string; userId: string };
  "user.updated": { organizationId: string; userId: string };
  "user.deactivated": { organizationId: string; userId: string };
  "role.updated": { organizationId: string; roleId: string };
  "role.deleted": { organizationId: string; roleId: string };
  "team.updated": { organizationId: string; teamId: string };
  "team.deleted": { organizationId: string; teamId: string };
  "queue.updated": { organizationId: string; queueId: string };
  "queue.deleted": { organizationId: string; queueId: string };
  "pause_code.updated": { organizationId: string; pauseCodeId: string };
}
export type DomainEventName = keyof DomainEvents;

export interface EventPublisher {
  publish<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void;
}

/** Events that change who may see what: every node drops cached viewers when one happens. */
export const ACCESS_EVENTS: readonly DomainEventName[] = [
  "user.created",
  "user.updated",
  "user.deactivated",
  "role.updated",
  "role.deleted",
  "team.updated",
  "team.deleted",
];
