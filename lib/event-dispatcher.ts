// Delivers the durable events of the outbox (EventOutbox; DURABLE_EVENTS in domain/events.ts). A
// node takes the rows of the roles it has ("any" rows: every node): at once for those committed
// here, when woken by a node without the role, every few seconds, and at start — which is how an
// event committed just before a crash still arrives. A row is claimed with SKIP LOCKED by pushing
// its next attempt forward (so a node that dies mid-delivery only delays it), delivered through the
// bus (this node's listeners, awaited, and the nodes with the roles it lacks), then marked. A
// failing listener means another attempt later, up to MAX_ATTEMPTS: handlers are idempotent.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { DomainEventName, EventRole, StoredEvent } from "../domain/events.ts";
import type { ClusterChannel } from "./cluster-channel.ts";
import { coalesced } from "./coalesced.ts";
import type { EventBus } from "./event-bus.ts";
import type { Logger } from "./logger.ts";

const BATCH = 50;
const LEASE_SECONDS = 30;
const MAX_ATTEMPTS = 10;
/** Delivered rows are kept a day (to look into), given-up ones a week. */
const KEEP_DELIVERED_HOURS = 24;
const KEEP_FAILED_HOURS = 24 * 7;

export interface EventDispatcher {
  /** Delivers what is due now; the number delivered. */
  run(): Promise<number>;
  /** Deletes old delivered (and long given-up) rows; the number deleted. */
  prune(): Promise<number>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  db: PrismaClient;
  bus: EventBus;
  channel: ClusterChannel | null;
  roles: readonly EventRole[];
  log: Logger;
  pollMs?: number;
  pruneMs?: number;
}

interface Row {
  id: string;
  name: DomainEventName;
  payload: unknown;
  attempts: number;
}

export function startEventDispatcher(o: DispatcherOptions): EventDispatcher {
  const { db, bus, channel, log } = o;
  const mine: EventRole[] = ["any", ...o.roles];
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };

  const claim = (only?: string[]) => db.$queryRaw<Row[]>`
    update "EventOutbox" set "availableAt" = now() + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1
    where "id" in (
      select "id" from "EventOutbox"
      where "deliveredAt" is null and "availableAt" <= now() and "attempts" < ${MAX_ATTEMPTS}
        and "role" in (${Prisma.join(mine)}) ${only ? Prisma.sql`and "id" in (${Prisma.join(only.map((id) => Prisma.sql`${id}::uuid`))})` : Prisma.empty}
      order by "id" limit ${BATCH} for update skip locked)
    returning "id", "name", "payload", "attempts"`;

  const deliverOne = async (row: Row) => {
    try {
      await bus.deliver(row.name, row.payload as never);
      await db.eventOutbox.update({ where: { id: row.id }, data: { deliveredAt: new Date(), lastError: null } });
    } catch (err) {
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      const retryIn = Math.min(5 * 2 ** (row.attempts - 1), 300);
      log[giveUp ? "error" : "warn"]({ err, event: row.name, id: row.id, attempts: row.attempts }, giveUp ? "a durable event could not be delivered; gave up" : "a durable event's delivery failed; will retry");
      await db.eventOutbox
        .update({ where: { id: row.id }, data: { lastError: String((err as Error)?.message ?? err).slice(0, 1000), availableAt: new Date(Date.now() + retryIn * 1000) } })
        .catch((e) => log.error({ err: e }, "recording an outbox failure failed"));
    }
  };
  // One row after another, in the order they were committed (ids are UUIDv7).
  const deliverAll = async (rows: Row[]) => {
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const row of rows) await deliverOne(row);
    return rows.length;
  };

  let delivered = 0;
  const pass = coalesced(
    async () => {
      if (stopped) return;
      try {
        const n = await deliverAll(await claim());
        delivered += n;
        return n === BATCH;
      } catch (err) {
        log.error({ err }, "outbox run failed");
      }
    },
    () => stopped,
  );
  const run = async () => {
    const before = delivered;
    await track(pass());
    return delivered - before;
  };

  bus.onStored((events: StoredEvent[]) => {
    const here = events.filter((e) => mine.includes(e.role)).map((e) => e.id);
    if (here.length && !stopped) void track(claim(here).then(deliverAll)).catch((err) => log.error({ err }, "delivering durable events failed; the outbox will retry"));
    for (const role of new Set(events.filter((e) => !mine.includes(e.role)).map((e) => e.role))) channel?.send({ t: "outbox", role });
  });
  const unlisten = channel?.listen((m) => {
    if (m.t === "outbox" && mine.includes(m.role)) void run();
  });

  const prune = async () => {
    const r = await db.$executeRaw`
      delete from "EventOutbox" where "id" in (
        select "id" from "EventOutbox"
        where ("deliveredAt" < now() - make_interval(hours => ${KEEP_DELIVERED_HOURS}))
           or ("deliveredAt" is null and "attempts" >= ${MAX_ATTEMPTS} and "createdAt" < now() - make_interval(hours => ${KEEP_FAILED_HOURS}))
        limit 5000)`;
    return r;
  };

  const poll = setInterval(() => void run(), o.pollMs ?? 2000);
  const pruning = setInterval(() => void prune().catch((err) => log.error({ err }, "pruning the event outbox failed")), o.pruneMs ?? 3_600_000);
  poll.unref();
  pruning.unref();
  void run();

  return {
    run,
    prune,
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(pruning);
      await unlisten?.();
      await Promise.allSettled([...inFlight]);
    },
  };
}
