// npm run bench:wallboard — latency from an event on the floor (an agent's state change leaving
// the agent's browser) to a TV's wall-board feed delivering a board that shows it, p50/p95/p99,
// while the floor is busy: AGENTS agents in QUEUES queues (each agent in two), agents changing
// state and customers starting chats all the time, on a day that already has HISTORY
// interactions. A real server process on PostgreSQL; the people and the day are written straight
// into its database; everything measured goes through HTTP as a browser's would.
import { randomBytes } from "node:crypto";
import { argon2Passwords } from "../lib/auth/passwords.ts";
import { openDatabase } from "../lib/db/database.ts";
import { createOrganization, createUserWithPassword } from "../prisma/seed/seed.ts";
import { hashToken } from "../domain/wallboard/wallboard-links.ts";
import { TestSession } from "../tests/support/test-server.ts";
import { VisitorClient } from "../tests/support/visitor-client.ts";
import { startBenchServer } from "./bench-server.ts";
import { ms, summary, table } from "./stats.ts";

const AGENTS = Number(process.env.AGENTS ?? 200);
const QUEUES = Number(process.env.QUEUES ?? 20);
const HISTORY = Number(process.env.HISTORY ?? 4000);
const PROBES = Number(process.env.PROBES ?? 100);
const CHANGES_PER_SECOND = Number(process.env.CHANGES_PER_SECOND ?? 20);
const CHATS_PER_SECOND = Number(process.env.CHATS_PER_SECOND ?? 2);
const PORT = process.env.BENCH_PORT ?? "43210";
const PASSWORD = "bench password";

const server = await startBenchServer(PORT, { database: "postgres", env: { ROUTING_TICK_MS: "1000" } });
const stops: (() => void)[] = [];
try {
  await server.ready;
  const { base } = server;
  const db = await openDatabase({ databaseUrl: server.databaseEnv.DATABASE_URL, dataDir: "/tmp" });
  const prisma = db.prisma;

  // The floor: an organisation, its agents, its queues (each agent in two) and a widget per queue.
  const t0 = performance.now();
  const { org, roles } = await createOrganization(prisma, "Bench floor", `bench-${randomBytes(3).toString("hex")}`, "en");
  const hash = await argon2Passwords.hash(PASSWORD);
  const agents: { id: string; username: string }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const username = `wb${i}`;
    const u = await createUserWithPassword(
      prisma,
      org.id,
      roles.AGENT,
      { username, name: `Agent ${String(i).padStart(3, "0")}`, email: `${username}@bench.example`, locale: "en" },
      hash,
    );
    agents.push({ id: u.id, username });
  }
  const queues: { id: string; key: string }[] = [];
  for (let q = 0; q < QUEUES; q++) {
    const members = agents.filter((_, i) => i % QUEUES === q || (i + 1) % QUEUES === q).map((a) => ({ userId: a.id, skillLevel: 5 }));
    const queue = await prisma.queue.create({
      data: { organizationId: org.id, name: `Queue ${q + 1}`, channels: ["CHAT", "VOICE"], members: { create: members } },
    });
    const key = `wb_${randomBytes(8).toString("hex")}`;
    await prisma.entryPoint.create({
      data: { organizationId: org.id, kind: "CHAT_WIDGET", name: `Widget ${q + 1}`, key, queueId: queue.id, config: { languages: ["en"], allowedOrigins: [] } },
    });
    queues.push({ id: queue.id, key });
  }
  await seedToday(prisma, org.id, agents, queues);
  const setupSeconds = (performance.now() - t0) / 1000;

  // Every agent signs in and is Ready; a quarter of them only ever change when probed.
  const sessions = await Promise.all(
    agents.map(async (a) => {
      const s = new TestSession(base);
      const r = await s.signIn(a.username, PASSWORD);
      if (r.status !== 200) throw new Error(`sign-in ${a.username}: ${r.status}`);
      await s.ok(`mutation { setMyAgentState(state: READY) { state } }`);
      return { ...a, session: s };
    }),
  );
  const probes = sessions.filter((_, i) => i % 4 === 0);
  const background = sessions.filter((_, i) => i % 4 !== 0);

  // The TV: a link's token, its feed, the latest board it received.
  const token = randomBytes(32).toString("base64url");
  await prisma.wallboardLink.create({ data: { organizationId: org.id, name: "Bench TV", tokenHash: hashToken(token) } });
  const feed = await fetch(`${base}/api/wallboard/feed`, { headers: { authorization: `Bearer ${token}` } });
  if (feed.status !== 200) throw new Error(`feed: ${feed.status} ${await feed.text()}`);
  let boards = 0;
  let bytes = 0;
  let waiter = null as { userId: string; state: string; resolve: () => void } | null;
  // The stream ends with an error when the server stops at the end: nothing to report then.
  void (async () => {
    const reader = feed.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const chunk = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (!chunk.startsWith("data: ")) continue;
        boards++;
        bytes += chunk.length;
        const e = JSON.parse(chunk.slice(6)) as { board?: { agents: { userId: string; state: string }[] } };
        const w = waiter;
        if (w && e.board?.agents.some((a) => a.userId === w.userId && a.state === w.state)) {
          waiter = null;
          w.resolve();
        }
      }
    }
  })().catch(() => {});

  // The busy floor: state changes and customers starting chats, all the time.
  let running = true;
  stops.push(() => (running = false));
  let changes = 0;
  let chats = 0;
  const busy = async (perSecond: number, act: () => Promise<unknown>) => {
    while (running) {
      const started = performance.now();
      void act().catch(() => {});
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / perSecond - (performance.now() - started))));
    }
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  const states = new Map<string, string>();
  void busy(CHANGES_PER_SECOND, async () => {
    const a = pick(background);
    const next = states.get(a.id) === "BREAK" ? "READY" : "BREAK";
    states.set(a.id, next);
    changes++;
    await a.session.ok(`mutation($s: AgentState!) { setMyAgentState(state: $s) { state } }`, { s: next });
  });
  void busy(CHATS_PER_SECOND, async () => {
    chats++;
    await new VisitorClient(base).start(pick(queues).key, { name: "Bench visitor", email: `v${chats}@bench.example`, message: "Hello", language: "en" });
  });
  await new Promise((r) => setTimeout(r, 3000)); // let the floor get busy

  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < PROBES; i++) {
    const a = probes[i % probes.length];
    const next = states.get(a.id) === "AWAY" ? "READY" : "AWAY";
    states.set(a.id, next);
    const seen = new Promise<void>((resolve) => (waiter = { userId: a.id, state: next, resolve }));
    const sent = performance.now();
    await a.session.ok(`mutation($s: AgentState!) { setMyAgentState(state: $s) { state } }`, { s: next });
    const ok = await Promise.race([seen.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    if (ok) latencies.push(performance.now() - sent);
    else missed++;
    waiter = null;
    await new Promise((r) => setTimeout(r, 100));
  }
  running = false;

  const s = summary(latencies);
  const events = await prisma.interactionEvent.count({ where: { organizationId: org.id } });
  console.log(
    `\nwall-board bench on ${server.kind}: ${AGENTS} agents in ${QUEUES} queues, ${events} interaction events today, set up in ${setupSeconds.toFixed(1)} s`,
  );
  console.log(
    `background: ${changes} state changes (${CHANGES_PER_SECOND}/s), ${chats} chats started (${CHATS_PER_SECOND}/s); the TV received ${boards} boards, ~${Math.round(bytes / Math.max(1, boards) / 1024)} KiB each\n`,
  );
  table([{ measure: "agent's state change → TV board showing it", n: s.n, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max), missed }]);
  await feed.body?.cancel().catch(() => {});
  await db.close();
} finally {
  for (const stop of stops) stop();
  await server.stop();
}

/** A morning's traffic already on the books: answered, abandoned and overflowed chats across the queues. */
async function seedToday(
  prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"],
  organizationId: string,
  agents: { id: string }[],
  queues: { id: string }[],
) {
  const process = await prisma.process.findFirstOrThrow({
    where: { organizationId, isDefault: true },
    include: { statuses: { orderBy: { sortOrder: "asc" } } },
  });
  const closed = process.statuses.find((s) => s.category === "CLOSED") ?? process.statuses.at(-1)!;
  const now = Date.now();
  const span = Math.min(now - new Date(new Date().toISOString().slice(0, 10)).getTime() - 60_000, 8 * 3600_000);
  for (let from = 0; from < HISTORY; from += 500) {
    const batch = Array.from({ length: Math.min(500, HISTORY - from) }, (_, k) => from + k);
    const cases = batch.map((n) => ({
      id: crypto.randomUUID(),
      organizationId,
      number: n + 1,
      processId: process.id,
      statusId: closed.id,
      channel: "CHAT" as const,
    }));
    await prisma.case.createMany({ data: cases });
    const interactions = [];
    const events = [];
    for (const [k, n] of batch.entries()) {
      const queueId = queues[n % queues.length].id;
      const agentId = agents[n % agents.length].id;
      const arrived = new Date(now - Math.random() * span);
      const wait = Math.random() * 40_000;
      const abandoned = n % 10 === 0;
      const id = crypto.randomUUID();
      interactions.push({
        id,
        organizationId,
        caseId: cases[k].id,
        channel: "CHAT" as const,
        state: abandoned ? ("ABANDONED" as const) : ("ENDED" as const),
        queueId,
        agentId: abandoned ? null : agentId,
        arrivedAt: arrived,
      });
      const at = (ms: number) => new Date(arrived.getTime() + ms);
      events.push({ organizationId, interactionId: id, type: "queued", queueId, at: arrived });
      if (abandoned) events.push({ organizationId, interactionId: id, type: "abandoned", at: at(wait) });
      else {
        events.push({ organizationId, interactionId: id, type: "offered", queueId, agentId, at: at(wait - 1000) });
        events.push({ organizationId, interactionId: id, type: "accepted", queueId, agentId, at: at(wait) });
        events.push({ organizationId, interactionId: id, type: "answered", queueId, agentId, at: at(wait) });
        events.push({ organizationId, interactionId: id, type: "ended", agentId, at: at(wait + 60_000 + Math.random() * 240_000) });
      }
    }
    await prisma.interaction.createMany({ data: interactions });
    await prisma.interactionEvent.createMany({ data: events });
  }
  await prisma.organization.update({ where: { id: organizationId }, data: { caseCounter: HISTORY, timezone: "UTC" } });
}
