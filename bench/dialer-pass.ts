// npm run bench:dialer-pass — what the dialer job costs the database at campaign scale: CONTACTS
// contacts waiting in one predictive campaign, AGENTS agents, LIVE calls ringing. The job runs
// every second, so its pass must stay far below that. Three figures:
//  1. a pass that places nothing (every agent busy, lines full): the snapshot and the checks;
//  2. placing calls: claiming due contacts (SKIP LOCKED) and opening their case, interaction,
//     call and attempt, per call;
//  3. settling ended attempts (outcome and next step), per attempt.
// In-process server on PostgreSQL (BENCH_DATABASE=pglite for the embedded database); its own
// background jobs are stopped, so only the bench drives the dialer.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { Dialer } from "../domain/campaigns/dialer/dialer.ts";
import { finishEndedAttempts } from "../domain/campaigns/dialer/finish-attempts.ts";
import { placeCampaignCalls } from "../domain/campaigns/dialer/place-calls.ts";
import { makeOrg } from "../tests/factories/index.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

const CONTACTS = Number(process.env.CONTACTS ?? 100_000);
const AGENTS = Number(process.env.AGENTS ?? 20);
const LIVE = Number(process.env.LIVE ?? 60);
const ROUNDS = Number(process.env.ROUNDS ?? 50);
const PLACE = Number(process.env.PLACE ?? 500);
const CHUNK = 5000;

const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";
const database = await createTestDatabase(kind);
const server = await startTestServer({ ROUTING_TICK_MS: "60000", PRESENCE_TIMEOUT_SECONDS: "3600", LOG_LEVEL: "warn" }, database);
await server.workers.stop();
const { app } = server;
const db = app.db.prisma;

try {
  console.log(`Setting up a campaign of ${CONTACTS} contacts, ${AGENTS} agents and ${LIVE} calls ringing on ${kind}…`);
  const org = await makeOrg(app);
  const trunk = await db.sipTrunk.create({ data: { organizationId: org.id, name: "Out", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"], maxCalls: 1000 } });
  const agentIds = Array.from({ length: AGENTS }, () => randomUUID());
  await db.user.createMany({
    data: agentIds.map((id, i) => ({ id, organizationId: org.id, roleId: org.roles.AGENT, username: `bench-${id}`, name: `Agent ${i}`, email: `${id}@bench.example` })),
  });
  await db.agentPresence.createMany({ data: agentIds.map((userId) => ({ userId, organizationId: org.id, state: "READY" as const, lastSeenAt: new Date() })) });
  const queue = await db.queue.create({ data: { organizationId: org.id, name: "Bench campaign", channels: ["VOICE"], wrapUpSeconds: 10 } });
  await db.queueMember.createMany({ data: agentIds.map((userId) => ({ queueId: queue.id, userId })) });
  const list = await db.contactList.create({ data: { organizationId: org.id, name: "Bench list", status: "READY", fieldNames: ["debt"] } });
  const campaign = await db.campaign.create({
    data: { organizationId: org.id, name: "Bench", queueId: queue.id, trunkId: trunk.id, mode: "PREDICTIVE", status: "RUNNING", startedAt: new Date(), lineLimit: LIVE + PLACE + 10 },
  });
  const phone = (i: number) => `+48600${String(i).padStart(6, "0")}`;
  for (let from = 0; from < CONTACTS; from += CHUNK) {
    const n = Math.min(CHUNK, CONTACTS - from);
    const entries = Array.from({ length: n }, (_, k) => ({ id: randomUUID(), listId: list.id, row: from + k + 2, phone: phone(from + k), name: `Person ${from + k}`, fields: { debt: "100" } }));
    await db.contactListEntry.createMany({ data: entries });
    await db.campaignContact.createMany({ data: entries.map((e, k) => ({ campaignId: campaign.id, entryId: e.id, phone: e.phone, sortKey: from + k })) });
  }
  const dialing = { id: campaign.id, organizationId: org.id, name: campaign.name, mode: campaign.mode, queueId: queue.id, trunkId: trunk.id, callerId: "+48221230000" };

  // The calls ringing (placed by the dialer, as they would be).
  await placeCampaignCalls(dialing, LIVE, 0, app.deps);
  // Every agent busy: the pass finds nobody free, and places nothing while learning.
  await db.agentPresence.updateMany({ where: { userId: { in: agentIds } }, data: { state: "WRAP_UP", since: new Date() } });

  // 1. Passes that place nothing.
  const dialer = new Dialer(app.deps);
  const passes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const result = await dialer.pass();
    passes.push(performance.now() - t);
    if (result.placed) throw new Error("the bench's pass placed calls");
  }

  // 2. Placing calls, ten at a time (a busy second of a large campaign).
  const placing: number[] = [];
  for (let placed = 0; placed < PLACE; placed += 10) {
    const t = performance.now();
    const calls = await placeCampaignCalls(dialing, 10, 0, app.deps);
    placing.push((performance.now() - t) / Math.max(1, calls.length));
  }

  // 3. Settling: every call ends as busy.
  const live = await db.campaignAttempt.findMany({ where: { campaignId: campaign.id, endedAt: null }, select: { callId: true } });
  await db.call.updateMany({ where: { id: { in: live.map((a) => a.callId!) } }, data: { state: "ENDED", endedAt: new Date(), endReason: "BUSY", sipCode: 486 } });
  const t0 = performance.now();
  let settled = 0;
  for (;;) {
    const n = await finishEndedAttempts(app.deps, campaign.id);
    if (!n) break;
    settled += n;
  }
  const settleMs = performance.now() - t0;

  const p = summary(passes);
  const c = summary(placing);
  table([
    { figure: "dialer pass, nothing to place", n: passes.length, p50: ms(p.p50), p95: ms(p.p95), max: ms(p.max) },
    { figure: "placing a call (claim, case, call, attempt)", n: placing.length * 10, p50: ms(c.p50), p95: ms(c.p95), max: ms(c.max) },
    { figure: "settling an ended attempt", n: settled, p50: ms(settleMs / Math.max(1, settled)), p95: "", max: "" },
  ]);
  console.log(`${CONTACTS} contacts, ${AGENTS} agents, ${LIVE} calls ringing, ${kind}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})`);
} finally {
  await server.close();
  await database.drop();
}
