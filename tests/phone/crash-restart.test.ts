// The server dies in the middle of a call (kill -9) and is started again, as a process manager
// would: its Janus must not outlive it (an orphan keeps the port and takes calls nobody
// supervises), and the rows of the dead call must not stay live (the agent would stay "on a call").
// The server runs as a child process (server.ts, as `npm start` runs it) on a database this test
// also reaches through an in-process server of its own (no phone gateway, no workers).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { asViewer, makeOrg, makeQueue, makeUser, ready } from "../factories/index.ts";
import { until } from "../support/phone/phone-line.ts";
import { TestRegistrar } from "../support/phone/registrar.ts";
import { sipp } from "../support/phone/sipp.ts";
import { type SpawnedServer, spawnServer } from "../support/spawn-server.ts";
import { type TestDatabase, createTestDatabase } from "../support/test-database.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

const DID = "+48221239999";
const AUTH_SECRET = "test-secret-test-secret-test-secret-000";
let database: TestDatabase;
let helper: TestServer;
let registrar: TestRegistrar;
let registrarPort: number;
const children: SpawnedServer[] = [];
const db = () => helper.app.db.prisma;

beforeAll(async () => {
  database = await createTestDatabase("postgres");
  helper = await startTestServer({ PHONE_GATEWAY: "0" }, database);
  await helper.workers.stop();
  registrar = new TestRegistrar();
  registrarPort = await registrar.start();
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop("SIGKILL")));
  registrar?.close();
  await helper?.close();
  await database?.drop();
});

const env = {
  CENTRALA_SKIP_NEXT: "1",
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  PORT: String(21000 + Math.floor(Math.random() * 5000)),
  SEED: "none",
  LOG_LEVEL: "warn",
  AUTH_SECRET,
  ROUTING_TICK_MS: "200",
  MEDIA_WORKERS: "1",
  MEDIA_LISTEN_IP: "127.0.0.1",
  PHONE_GATEWAY: "1",
  JANUS_WS_PORT: String(19000 + Math.floor(Math.random() * 1000)),
  PHONE_INTERFACE: "jv0",
  PHONE_MEDIA_IP: "127.0.0.2",
  SIP_IP: "127.0.0.1",
};

function startServer() {
  const child = spawnServer({ ...env, ...database.env, MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN });
  children.push(child);
  return child;
}

/** Processes (Linux) whose command line reads the Janus configuration in this data folder. */
function janusPids(): number[] {
  const config = path.join(database.env.DATA_DIR, "janus", "janus.jcfg");
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const argv = readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0");
        return argv.includes(config) && argv.some((a) => a.endsWith("janus"));
      } catch {
        return false;
      }
    })
    .map(Number);
}

it("a killed server's Janus dies with it; the restarted server ends the dead call's rows, frees the agent and takes calls", async () => {
  const org = await makeOrg(helper.app);
  const trunk = await db().sipTrunk.create({
    data: { organizationId: org.id, name: "Inbound", host: `127.0.0.1:${registrarPort}`, username: "centrala", secret: helper.app.deps.secrets.seal("pw"), callerIds: [DID], maxCalls: 4 },
  });
  const agent = await makeUser(helper.app, org, "AGENT");
  const queue = await makeQueue(helper.app, org, [{ userId: agent.id }]);
  await db().entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name: "Hotline", key: DID, queueId: queue.id, trunkId: trunk.id } });
  await ready(helper.app, org, agent.id);

  const first = startServer();
  await first.ready;
  await until("the trunk to register", async () => (await db().sipTrunk.findUnique({ where: { id: trunk.id } }))?.status === "REGISTERED" && registrar.contacts.get("centrala"), 30_000);
  const target = () => `${registrar.contacts.get("centrala")!.host}:${registrar.contacts.get("centrala")!.port}`;
  const [oldJanus] = await until("janus to run", async () => janusPids().length === 1 && janusPids());

  // A call in progress: the caller is answered, queued, and the agent takes it.
  const caller = sipp("caller.xml", { target: target(), keys: { caller: "+48601000001" }, args: ["-s", DID, "-d", "60000"] });
  const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: "+48601000001" } }));
  const item = await until("the offer", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, offeredToId: agent.id } }));
  await acceptOffer(await asViewer(helper.app, agent.id), item.id, helper.app.deps);
  expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).state).toBe("ACTIVE");

  first.child.kill("SIGKILL");
  await first.exited;
  caller.stop();
  // The kernel takes Janus with its parent.
  await until("the old Janus to be gone", async () => !janusPids().includes(oldJanus), 5000).catch(() => {});
  expect(janusPids(), "the old Janus outlived the server").not.toContain(oldJanus);

  const registersBefore = registrar.registers;
  const second = startServer();
  await second.ready;
  await until("the trunk to register again", async () => registrar.registers > registersBefore, 30_000);
  const [newJanus] = await until("the new janus to run", async () => janusPids().length === 1 && janusPids());
  expect(newJanus).not.toBe(oldJanus);

  // The dead call's rows reached their end, with a reason; the agent is free.
  const ended = await db().call.findUniqueOrThrow({ where: { id: call.id }, include: { parties: true } });
  expect(ended).toMatchObject({ state: "ENDED", endReason: "SERVER_RESTARTED" });
  expect(ended.parties.every((p) => p.leftAt)).toBe(true);
  expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ENDED");
  expect((await db().queueItem.findUniqueOrThrow({ where: { id: item.id } })).state).toBe("DONE");
  expect(await db().interaction.count({ where: { agentId: agent.id, state: "ACTIVE" } })).toBe(0);

  // A new call works through the new Janus.
  await db().agentPresence.updateMany({ where: { userId: agent.id }, data: { state: "READY" } });
  const next = sipp("caller.xml", { target: target(), keys: { caller: "+48601000002" }, args: ["-s", DID, "-d", "1000"] });
  expect(await next.done).toBe(0);
  const call2 = await until("the new call", () => db().call.findFirst({ where: { remoteNumber: "+48601000002" } }));
  expect(call2.id).not.toBe(call.id);
  await second.stop();
}, 120_000);
