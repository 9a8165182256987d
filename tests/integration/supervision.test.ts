// A team lead watches the live conversations of the agents they lead: they see those cases (and
// only those), read them live, and write nothing in them unless their role holds cases.manage.
// Authorization is decided per field and, on the live stream, per event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeTeam, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer, subscribe } from "../support/test-server.ts";
import { VisitorClient } from "../support/visitor-client.ts";

let server: TestServer;
let org: TestOrg;
let key: string;
let led: { id: string };
let other: { id: string };
let lead: { id: string; username: string };
let leadSession: TestSession;
let admin: TestSession;
let teamId: string;

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  led = await makeUser(server.app, org, "AGENT");
  other = await makeUser(server.app, org, "AGENT");
  lead = await makeUser(server.app, org, "SUPERVISOR");
  const adminUser = await makeUser(server.app, org, "ADMIN");
  teamId = (await makeTeam(server.app, org, [{ userId: lead.id, lead: true }, { userId: led.id }])).id;
  await makeTeam(server.app, org, [{ userId: other.id }]);
  for (const a of [led, other]) await server.app.db.prisma.user.update({ where: { id: a.id }, data: { capacity: { CHAT: 5 } } });
  const queue = await makeQueue(server.app, org, [{ userId: led.id }, { userId: other.id }]);
  key = (await makeWidget(server.app, org, queue.id)).key;
  leadSession = new TestSession(server.url);
  expect((await leadSession.signIn(lead.username, PASSWORD)).status).toBe(200);
  admin = new TestSession(server.url);
  expect((await admin.signIn(adminUser.username, PASSWORD)).status).toBe(200);
});
afterAll(() => server?.close());

/** A visitor's chat, answered by `agentId` (the only one Ready); returns the case and the visitor. */
async function chatWith(agentId: string, name: string) {
  await ready(server.app, org, agentId);
  const v = new VisitorClient(server.url);
  const started = await v.start(key, { name, email: `${name.toLowerCase()}@example.com`, message: `Hello from ${name}`, language: "en" });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  await server.workers.router.pass();
  const conv = (await v.call("GET", "/api/widget/conversation")).body;
  const item = await server.app.db.prisma.queueItem.findUniqueOrThrow({ where: { interactionId: conv.interactionId } });
  await acceptOffer(await asViewer(server.app, agentId), item.id, server.app.deps);
  const interaction = await server.app.db.prisma.interaction.findUniqueOrThrow({ where: { id: conv.interactionId } });
  await server.app.db.prisma.agentPresence.update({ where: { userId: agentId }, data: { state: "AWAY" } });
  return { v, caseId: interaction.caseId, interactionId: interaction.id };
}

describe("a team lead watching their agents' chats", () => {
  let mine: Awaited<ReturnType<typeof chatWith>>;
  let notMine: Awaited<ReturnType<typeof chatWith>>;

  beforeAll(async () => {
    mine = await chatWith(led.id, "Vera");
    notMine = await chatWith(other.id, "Walt");
  });

  it("sees the cases of the agents they lead, and no others, in the inbox, the case and the board", async () => {
    const all = await leadSession.ok(`{ inbox(scope: ALL) { id } }`);
    const ids = all.inbox.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.caseId);
    expect(ids).not.toContain(notMine.caseId);
    expect((await leadSession.ok(`query($id: ID!) { case(id: $id) { id canWrite } }`, { id: mine.caseId })).case).toEqual({ id: mine.caseId, canWrite: false });
    expect((await leadSession.ok(`query($id: ID!) { case(id: $id) { id } }`, { id: notMine.caseId })).case).toBeNull();
    const board = await leadSession.ok(`{ agentBoard { userId liveCases { id } } }`);
    const rows = Object.fromEntries(board.agentBoard.map((r: { userId: string; liveCases: unknown }) => [r.userId, r.liveCases]));
    expect(rows[led.id]).toEqual([{ id: mine.caseId }]);
    expect(rows[other.id]).toBeUndefined();
  });

  it("writes nothing in a watched case: no message, no note (READ_ONLY)", async () => {
    for (const kind of ["MESSAGE", "NOTE"]) {
      const r = await leadSession.gql(`mutation($i: ReplyInput!) { replyToCase(input: $i) { id } }`, {
        i: { caseId: mine.caseId, interactionId: mine.interactionId, kind, body: "Let me jump in" },
      });
      expect(r.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "READ_ONLY" });
    }
    expect(await server.app.db.prisma.message.count({ where: { caseId: mine.caseId, authorUserId: lead.id } })).toBe(0);
  });

  it("watches the chat live, and the stream ends the moment they stop leading the agent", async () => {
    const ws = leadSession.ws();
    const feed = subscribe(ws, `subscription($c: ID!) { caseActivity(caseId: $c) { kind message { body authorType } } }`, { c: mine.caseId });
    await new Promise((r) => setTimeout(r, 300));
    await mine.v.call("POST", "/api/widget/messages", { body: "Is anyone there?" });
    let e = await feed.next();
    while (e.data?.caseActivity.kind !== "message") e = await feed.next();
    expect(e.data.caseActivity.message).toEqual({ body: "Is anyone there?", authorType: "CONTACT" });

    // Another case's stream is refused outright.
    const refused = subscribe(ws, `subscription($c: ID!) { caseActivity(caseId: $c) { kind } }`, { c: notMine.caseId });
    await expect(refused.next()).resolves.toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });

    // The admin takes the lead off the team: the next event is refused, not delivered.
    await admin.ok(`mutation($id: ID, $i: TeamInput!) { saveTeam(id: $id, input: $i) { id } }`, {
      id: teamId,
      i: { name: "Led team", description: "", members: [{ userId: led.id, lead: false }] },
    });
    await mine.v.call("POST", "/api/widget/messages", { body: "Secret after removal" });
    let last = await feed.next();
    while (!last.errors) last = await feed.next();
    expect(last.errors[0].extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(feed.events)).not.toContain("Secret after removal");
    expect((await leadSession.ok(`query($id: ID!) { case(id: $id) { id } }`, { id: mine.caseId })).case).toBeNull();
    feed.dispose();
    refused.dispose();
    await ws.dispose();
  });

  it("with cases.manage the lead may step in and write", async () => {
    await admin.ok(`mutation($id: ID, $i: TeamInput!) { saveTeam(id: $id, input: $i) { id } }`, {
      id: teamId,
      i: { name: "Led team", description: "", members: [{ userId: lead.id, lead: true }, { userId: led.id, lead: false }] },
    });
    await server.app.db.prisma.role.update({ where: { id: org.roles.SUPERVISOR }, data: { permissions: { push: "cases.manage" } } });
    server.app.viewers.invalidateAll();
    expect((await leadSession.ok(`query($id: ID!) { case(id: $id) { canWrite } }`, { id: mine.caseId })).case.canWrite).toBe(true);
    await leadSession.ok(`mutation($i: ReplyInput!) { replyToCase(input: $i) { id } }`, {
      i: { caseId: mine.caseId, interactionId: mine.interactionId, kind: "MESSAGE", body: "A supervisor here" },
    });
  });
});
