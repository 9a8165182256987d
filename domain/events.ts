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

  "case.created": { organizationId: string; caseId: string };
  /** An e-mail waits in the outbox: the outbox worker should look now. */
  "email.queued": { organizationId: string; messageId: string };
  /** An SMS waits in the outbox: the node holding its account's link should send it now. */
  "sms.queued": { organizationId: string; messageId: string };
  /** A fax waits in the outbox: a media node with a phone line should send it now. */
  "fax.queued": { organizationId: string; messageId: string };
  "case.updated": { organizationId: string; caseId: string };
  /** An SMS campaign's texts moved (sent, failed, receipts): its monitor's figures change. */
  "campaign.texts_changed": { organizationId: string; campaignId: string };
  "contact.updated": { organizationId: string; contactId: string };
  "message.created": {
    organizationId: string;
    caseId: string;
    messageId: string;
    interactionId: string | null;
    kind: "MESSAGE" | "NOTE";
    authorType: "CONTACT" | "AGENT" | "SYSTEM";
  };
  "interaction.ended": { organizationId: string; caseId: string; interactionId: string; agentId: string | null; endedBy: "CONTACT" | "AGENT" | "SYSTEM" };
  "chat.typing": { organizationId: string; caseId: string; interactionId: string; by: "CONTACT" | "AGENT"; agentId: string | null; typing: boolean };
  "chat.read": { organizationId: string; caseId: string; interactionId: string; by: "CONTACT" | "AGENT"; at: Date };

  "routing.item_queued": { organizationId: string; queueId: string; itemId: string; interactionId: string };
  "routing.offered": { organizationId: string; queueId: string; itemId: string; interactionId: string; agentId: string; expiresAt: Date };
  "routing.offer_withdrawn": {
    organizationId: string;
    queueId: string;
    itemId: string;
    interactionId: string;
    agentId: string;
    reason: "TIMEOUT" | "REJECTED" | "CANCELLED";
  };
  "routing.assigned": {
    organizationId: string;
    queueId: string;
    itemId: string;
    interactionId: string;
    caseId: string;
    agentId: string;
    transferFromId: string | null;
  };
  "routing.overflowed": {
    organizationId: string;
    queueId: string;
    interactionId: string;
    toQueueId: string | null;
    reason: "MAX_LENGTH" | "MAX_WAIT";
    /** A phone caller sent to voicemail or offered a call-back: their call runs the overflow flow. */
    to?: "VOICEMAIL" | "CALLBACK";
    callId?: string;
  };
  /** A caller left the queue unanswered into the system's hands (a fax machine heard on the call). */
  "routing.left_queue": { organizationId: string; queueId: string; interactionId: string; reason: "FAX" };
  "routing.transfer_failed": { organizationId: string; interactionId: string; caseId: string; agentId: string };
  /// Routing has something new to consider in these queues (new work, an agent freed up...).
  "routing.wake": { organizationId: string; queueIds: string[] | "all" };
  /// A call rang, was answered, changed who hears whom or its recording, or ended; the staff and visitors on it.
  /** A SIP trunk was added, changed or removed: the media role registers it again. */
  "trunk.changed": { organizationId: string; trunkId: string };
  /** A trunk's registration changed (REGISTERED, FAILED...). */
  "trunk.status_changed": { organizationId: string; trunkId: string; status: "OFF" | "REGISTERING" | "REGISTERED" | "FAILED" };
  /** An agent dialled a number: the media role places the call on the trunk. */
  /** A telephone to ring: the number called (no partyId), or a number consulted on the call. */
  "call.dialing": { organizationId: string; callId: string; partyId?: string; callerId?: string | null };
  /** A key a web caller pressed on the widget's keypad while in an IVR flow (for the flow's session). */
  "call.visitor_digit": { organizationId: string; callId: string; digit: string };
  /** Keys a phone caller pressed (RFC 2833 or SIP INFO), or an agent sent. */
  "call.dtmf": { organizationId: string; callId: string; digits: string; via: "RFC2833" | "INFO" | "AGENT" };
  /** A call changed. Who is told (the people and visitors ever on it) is worked out where the event
   * is delivered (callAudience), not by whoever raised it. */
  "call.updated": { organizationId: string; callId: string; state: "RINGING" | "ACTIVE" | "ENDED" };

  /** An alarm was defined or changed: evaluate it now. */
  "alarm.updated": { organizationId: string; alarmId: string };
  /** Alarms were raised or cleared (or deleted): boards show it. */
  "alarm.changed": { organizationId: string };
  /** Midnight on the organisation's clock: the boards' figures of the day start again. */
  "wallboard.day_started": { organizationId: string };
  /** A TV's wall-board link was revoked: its feeds end now. */
  "wallboard_link.revoked": { organizationId: string; linkId: string };
  /** An operator asked for a background job to run now. Jobs are installation-wide: the
   * organisation is the operator's own, for the record. */
  "job.run_requested": { organizationId: string; name: string };
}
export type DomainEventName = keyof DomainEvents;

/** A listener handles the events it cares about, one method per event (Chatwoot's listeners). */
export type EventListener = { [K in DomainEventName]?: (payload: DomainEvents[K]) => void | Promise<void> };

/** Where a listener runs. "any": on the node that publishes the event (its effects cross nodes on
 * their own, e.g. GraphQL pub/sub). A process role: on that node if it has the role, otherwise on
 * every node that has it (lib/event-bus.ts). */
export type EventRole = "any" | "web" | "media" | "worker";

/** Events a process must not miss: written to the outbox in the transaction of the change
 * (PendingEvents.addDurable) and delivered after commit by a node with this role, again after a
 * crash. Their payloads are plain JSON and their handlers idempotent. */
export const DURABLE_EVENTS = {
  "call.dialing": "media",
  "trunk.changed": "media",
  "email.queued": "any",
  "sms.queued": "any",
  "fax.queued": "media",
} as const satisfies { [K in DomainEventName]?: EventRole };
export type DurableEventName = keyof typeof DURABLE_EVENTS;

/** A durable event whose outbox row has committed. */
export interface StoredEvent {
  id: string;
  name: DurableEventName;
  payload: unknown;
  role: EventRole;
}

export interface EventPublisher {
  publish<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void;
  /** Durable events just committed: delivered now where this node may, else by a node that may. */
  publishStored(events: StoredEvent[]): void;
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
