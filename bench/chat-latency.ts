// npm run bench:chat — how long a visitor's chat message takes to reach the agent: from just before
// the widget's POST /api/widget/messages to the agent's browser receiving it over the caseActivity
// subscription (graphql-ws), p50/p95/p99, with CONVERSATIONS live chats at once.
// A real server process on PostgreSQL (BENCH_DATABASE=pglite for the embedded database), the demo
// organisation's website chat and its own queue, plus AGENTS agents (3 chats each)
// who accept every offer. Visitors keep the widget's event stream open, as the widget does.
// Two loads, after one unmeasured warm-up message per chat (it proves every subscription is live):
//  1. steady: each chat sends MESSAGES messages, one every INTERVAL_MS, the chats' clocks spread
//     evenly over the interval — a busy shift;
//  2. bursts: every chat sends at the same moment, BURSTS times (each burst waits for the last).
// A visitor may send VISITOR_MESSAGES_PER_MINUTE (20) messages a minute, a token bucket that starts
// full: the default 3 s interval is the bucket's own refill pace, so warm-up + MESSAGES + BURSTS
// never runs dry, and the bench refuses settings that would (it measures delivery, not refusals).
// A message the server refuses all the same (an error under overload) is counted as refused, not
// measured; a message accepted but never delivered stops the bench.
import { DEMO_WIDGET } from "../prisma/seed/demo-data.ts";
import os from "node:os";
import type { Client } from "graphql-ws";
import { VISITOR_MESSAGES_PER_MINUTE } from "../domain/chat/visitor-actions.ts";
import { TestSession } from "../tests/support/test-server.ts";
import { VisitorClient } from "../tests/support/visitor-client.ts";
import { startBenchServer } from "./bench-server.ts";
import { ms, summary, table } from "./stats.ts";

const CONVERSATIONS = Number(process.env.CONVERSATIONS ?? 200);
const MESSAGES = Number(process.env.MESSAGES ?? 10);
const BURSTS = Number(process.env.BURSTS ?? 5);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 60_000 / VISITOR_MESSAGES_PER_MINUTE);
const CHATS_PER_AGENT = 3;
const AGENTS = Number(process.env.AGENTS ?? Math.ceil(CONVERSATIONS / CHATS_PER_AGENT));
const PORT = process.env.BENCH_PORT ?? "43300";
const SETUP_TIMEOUT_MS = 120_000;
const DELIVERY_TIMEOUT_MS = 15_000;
const WIDGET = "demo-website-chat";
const QUEUE = DEMO_WIDGET.queue;

const budget = VISITOR_MESSAGES_PER_MINUTE + (MESSAGES * INTERVAL_MS * VISITOR_MESSAGES_PER_MINUTE) / 60_000;
if (1 + MESSAGES + BURSTS > budget) {
  throw new Error(
    `1 + MESSAGES + BURSTS = ${1 + MESSAGES + BURSTS} messages per chat would exceed the visitor rate limit (${VISITOR_MESSAGES_PER_MINUTE}/min): lower them or raise INTERVAL_MS`,
  );
}
if (AGENTS * CHATS_PER_AGENT < CONVERSATIONS) throw new Error(`${AGENTS} agents × ${CHATS_PER_AGENT} chats cannot hold ${CONVERSATIONS} conversations`);

const sleep = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t)));
function within<T>(p: Promise<T>, timeoutMs: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), timeoutMs)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
/** Runs `fn` over `items`, at most `limit` at a time (sign-ups hash passwords; don't stampede). */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Error messages in the server's JSON log lines, counted. */
function serverErrors(output: string) {
  const counts = new Map<string, number>();
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    let entry: { level: number; msg?: string; err?: { message?: string } };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line of the start-up banner
    }
    if (entry.level < 50) continue;
    const why = entry.err?.message ?? entry.msg ?? "?";
    counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  return counts;
}

interface Agent {
  id: string;
  session: TestSession;
  client: Client;
  dirty: boolean;
  running: Promise<void> | null;
}

const server = await startBenchServer(PORT);
const { kind } = server;
const clients: Client[] = [];
const feeds: { close(): void }[] = [];
const problems: string[] = [];
try {
  const setupStart = performance.now();
  await server.ready;
  const { base } = server;
  console.log(`Setting up ${AGENTS} agents and ${CONVERSATIONS} chats on ${kind}…`);
  const admin = new TestSession(base);
  const signedIn = await admin.signIn("admin", "centrala");
  if (signedIn.status !== 200) throw new Error(`admin sign-in: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  const setup = await admin.ok(`{
    roles { id key }
    queues { id name description channels priority active strategy offerTimeoutSeconds maxQueueLength maxWaitSeconds overflowQueueId overflowMessage
      members { skillLevel user { id } } }
  }`);
  const roleId = setup.roles.find((r: { key: string }) => r.key === "AGENT").id;
  const queue = setup.queues.find((q: { name: string }) => q.name === QUEUE);
  if (!queue) throw new Error(`the demo queue "${QUEUE}" is missing`);

  const created = await pool(
    Array.from({ length: AGENTS }, (_, i) => i),
    8,
    async (i) => {
      const username = `chatbench${i}`;
      const r = await admin.ok(`mutation($input: UserInput!) { createUser(input: $input, password: "bench password") { id } }`, {
        input: {
          username,
          name: `Chat Bench ${i}`,
          email: `${username}@bench.example`,
          roleId,
          locale: "en",
          capacity: { voice: 1, chat: CHATS_PER_AGENT, email: 5, sms: 5, fax: 5 },
        },
      });
      const session = new TestSession(base);
      const s = await session.signIn(username, "bench password");
      if (s.status !== 200) throw new Error(`${username} sign-in: ${s.status} ${JSON.stringify(s.body)}`);
      return { id: r.createUser.id as string, session };
    },
  );
  const { id: queueId, members, ...settings } = queue;
  await admin.ok(`mutation($id: ID!, $input: QueueInput!) { saveQueue(id: $id, input: $input) { id } }`, {
    id: queueId,
    input: {
      ...settings,
      members: [
        ...members.map((m: { skillLevel: number; user: { id: string } }) => ({ userId: m.user.id, skillLevel: m.skillLevel })),
        ...created.map((a) => ({ userId: a.id, skillLevel: 5 })),
      ],
    },
  });

  // Each agent takes every offer made to them, woken by myWorkChanged (and a slow poll, in case an
  // offer came before the subscription was live). One pass at a time per agent.
  let accepted = 0;
  const takeOffers = async (a: Agent) => {
    const { myWork } = await a.session.ok(`{ myWork { offers { id } } }`);
    for (const offer of myWork.offers) {
      const r = await a.session.gql(`mutation($id: ID!) { acceptOffer(offerId: $id) { id } }`, { id: offer.id });
      if (r.errors?.length) problems.push(`accepting an offer: ${r.errors[0].message}`);
      else accepted++;
    }
  };
  const wake = (a: Agent) => {
    a.dirty = true;
    a.running ??= (async () => {
      while (a.dirty) {
        a.dirty = false;
        await takeOffers(a).catch((e) => problems.push(`taking offers: ${e}`));
      }
      a.running = null;
    })();
  };
  const agents: Agent[] = created.map((c) => ({ ...c, client: c.session.ws(), dirty: false, running: null }));
  for (const a of agents) {
    clients.push(a.client);
    a.client.subscribe(
      { query: `subscription { myWorkChanged { kind } }` },
      {
        next: (r: any) => r.data?.myWorkChanged?.kind === "offered" && wake(a),
        error: (e) => problems.push(`myWorkChanged: ${JSON.stringify(e)}`),
        complete: () => {},
      },
    );
  }
  await pool(agents, 8, (a) => a.session.ok(`mutation { setMyAgentState(state: READY) { state } }`));

  const visitors = await pool(
    Array.from({ length: CONVERSATIONS }, (_, i) => i),
    20,
    async (i) => {
      const v = new VisitorClient(base);
      const r = await v.start(WIDGET, { name: `Visitor ${i}`, email: `visitor${i}@bench.example`, message: "Hello" });
      if (r.status !== 200 || r.body.state !== "QUEUED") throw new Error(`visitor ${i} could not start a chat: ${r.status} ${JSON.stringify(r.body)}`);
      const feed = await v.listen();
      if (feed.status !== 200) throw new Error(`visitor ${i}'s event stream: ${feed.status}`);
      feeds.push(feed);
      return v;
    },
  );

  const poll = setInterval(() => agents.forEach(wake), 2000);
  try {
    const deadline = Date.now() + SETUP_TIMEOUT_MS;
    while (accepted < CONVERSATIONS && Date.now() < deadline) await sleep(100);
  } finally {
    clearInterval(poll);
  }
  await Promise.all(agents.map((a) => a.running));
  const held = await Promise.all(agents.map(async (a) => ({ a, active: (await a.session.ok(`{ myWork { active { caseId state } } }`)).myWork.active })));
  const live = held.flatMap(({ a, active }) =>
    active.filter((i: { state: string }) => i.state === "ACTIVE").map((i: { caseId: string }) => ({ a, caseId: i.caseId })),
  );
  if (live.length !== CONVERSATIONS) {
    throw new Error(
      `only ${live.length} of ${CONVERSATIONS} chats are ACTIVE with an agent after ${SETUP_TIMEOUT_MS / 1000} s` +
        (problems.length ? `; problems: ${[...new Set(problems)].slice(0, 5).join("; ")}` : ""),
    );
  }

  // Messages are told apart by their text: the event may arrive before the POST's response.
  const waiting = new Map<string, { sent: number; arrived: (latency: number) => void }>();
  let unmatched = 0;
  for (const { a, caseId } of live) {
    a.client.subscribe(
      { query: `subscription($caseId: ID!) { caseActivity(caseId: $caseId) { kind message { body authorType } } }`, variables: { caseId } },
      {
        next: (r: any) => {
          const e = r.data?.caseActivity;
          if (e?.kind !== "message" || e.message?.authorType !== "CONTACT") return;
          const w = waiting.get(e.message.body);
          if (!w) return void unmatched++;
          waiting.delete(e.message.body);
          w.arrived(performance.now() - w.sent);
        },
        error: (e: unknown) => problems.push(`caseActivity ${caseId}: ${JSON.stringify(e)}`),
        complete: () => {},
      },
    );
  }
  await sleep(1000); // graphql-ws does not acknowledge a subscription; the warm-up proves it

  /** The latency, or why the server refused the message (refusals are counted, not measured). */
  async function send(v: VisitorClient, body: string): Promise<number | string> {
    const arrived = new Promise<number>((resolve) => waiting.set(body, { sent: performance.now(), arrived: resolve }));
    const r = await v.call("POST", "/api/widget/messages", { body });
    if (r.status !== 200) {
      waiting.delete(body);
      return `${r.status} ${r.body?.code ?? ""}: ${r.body?.message ?? ""}`;
    }
    return within(
      arrived,
      DELIVERY_TIMEOUT_MS,
      () => `"${body}" did not reach the agent within ${DELIVERY_TIMEOUT_MS / 1000} s` + (problems.length ? ` (${problems[0]})` : ""),
    );
  }

  const warmUp = (await Promise.all(visitors.map((v, i) => send(v, `warm-up ${i}`)))).find((r) => typeof r === "string");
  if (warmUp) throw new Error(`a warm-up message was refused: ${warmUp}`);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  const refusals = new Map<string, number>();
  async function phase(load: string, run: (message: (v: VisitorClient, body: string) => Promise<void>) => Promise<unknown>) {
    const latencies: number[] = [];
    let refused = 0;
    const started = performance.now();
    await run(async (v, body) => {
      const r = await send(v, body);
      if (typeof r === "number") return void latencies.push(r);
      refused++;
      refusals.set(r, (refusals.get(r) ?? 0) + 1);
    });
    const seconds = (performance.now() - started) / 1000;
    const s = summary(latencies);
    return { load, delivered: s.n, refused, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max), "msgs/s": (s.n / seconds).toFixed(0) };
  }

  const steady = await phase(`steady, 1 per ${(INTERVAL_MS / 1000).toFixed(1)} s per chat`, (message) =>
    Promise.all(
      visitors.map(async (v, i) => {
        const start = performance.now() + (i / CONVERSATIONS) * INTERVAL_MS;
        for (let m = 0; m < MESSAGES; m++) {
          await sleep(start + m * INTERVAL_MS - performance.now());
          await message(v, `steady ${i}.${m}`);
        }
      }),
    ),
  );
  const bursts = await phase(`bursts of ${CONVERSATIONS}`, async (message) => {
    for (let b = 0; b < BURSTS; b++) await Promise.all(visitors.map((v, i) => message(v, `burst ${i}.${b}`)));
  });

  const database = kind === "postgres" ? "PostgreSQL" : "PGlite";
  console.log(
    `\nVisitor message -> agent's browser (${database}, Node ${process.version}, ${os.cpus().length} CPUs; ` +
      `${CONVERSATIONS} chats on ${AGENTS} agents, set up in ${setupSeconds.toFixed(0)} s)\n`,
  );
  table([steady, bursts]);
  if (unmatched) console.log(`\n${unmatched} message events arrived that no send expected (duplicates?)`);
  if (problems.length) console.log(`\nProblems:\n  ${[...new Set(problems)].join("\n  ")}`);
  if (refusals.size) {
    console.log(`\nRefused messages (not in the latencies):\n  ${[...refusals].map(([why, n]) => `${n} × ${why}`).join("\n  ")}`);
    const logged = serverErrors(server.output());
    if (logged.size) console.log(`Errors the server logged:\n  ${[...logged].map(([why, n]) => `${n} × ${why}`).join("\n  ")}`);
  }
} catch (e) {
  // The server's warnings and errors say why (LOG_LEVEL=warn keeps them few).
  const log = server.output().trim().split("\n").slice(-20).join("\n");
  if (log) console.error(`Server output, last lines:\n${log}\n`);
  throw e;
} finally {
  for (const f of feeds) f.close();
  await Promise.all(clients.map((c) => c.dispose()));
  await server.stop();
}
