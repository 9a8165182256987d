// npm run bench:call-media — a call's media set-up through the API, with the media in the web
// node's own process (local) and in a media node of its own reached by RPC (remote: ROLES=web,worker
// and ROLES=media on one PostgreSQL and Redis). Per call: agent1 rings agent2, agent2 answers, both
// join the call's media (joinCallMedia: transports on the media node); measured are each join and
// the whole "ring → both joined", SAMPLES calls one after another in each set-up.
import { TestSession } from "../tests/support/test-server.ts";
import { spawnServer } from "../tests/support/spawn-server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { ms, summary, table } from "./stats.ts";

const SAMPLES = Number(process.env.SAMPLES ?? 100);
const PORT = Number(process.env.BENCH_PORT ?? 43400);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function measure(split: boolean) {
  const db = await createTestDatabase("postgres");
  const env = {
    ...db.env,
    NODE_ENV: "production",
    CENTRALA_SKIP_NEXT: "1",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    MEDIA_WORKERS: "1",
    MEDIA_LISTEN_IP: "127.0.0.1",
    AUTH_SECRET: "bench-secret-bench-secret-bench-00000",
  };
  const extra = split ? { REDIS_URL } : {};
  const web = spawnServer({ ...env, ...extra, PORT: String(PORT), ...(split ? { ROLES: "web,worker" } : {}) }, { inheritEnv: true });
  await web.ready;
  const media = split ? spawnServer({ ...env, ...extra, PORT: String(PORT + 1), ROLES: "media", SEED: "none" }, { inheritEnv: true }) : null;
  await media?.ready;
  try {
    const base = `http://127.0.0.1:${PORT}`;
    const [a, b] = [new TestSession(base), new TestSession(base)];
    await a.signIn("agent1", "centrala");
    await b.signIn("agent2", "centrala");
    for (const s of [a, b]) await s.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    for (let i = 0; i < 50 && !(await a.ok(`{ voiceStatus { enabled } }`)).voiceStatus.enabled; i++) await new Promise((r) => setTimeout(r, 200));
    const { colleagues } = await a.ok(`{ colleagues { id name } }`);
    const emma = colleagues.find((c: { name: string }) => c.name === "Emma Clarke").id;
    const JOIN = `mutation($id: ID!) { joinCallMedia(callId: $id) }`;
    const joins: number[] = [];
    const setups: number[] = [];
    const timed = async (s: TestSession, id: string) => {
      const t = performance.now();
      await s.ok(JOIN, { id });
      joins.push(performance.now() - t);
    };
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      const { callColleague } = await a.ok(`mutation($u: ID!) { callColleague(userId: $u) { id } }`, { u: emma });
      await b.ok(`mutation($id: ID!) { answerCall(callId: $id) }`, { id: callColleague.id });
      await Promise.all([timed(a, callColleague.id), timed(b, callColleague.id)]);
      setups.push(performance.now() - t0);
      await a.ok(`mutation($id: ID!) { hangUp(callId: $id) }`, { id: callColleague.id });
    }
    const row = (what: string, v: number[]) => {
      const s = summary(v);
      return { media: split ? "remote (RPC)" : "local", measure: what, n: s.n, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99) };
    };
    return [row("joinCallMedia", joins), row("ring → both joined", setups)];
  } finally {
    await media?.stop();
    await web.stop();
    await db.drop();
  }
}

const rows = [...(await measure(false)), ...(await measure(true))];
console.log(`\n${SAMPLES} calls between two agents, one at a time, PostgreSQL\n`);
table(rows);
