import type { DomainEventName, DomainEvents, EventPublisher } from "../events.ts";

/**
 * Events collected inside a transaction and published only after it commits, so no listener ever
 * hears of a change that was rolled back.
 */
export class PendingEvents {
  private items: { name: DomainEventName; payload: unknown }[] = [];

  add<K extends DomainEventName>(name: K, payload: DomainEvents[K]) {
    this.items.push({ name, payload });
  }

  publishTo(events: EventPublisher) {
    for (const e of this.items.splice(0)) events.publish(e.name, e.payload as never);
  }
}
