import type { Prisma } from "../../generated/prisma/client.ts";
import { DURABLE_EVENTS, type DomainEventName, type DomainEvents, type DurableEventName, type EventPublisher, type StoredEvent } from "../events.ts";
import type { Db } from "./tx.ts";

type TransientEventName = Exclude<DomainEventName, DurableEventName>;

/**
 * Events collected inside a transaction and published only after it commits, so no listener ever
 * hears of a change that was rolled back. Durable events are written to the outbox in that same
 * transaction: if the process dies before publishing them, another node (or this one, restarted)
 * delivers them.
 */
export class PendingEvents {
  private items: { name: DomainEventName; payload: unknown }[] = [];
  private stored: StoredEvent[] = [];

  add<K extends TransientEventName>(name: K, payload: DomainEvents[K]) {
    this.items.push({ name, payload });
  }

  /** Writes a durable event to the outbox with `tx`, the transaction of the change it tells of. */
  async addDurable<K extends DurableEventName>(tx: Db, name: K, payload: DomainEvents[K]) {
    const role = DURABLE_EVENTS[name];
    const row = await tx.eventOutbox.create({ data: { name, payload: payload as Prisma.InputJsonValue, role }, select: { id: true } });
    this.stored.push({ id: row.id, name, payload, role });
  }

  publishTo(events: EventPublisher) {
    for (const e of this.items.splice(0)) events.publish(e.name, e.payload as never);
    const stored = this.stored.splice(0);
    if (stored.length) events.publishStored(stored);
  }
}
