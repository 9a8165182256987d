// npm run bench:events — how long a durable event takes from its transaction's commit to its
// handler, p50/p99, on PostgreSQL (BENCH_DATABASE=pglite for the embedded database; the cluster
// rows need PostgreSQL and Redis):
//   transient        an ordinary event (PendingEvents.add), for comparison
//   durable, here    committed on a node with the handler's role: claimed by id and delivered at once
//   durable, across  committed on a web node (ROLES=web), delivered by a media node (ROLES=media,worker)
//                    woken over Redis
//   after a crash    committed and never published: found by a dispatcher's poll (every 2 s)
// ROUNDS events each, one after another. Servers run in this process, so one clock times both ends.
import { randomUUID } from "node:crypto";
import { PendingEvents } from "../domain/shared/pending-events.ts";
import type { AppServices } from "../lib/services.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { type TestServer, startTestServer } from "../tests/support/test-server.ts";
import { ms, summary, table } from "./stats.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 300);
const CRASH_ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const kind = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";

/** Each event's handler on `handler` notes when it ran; `raise` commits it on `raiser`. */
async function measure(raiser: AppServices, handler: AppServices, mode: "transient" | "durable" | "unpublished", rounds: number) {
  const waiting = new Map<string, (t: number) => void>();
  const heard = (p: { trunkId?: string; callId?: string }) => waiting.get((p.trunkId ?? p.callId)!)?.(performance.now());
  const role = handler === raiser ? "any" : "media";
  handler.events.subscribe({ "trunk.changed": heard, "call.visitor_digit": heard }, role);
  const latencies: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = randomUUID();
    const arrived = new Promise<number>((resolve) => waiting.set(id, resolve));
    const events = new PendingEvents();
    await raiser.db.prisma.$transaction(async (tx) => {
      if (mode === "transient") events.add("call.visitor_digit", { organizationId: id, callId: id, digit: "1" });
      else await events.addDurable(tx, "trunk.changed", { organizationId: id, trunkId: id });
    });
    const committed = performance.now();
    if (mode !== "unpublished") events.publishTo(raiser.deps.events);
    latencies.push((await arrived) - committed);
    waiting.delete(id);
  }
  return summary(latencies);
}

const row = (name: string, s: ReturnType<typeof summary>) => ({ path: name, n: s.n, p50: ms(s.p50), p99: ms(s.p99), max: ms(s.max) });
const rows = [];
const servers: TestServer[] = [];
const db = await createTestDatabase(kind);
try {
  const single = await startTestServer({}, db);
  servers.push(single);
  rows.push(row("transient (one process)", await measure(single.app, single.app, "transient", ROUNDS)));
  rows.push(row("durable, here", await measure(single.app, single.app, "durable", ROUNDS)));
  rows.push(row("durable, after a crash (2 s poll)", await measure(single.app, single.app, "unpublished", CRASH_ROUNDS)));
  await single.close();
  servers.length = 0;
  if (kind === "postgres") {
    const web = await startTestServer({ REDIS_URL, ROLES: "web" }, db);
    servers.push(web);
    const media = await startTestServer({ REDIS_URL, ROLES: "media,worker" }, db);
    servers.push(media);
    rows.push(row("transient, web → media node", await measure(web.app, media.app, "transient", ROUNDS)));
    rows.push(row("durable, web → media node", await measure(web.app, media.app, "durable", ROUNDS)));
  }
  console.log(`\nDurable events, commit → handler (${kind}, ${ROUNDS} events one after another)\n`);
  table(rows);
} finally {
  for (const s of servers) await s.close();
  await db.drop();
}
