// npm run bench:presence — latency from an agent's state change (the mutation leaving the agent's
// browser) to the supervisor's board receiving it over the GraphQL subscription, p50/p95.
// A real server process on the embedded database (BENCH_DATABASE=postgres for PostgreSQL), the
// demo organisation, AGENTS agents in the supervisor's team changing state ROUNDS times.
import os from "node:os";
import { TestSession } from "../tests/support/test-server.ts";
import { startBenchServer } from "./bench-server.ts";
import { ms, summary, table } from "./stats.ts";

const AGENTS = Number(process.env.AGENTS ?? 30);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PORT = process.env.BENCH_PORT ?? "43200";
const STATES = ["READY", "AWAY", "BREAK"] as const;

const server = await startBenchServer(PORT, { database: "pglite" });
try {
  await server.ready;
  const { base } = server;
  const admin = new TestSession(base);
  const signedIn = await admin.signIn("admin", "centrala");
  if (signedIn.status !== 200) throw new Error(`admin sign-in: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  const setup = await admin.ok(`{ teams { id name } roles { id key } }`);
  const teamId = setup.teams.find((t: { name: string }) => t.name === "Customer care").id;
  const roleId = setup.roles.find((r: { key: string }) => r.key === "AGENT").id;

  const agents: { session: TestSession; id: string }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const username = `bench${i}`;
    const created = await admin.ok(`mutation($input: UserInput!) { createUser(input: $input, password: "bench password") { id } }`, {
      input: { username, name: `Bench Agent ${i}`, email: `${username}@bench.example`, roleId, locale: "en", teamIds: [teamId] },
    });
    const session = new TestSession(base);
    await session.signIn(username, "bench password");
    agents.push({ session, id: created.createUser.id });
  }

  const supervisor = new TestSession(base);
  await supervisor.signIn("supervisor", "centrala");
  const client = supervisor.ws();
  // The board re-reads the agent's row for each event, so each round waits for its own events
  // before the next starts (otherwise an event may already show the next round's state).
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  let unmatched = 0;
  let roundDone: () => void = () => {};
  client.subscribe(
    { query: `subscription { agentPresenceChanged { userId state } }` },
    {
      next: (r: any) => {
        const e = r.data?.agentPresenceChanged;
        const key = `${e?.userId}:${e?.state}`;
        const sent = pending.get(key);
        if (sent === undefined) unmatched++;
        else {
          latencies.push(performance.now() - sent);
          pending.delete(key);
        }
        if (pending.size === 0) roundDone();
      },
      error: (e) => console.error("subscription failed", e),
      complete: () => {},
    },
  );
  await new Promise((r) => setTimeout(r, 500)); // let the subscription start

  async function round(group: typeof agents, state: string) {
    const done = new Promise<void>((resolve) => (roundDone = resolve));
    await Promise.all(
      group.map(async (a) => {
        pending.set(`${a.id}:${state}`, performance.now());
        await a.session.ok(`mutation($s: AgentState!) { setMyAgentState(state: $s) { state } }`, { s: state });
      }),
    );
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`${pending.size} events missing`)), 10_000))]);
  }

  // Every round moves agents to a state different from their last one, so every change is real.
  let step = 0;
  async function phase(name: string, rounds: number, groups: (typeof agents)[]) {
    latencies.length = 0;
    const started = performance.now();
    for (let r = 0; r < rounds; r++) {
      const state = STATES[step++ % STATES.length];
      for (const group of groups) await round(group, state);
    }
    const seconds = (performance.now() - started) / 1000;
    const s = summary(latencies);
    return { load: name, events: s.n, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max), "changes/s": (s.n / seconds).toFixed(0) };
  }

  const rows = [
    // One change at a time: what a supervisor sees on an ordinary shift.
    await phase(
      "one at a time",
      Math.max(1, Math.floor(ROUNDS / 4)),
      agents.map((a) => [a]),
    ),
    // All agents at once, as at the start of a shift.
    await phase(`bursts of ${AGENTS}`, ROUNDS, [agents]),
  ];
  await client.dispose();

  console.log(
    `Agent state change -> supervisor's board (${server.kind === "postgres" ? "PostgreSQL" : "PGlite"}, ${os.cpus().length} cores, ${AGENTS} agents)\n`,
  );
  table(rows);
  if (unmatched) console.log(`\n${unmatched} events arrived that no change asked for`);
} finally {
  await server.stop();
}
