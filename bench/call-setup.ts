// npm run bench:call-setup — from a web visitor's click on "Call us" (the widget's start request)
// to the agent's phone ringing (the offer reaching the agent's browser over myWorkChanged), p50/p95,
// and from the agent's "accept" to the call being live for the visitor (their widget hearing the
// state change). A real server process (media role on, PostgreSQL; BENCH_DATABASE=pglite for the
// embedded database) with the demo organisation's website widget and its queue, AGENTS agents
// with voice capacity 1, and SAMPLES calls placed CONCURRENT at a time; each answered call is
// hung up by the agent right away, freeing them for the next. (The visitor side is read from its
// event stream every 20 ms, so the second figure carries up to 20 ms of that granularity.)
import { DEMO_WIDGET } from "../prisma/seed/demo-data.ts";
import type { Client } from "graphql-ws";
import { TestSession } from "../tests/support/test-server.ts";
import { VisitorClient } from "../tests/support/visitor-client.ts";
import { startBenchServer } from "./bench-server.ts";
import { ms, summary, table } from "./stats.ts";

const SAMPLES = Number(process.env.SAMPLES ?? 200);
const CONCURRENT = Number(process.env.CONCURRENT ?? 5);
const AGENTS = Number(process.env.AGENTS ?? 10);
const PORT = process.env.BENCH_PORT ?? "43310";
const WIDGET = "demo-website-chat";
const QUEUE = DEMO_WIDGET.queue;

// The media service binds to loopback here; the worker binary comes from the caller's environment.
const server = await startBenchServer(PORT, { env: { MEDIA_LISTEN_IP: "127.0.0.1" }, inheritEnv: true });
const { kind } = server;
const clients: Client[] = [];
try {
  await server.ready;
  const { base } = server;
  const admin = new TestSession(base);
  await admin.signIn("admin", "centrala");
  const setup = await admin.ok(`{
    voiceStatus { enabled reason }
    roles { id key }
    queues { id name description channels priority active strategy offerTimeoutSeconds maxQueueLength maxWaitSeconds overflowQueueId overflowMessage
      members { skillLevel user { id } } }
  }`);
  // A web node hears of the media node by its heartbeat (BENCH_SPLIT_MEDIA=1): within a few seconds.
  for (let i = 0; i < 50 && !setup.voiceStatus.enabled; i++) {
    await new Promise((r) => setTimeout(r, 200));
    setup.voiceStatus = (await admin.ok(`{ voiceStatus { enabled reason } }`)).voiceStatus;
  }
  if (!setup.voiceStatus.enabled) throw new Error(`voice is off on the server: ${setup.voiceStatus.reason}`);
  const roleId = setup.roles.find((r: { key: string }) => r.key === "AGENT").id;
  const queue = setup.queues.find((q: { name: string }) => q.name === QUEUE);
  if (!queue) throw new Error(`the demo queue "${QUEUE}" is missing`);

  // Agents who take only calls: they answer every offer at once and hang up straight away.
  const agents: { id: string; session: TestSession }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const username = `callbench${i}`;
    const r = await admin.ok(`mutation($input: UserInput!) { createUser(input: $input, password: "bench password") { id } }`, {
      input: {
        username,
        name: `Call Bench ${i}`,
        email: `${username}@bench.example`,
        roleId,
        locale: "en",
        capacity: { voice: 1, chat: 0, email: 0, sms: 0, fax: 0 },
      },
    });
    const session = new TestSession(base);
    await session.signIn(username, "bench password");
    agents.push({ id: r.createUser.id, session });
  }
  const { id: queueId, members, ...settings } = queue;
  await admin.ok(`mutation($id: ID!, $input: QueueInput!) { saveQueue(id: $id, input: $input) { id } }`, {
    id: queueId,
    input: {
      ...settings,
      // The demo queue takes chat and e-mail; the bench's calls go through it too.
      channels: [...new Set([...settings.channels, "VOICE"])],
      members: [
        ...members.map((m: { skillLevel: number; user: { id: string } }) => ({ userId: m.user.id, skillLevel: m.skillLevel })),
        ...agents.map((a) => ({ userId: a.id, skillLevel: 5 })),
      ],
    },
  });

  /** Calls waiting to ring, by visitor name: resolved when an agent's browser hears of the offer. */
  const ringing = new Map<string, (agent: (typeof agents)[number]) => void>();
  for (const a of agents) {
    const client = a.session.ws();
    clients.push(client);
    client.subscribe(
      { query: `subscription { myWorkChanged { kind } }` },
      {
        next: async (r: { data?: { myWorkChanged?: { kind: string } } }) => {
          if (r.data?.myWorkChanged?.kind !== "offered") return;
          const { myWork } = await a.session.ok(`{ myWork { offers { id interaction { data } } } }`);
          for (const o of myWork.offers) ringing.get((o.interaction.data as { name: string }).name)?.(a);
        },
        error: () => {},
        complete: () => {},
      },
    );
    await a.session.ok(`mutation { setMyAgentState(state: READY) { state } }`);
  }
  await new Promise((r) => setTimeout(r, 500)); // subscriptions live

  const toRing: number[] = [];
  const toLive: number[] = [];
  let next = 0;
  const place = async () => {
    while (next < SAMPLES) {
      const i = next++;
      const name = `Caller ${i}`;
      const visitor = new VisitorClient(base);
      const rang = new Promise<(typeof agents)[number]>((resolve) => ringing.set(name, resolve));
      const t0 = performance.now();
      const started = await visitor.start(WIDGET, { name, email: `caller${i}@bench.example`, channel: "VOICE" });
      if (started.body.state !== "QUEUED") throw new Error(`call ${i}: ${JSON.stringify(started.body)}`);
      const feed = await visitor.listen();
      const agent = await rang;
      toRing.push(performance.now() - t0);
      ringing.delete(name);
      const { myWork } = await agent.session.ok(`{ myWork { offers { id interaction { data } } } }`);
      const offer = myWork.offers.find((o: { interaction: { data: { name: string } } }) => o.interaction.data.name === name);
      const t1 = performance.now();
      const live = feed.until((e) => e.kind === "state", 10_000);
      await agent.session.ok(`mutation($id: ID!) { acceptOffer(offerId: $id) { id } }`, { id: offer.id });
      await live;
      toLive.push(performance.now() - t1);
      const { myCall } = await agent.session.ok(`{ myCall { id } }`);
      await agent.session.ok(`mutation($id: ID!) { hangUp(callId: $id) }`, { id: myCall.id });
      feed.close();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT }, place));
  const row = (what: string, v: number[]) => {
    const s = summary(v);
    return { measure: what, n: s.n, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) };
  };
  console.log(`\n${SAMPLES} web calls, ${CONCURRENT} at a time, ${AGENTS} agents, ${kind}\n`);
  table([row("click → agent ringing", toRing), row("accept → visitor's call live", toLive)]);
} finally {
  for (const c of clients) void c.dispose();
  await server.stop();
}
