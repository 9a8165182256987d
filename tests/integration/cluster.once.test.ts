// Two web nodes on one PostgreSQL, events between them through Redis (REDIS_URL): what runs
// behind a load balancer when one process is not enough — presence, access changes, and the router.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startChat } from "../../domain/chat/start-chat.ts";
import { PASSWORD, makeOrg, makeQueue, makeTeam, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestDatabase, createTestDatabase } from "../support/test-database.ts";
import { type TestServer, TestSession, startTestServer, subscribe } from "../support/test-server.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let db: TestDatabase;
let nodeA: TestServer;
let nodeB: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  nodeA = await startTestServer({ REDIS_URL }, db);
  nodeB = await startTestServer({ REDIS_URL }, db);
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await db?.drop();
});

it("a state change made on one node reaches a supervisor connected to the other", async () => {
  const org = await makeOrg(nodeA.app);
  const sup = await makeUser(nodeA.app, org, "SUPERVISOR");
  const agent = await makeUser(nodeA.app, org, "AGENT");
  await makeTeam(nodeA.app, org, [{ userId: sup.id, lead: true }, { userId: agent.id }]);

  const supervisor = new TestSession(nodeB.url);
  await supervisor.signIn(sup.username, PASSWORD);
  const agentSession = new TestSession(nodeA.url);
  await agentSession.signIn(agent.username, PASSWORD);

  const client = supervisor.ws();
  const sub = subscribe(client, `subscription { agentPresenceChanged { userId state } }`);
  await new Promise((r) => setTimeout(r, 300));
  await agentSession.ok(`mutation { setMyAgentState(state: READY) { state } }`);
  expect((await sub.next(2000)).data?.agentPresenceChanged).toEqual({ userId: agent.id, state: "READY" });

  // An access change on node A ends the supervisor's stream on node B at the next event.
  const admin = await makeUser(nodeA.app, org, "ADMIN");
  const adminSession = new TestSession(nodeA.url);
  await adminSession.signIn(admin.username, PASSWORD);
  const role = await nodeA.app.db.prisma.role.findUniqueOrThrow({ where: { id: sup.roleId } });
  await adminSession.ok(`mutation($id: ID!, $p: [String!]!) { updateRole(id: $id, input: { name: "${role.name}", permissions: $p }) { id } }`, {
    id: role.id,
    p: role.permissions.filter((p) => !p.startsWith("agents.monitor")),
  });
  await new Promise((r) => setTimeout(r, 300));
  await agentSession.ok(`mutation { setMyAgentState(state: AWAY) { state } }`);
  expect((await sub.next(2000)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  await client.dispose();
});

it("one node at a time routes all of an organisation's queues: the most urgent chat is offered, once, within capacity", async () => {
  const app = nodeA.app;
  const db = app.db.prisma;
  const org = await makeOrg(app);
  const agent = await makeUser(app, org, "AGENT");
  const keeper = await makeUser(app, org, "AGENT"); // keeps the queues staffed, takes nothing
  await db.user.update({ where: { id: agent.id }, data: { capacity: { CHAT: 1 } } });
  await db.user.update({ where: { id: keeper.id }, data: { capacity: { CHAT: 0 } } });
  const members = [{ userId: agent.id }, { userId: keeper.id }];
  const low = await makeQueue(app, org, members, { priority: 10 });
  const high = await makeQueue(app, org, members, { priority: 80 });
  await ready(app, org, keeper.id);
  const visitor = { name: "Cleo Cluster", email: "cleo@example.com", message: "Hello" };
  await startChat((await makeWidget(app, org, low.id)).key, visitor, app.deps);
  await startChat((await makeWidget(app, org, high.id)).key, visitor, app.deps);

  await ready(app, org, agent.id); // wakes the routers of both nodes
  await Promise.all([nodeA.workers.router.pass(), nodeB.workers.router.pass()]);

  const items = await db.queueItem.findMany({ where: { queueId: { in: [low.id, high.id] } } });
  expect(items.filter((i) => i.state === "OFFERED").map((i) => [i.queueId, i.offeredToId])).toEqual([[high.id, agent.id]]);
  expect(await db.interactionEvent.count({ where: { organizationId: org.id, type: "offered" } })).toBe(1);
  const leases = await db.routerLease.findMany({ where: { organizationId: org.id } });
  expect(leases).toHaveLength(1);
  expect([nodeA.workers.router.holder, nodeB.workers.router.holder]).toContain(leases[0].holder);
});
