// Domain events fan out to listeners, each its own concern, each where its role says
// (EventRole in domain/events.ts): an "any" listener on the node that publishes the event; a role's
// listener on every node that has the role, once each — the publishing node's own at once, the
// others' through the cluster channel (Redis). So with ROLES=web on one process and
// ROLES=media,worker on another, an event raised on either reaches each listener once; media
// listeners act only on the calls their node owns (lib/media-nodes). A failing listener is logged
// and never fails the use-case.
import type { DomainEventName, DomainEvents, EventListener, EventPublisher, EventRole, StoredEvent } from "../domain/events.ts";
import type { ClusterChannel } from "./cluster-channel.ts";
import type { Logger } from "./logger.ts";

export type { EventListener };

export const PROCESS_ROLES: readonly EventRole[] = ["web", "media", "worker"];

export interface EventBus extends EventPublisher {
  /** `role`: where the listener must run ("any" by default: on the publishing node). */
  subscribe(listener: EventListener, role?: EventRole): void;
  /** Runs this node's listeners now and waits for them, and tells the other nodes; rejects (after all ran) when a listener failed. The outbox's delivery. */
  deliver<K extends DomainEventName>(name: K, payload: DomainEvents[K]): Promise<void>;
  /** Who takes the durable events committed on this node (lib/event-dispatcher.ts). */
  onStored(handler: (events: StoredEvent[]) => void): void;
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** This node's roles (all by default). */
  roles?: readonly EventRole[];
  /** Between nodes; null in a single process. */
  channel?: ClusterChannel | null;
}

export function createEventBus(log: Logger, options: EventBusOptions = {}): EventBus {
  const roles = options.roles ?? PROCESS_ROLES;
  const channel = options.channel ?? null;
  const listeners: { listener: EventListener; role: EventRole }[] = [];
  let stored: ((events: StoredEvent[]) => void) | null = null;

  const run = (name: DomainEventName, payload: unknown, which: (role: EventRole) => boolean): Promise<unknown>[] =>
    listeners
      .filter(({ listener, role }) => listener[name] && which(role))
      .map(({ listener }) =>
        Promise.resolve()
          .then(() => (listener[name] as (p: unknown) => unknown)(payload))
          .catch((err) => {
            log.error({ err, event: name }, "event listener failed");
            throw err;
          }),
      );
  const tellOthers = (name: DomainEventName, payload: unknown) => {
    if (channel) channel.send({ t: "event", roles: [...PROCESS_ROLES], name, payload });
  };

  const unlisten = channel?.listen((m) => {
    if (m.t !== "event") return;
    const wanted = m.roles.filter((r) => roles.includes(r));
    if (wanted.length) for (const p of run(m.name, m.payload, (role) => wanted.includes(role))) p.catch(() => {});
  });

  return {
    subscribe(listener, role = "any") {
      if (role !== "any" && !roles.includes(role)) throw new Error(`a ${role} listener on a node without the ${role} role`);
      listeners.push({ listener, role });
    },
    publish(name, payload) {
      for (const p of run(name, payload, () => true)) p.catch(() => {});
      tellOthers(name, payload);
    },
    async deliver(name, payload) {
      const results = await Promise.allSettled(run(name, payload, () => true));
      tellOthers(name, payload);
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    },
    onStored(handler) {
      stored = handler;
    },
    publishStored(events) {
      if (stored) stored(events);
      else log.warn({ events: events.map((e) => e.name) }, "durable events wait in the outbox: no dispatcher on this node");
    },
    async close() {
      await unlisten?.();
    },
  };
}
