// npm run bench:routing — the ACD at contact-centre scale: AGENTS Ready agents in one chat queue
// (capacity 3 chats each) and WAITING chats queued. Three figures:
//  1. the opening burst: how long routing takes to fill every free seat (offers per second);
//  2. steady state, every agent full: an agent ends a chat and the next waiting chat is offered to
//     them — from the end-chat call to the offer event, through the live wake path (p50/p99);
//  3. the cost of a routing pass that finds nobody free (each wake and tick pays it).
// In-process server on PostgreSQL (BENCH_DATABASE=pglite for the embedded database).
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { EventListener } from "../domain/events.ts";
import { endInteraction } from "../domain/routing/end-interaction.ts";
import { acceptOffer } from "../domain/routing/respond-to-offer.ts";
import { routeOrganization } from "../domain/routing/route-organization.ts";
import { asViewer, makeOrg } from "../tests/factories/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

const AGENTS = Number(process.env.AGENTS ?? 1000);
const WAITING = Number(process.env.WAITING ?? 5000);
const ROUNDS = Number(process.env.ROUNDS ?? 200);
const CHUNK = 1000;

const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";
const database = await createTestDatabase(kind);
const server = await startTestServer({ ROUTING_TICK_MS: "60000", PRESENCE_TIMEOUT_SECONDS: "3600", LOG_LEVEL: "warn" }, database);
const { app } = server;
const db = app.db.prisma;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

// Offers as they happen, for the steady-state rounds.
const offerWaiters = new Map<string, () => void>();
const onOffer: EventListener = { "routing.offered": (e) => offerWaiters.get(e.agentId)?.() };
(app.deps.events as unknown as { subscribe(l: EventListener): void }).subscribe(onOffer);

try {
  console.log(`Setting up ${AGENTS} agents and ${WAITING} waiting chats on ${kind}…`);
  const org = await makeOrg(app);
  const caseProcess = await db.process.findFirstOrThrow({ where: { organizationId: org.id, isDefault: true }, include: { statuses: true } });
  const status = caseProcess.statuses.find((s) => s.category === "NEW")!;
  const agentIds = Array.from({ length: AGENTS }, () => randomUUID());
  for (const ids of chunks(agentIds)) {
    await db.user.createMany({
      data: ids.map((id, i) => ({
        id,
        organizationId: org.id,
        roleId: org.roles.AGENT,
        username: `bench-${id}`,
        name: `Agent ${i}`,
        email: `${id}@bench.example`,
      })),
    });
    const t0 = Date.now();
    await db.agentPresence.createMany({
      data: ids.map((userId, i) => ({ userId, organizationId: org.id, state: "READY" as const, lastSeenAt: new Date(t0), idleSince: new Date(t0 - i * 1000) })),
    });
  }
  const queue = await db.queue.create({
    data: { organizationId: org.id, name: "Bench chat", channels: ["CHAT"], strategy: "LONGEST_IDLE", offerTimeoutSeconds: 600 },
  });
  for (const ids of chunks(agentIds))
    await db.queueMember.createMany({ data: ids.map((userId, i) => ({ queueId: queue.id, userId, skillLevel: 1 + (i % 10) })) });

  const start = Date.now() - WAITING * 100;
  const items = Array.from({ length: WAITING }, (_, i) => ({
    caseId: randomUUID(),
    interactionId: randomUUID(),
    number: i + 1,
    at: new Date(start + i * 100),
  }));
  for (const part of chunks(items)) {
    await db.case.createMany({
      data: part.map((x) => ({
        id: x.caseId,
        organizationId: org.id,
        number: x.number,
        subject: `Chat ${x.number}`,
        processId: caseProcess.id,
        statusId: status.id,
        channel: "CHAT" as const,
        queueId: queue.id,
      })),
    });
    await db.interaction.createMany({
      data: part.map((x) => ({ id: x.interactionId, organizationId: org.id, caseId: x.caseId, channel: "CHAT" as const, queueId: queue.id, arrivedAt: x.at })),
    });
    await db.queueItem.createMany({
      data: part.map((x) => ({ organizationId: org.id, queueId: queue.id, interactionId: x.interactionId, channel: "CHAT" as const, enqueuedAt: x.at })),
    });
  }
  await db.organization.update({ where: { id: org.id }, data: { caseCounter: WAITING } });

  // 1. The opening burst: passes until no more offers are made.
  const burstStart = performance.now();
  const passes: number[] = [];
  let offered = 0;
  for (;;) {
    const t = performance.now();
    const made = (await routeOrganization(org.id, app.deps)).length;
    passes.push(performance.now() - t);
    if (!made) break;
    offered += made;
  }
  const burstMs = performance.now() - burstStart;

  // Everyone accepts (not timed): agents are now full, the rest keep waiting.
  const offers = await db.queueItem.findMany({ where: { queueId: queue.id, state: "OFFERED" }, select: { id: true, offeredToId: true } });
  const viewers = new Map<string, Awaited<ReturnType<typeof asViewer>>>();
  const viewerOf = async (id: string) => viewers.get(id) ?? viewers.set(id, await asViewer(app, id)).get(id)!;
  for (const o of offers) await acceptOffer(await viewerOf(o.offeredToId!), o.id, app.deps);

  // 2. Steady state: an agent ends a chat; the live path offers them the next one.
  const latencies: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const active = await db.interaction.findMany({ where: { queueId: queue.id, state: "ACTIVE" }, select: { id: true, agentId: true }, take: 50 });
    const chat = active[Math.floor(Math.random() * active.length)];
    const got = new Promise<number>((resolve) => offerWaiters.set(chat.agentId!, () => resolve(performance.now())));
    const t0 = performance.now();
    await endInteraction(chat.id, "AGENT", app.deps);
    const t1 = await Promise.race([got, new Promise<number>((_, no) => setTimeout(() => no(new Error("no offer within 10 s")), 10_000))]);
    offerWaiters.delete(chat.agentId!);
    latencies.push(t1 - t0);
    const next = await db.queueItem.findFirstOrThrow({ where: { offeredToId: chat.agentId, state: "OFFERED" }, select: { id: true } });
    await acceptOffer(await viewerOf(chat.agentId!), next.id, app.deps);
  }

  // 3. A pass with nobody free.
  await server.workers.router.pass();
  const idle: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await routeOrganization(org.id, app.deps);
    idle.push(performance.now() - t);
  }

  const waitingLeft = await db.queueItem.count({ where: { queueId: queue.id, state: "WAITING" } });
  console.log(`\n${os.cpus().length} CPUs, ${kind}; ${AGENTS} agents × 3 chats, ${WAITING} chats queued (${waitingLeft} still waiting at the end)\n`);
  const b = summary(passes);
  const s = summary(latencies);
  const p = summary(idle);
  table([
    {
      measure: "opening burst: seats filled",
      value: `${offered} offers in ${ms(burstMs)} (${Math.round((offered / burstMs) * 1000)} offers/s, ${passes.length} passes, pass p50 ${ms(b.p50)})`,
    },
    { measure: "agent frees a seat → next offer", value: `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.n})` },
    { measure: "pass with nobody free", value: `p50 ${ms(p.p50)}  p99 ${ms(p.p99)}  (n=${p.n})` },
  ]);
} finally {
  await server.close();
  await database.drop();
}
