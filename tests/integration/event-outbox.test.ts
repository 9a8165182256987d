// Durable events (EventOutbox): written with the change, delivered after commit, again after a
// crash, once however many nodes deliver. The server's own dispatcher is stopped so that each test
// decides which dispatchers run.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { DomainEvents, EventListener } from "../../domain/events.ts";
import { PendingEvents } from "../../domain/shared/pending-events.ts";
import { type EventBus, createEventBus } from "../../lib/event-bus.ts";
import { type EventDispatcher, startEventDispatcher } from "../../lib/event-dispatcher.ts";
import { createLogger } from "../../lib/logger.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
const db = () => server.app.db.prisma;
const log = createLogger("silent", false);
const running: EventDispatcher[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await server.app.outbox.stop();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
  await db().eventOutbox.deleteMany({});
});
afterAll(async () => {
  await server?.close();
});

/** A node: a bus whose media listener notes every trunk.changed it hears, and its dispatcher. */
function node(heard: string[], listener: EventListener = {}, pollMs = 50): { bus: EventBus; dispatcher: EventDispatcher } {
  const bus = createEventBus(log);
  bus.subscribe({ "trunk.changed": (p) => void heard.push(p.trunkId), ...listener }, "media");
  const dispatcher = startEventDispatcher({ db: db(), bus, channel: null, roles: ["web", "media", "worker"], log, pollMs });
  running.push(dispatcher);
  return { bus, dispatcher };
}

/** Commits trunk.changed events durably without publishing them: the process "died" after commit. */
async function commitUnpublished(n: number) {
  const trunkIds = Array.from({ length: n }, () => randomUUID());
  await db().$transaction(async (tx) => {
    const events = new PendingEvents();
    for (const trunkId of trunkIds) await events.addDurable(tx, "trunk.changed", { organizationId: randomUUID(), trunkId });
  });
  return trunkIds;
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

it("an event committed while no dispatcher ran is delivered when one starts, and marked", async () => {
  const [trunkId] = await commitUnpublished(1);
  const row = await db().eventOutbox.findFirstOrThrow();
  expect(row).toMatchObject({ name: "trunk.changed", role: "media", deliveredAt: null, attempts: 0, payload: { trunkId } });
  const heard: string[] = [];
  node(heard);
  await until(() => heard.length === 1);
  expect(heard).toEqual([trunkId]);
  await until(async () => !!(await db().eventOutbox.findUniqueOrThrow({ where: { id: row.id } })).deliveredAt);
  expect(await db().eventOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ attempts: 1, lastError: null });
});

it("a transaction rolled back leaves nothing in the outbox and nothing is heard", async () => {
  const events = new PendingEvents();
  await expect(
    db().$transaction(async (tx) => {
      await events.addDurable(tx, "trunk.changed", { organizationId: randomUUID(), trunkId: randomUUID() });
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");
  expect(await db().eventOutbox.count()).toBe(0);
  const heard: string[] = [];
  const { bus, dispatcher } = node(heard);
  events.publishTo(bus); // a use-case never gets here; even so nothing was stored
  expect(await dispatcher.run()).toBe(0);
  expect(heard).toEqual([]);
});

it("committed on this node: delivered at once, in commit order, without waiting for the poll", async () => {
  const heard: string[] = [];
  const { bus } = node(heard, {}, 60_000);
  const events = new PendingEvents();
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  await db().$transaction(async (tx) => {
    for (const trunkId of ids) await events.addDurable(tx, "trunk.changed", { organizationId: randomUUID(), trunkId });
  });
  events.publishTo(bus);
  await until(() => heard.length === 3, 2000);
  expect(heard).toEqual(ids);
  await until(async () => (await db().eventOutbox.count({ where: { deliveredAt: null } })) === 0, 2000);
});

it("two dispatchers deliver each of many rows once", async () => {
  const ids = await commitUnpublished(120);
  const a: string[] = [];
  const b: string[] = [];
  node(a);
  node(b);
  await until(async () => (await db().eventOutbox.count({ where: { deliveredAt: null } })) === 0, 15_000);
  const all = [...a, ...b].sort();
  expect(all).toEqual([...ids].sort());
  expect(new Set(all).size).toBe(120);
});

it("a listener that fails is retried later; the error is kept until it succeeds", async () => {
  const [trunkId] = await commitUnpublished(1);
  let calls = 0;
  const heard: string[] = [];
  const { dispatcher } = node(heard, {
    "trunk.changed": (p: DomainEvents["trunk.changed"]) => {
      if (++calls === 1) throw new Error("registrar unreachable");
      heard.push(p.trunkId);
    },
  });
  await until(() => calls === 1);
  await until(async () => !!(await db().eventOutbox.findFirstOrThrow()).lastError);
  const failed = await db().eventOutbox.findFirstOrThrow();
  expect(failed).toMatchObject({ deliveredAt: null, attempts: 1, lastError: "registrar unreachable" });
  expect(failed.availableAt.getTime()).toBeGreaterThan(Date.now() + 2000);
  // Its next attempt is due: delivered, error cleared.
  await db().eventOutbox.update({ where: { id: failed.id }, data: { availableAt: new Date(Date.now() - 1000) } });
  await dispatcher.run();
  expect(heard).toEqual([trunkId]);
  expect(await db().eventOutbox.findFirstOrThrow()).toMatchObject({ attempts: 2, lastError: null, deliveredAt: expect.any(Date) });
});

it("a row claimed by a node that died is delivered by another once its claim runs out", async () => {
  await commitUnpublished(1);
  // The dead node's claim: attempted once, next attempt pushed forward.
  await db().eventOutbox.updateMany({ data: { attempts: 1, availableAt: new Date(Date.now() + 30_000) } });
  const heard: string[] = [];
  const { dispatcher } = node(heard, {}, 60_000);
  expect(await dispatcher.run()).toBe(0);
  await db().eventOutbox.updateMany({ data: { availableAt: new Date(Date.now() - 1) } });
  expect(await dispatcher.run()).toBe(1);
  expect(heard).toHaveLength(1);
});

it("old delivered rows are pruned; recent and undelivered ones stay", async () => {
  await commitUnpublished(3);
  const [old, recent] = await db().eventOutbox.findMany({ orderBy: { id: "asc" } });
  await db().eventOutbox.update({ where: { id: old.id }, data: { deliveredAt: new Date(Date.now() - 25 * 3_600_000) } });
  await db().eventOutbox.update({ where: { id: recent.id }, data: { deliveredAt: new Date() } });
  const { dispatcher } = node([], {}, 60_000);
  await dispatcher.stop(); // prune only
  expect(await dispatcher.prune()).toBe(1);
  expect(await db().eventOutbox.count()).toBe(2);
});
