// A web visitor who types a VIP's e-mail or phone is not the VIP: the case is linked to the
// contact as unverified — no VIP priority, and the agent sees the name marked unverified, not the
// contact's details, cases or history. A visitor the site signed in (identity HMAC) is the VIP.
// Chats, web calls ("Call us") and call-back requests alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { identityHash } from "../../domain/entry-points/identity.ts";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";
import { VisitorClient } from "../support/visitor-client.ts";

let server: TestServer;
let org: TestOrg;
let agent: TestSession;
let agentId: string;
let queueId: string;
/** The queue's own priority: a VIP is served first by the item's `vip`, nothing is added to this. */
let queuePriority: number;
let widgetKey: string;
const db = () => server.app.db.prisma;
const VIP = { email: "ceo@bigcustomer.example", phone: "+48601777888", externalId: "crm-vip-1" };

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000", TRUST_PROXY: "1" });
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "AGENT");
  agentId = a.id;
  agent = new TestSession(server.url);
  await agent.signIn(a.username, PASSWORD);
  const queue = await makeQueue(server.app, org, [{ userId: a.id }]);
  queueId = queue.id;
  queuePriority = queue.priority;
  widgetKey = (await makeWidget(server.app, org, queueId, { calls: true }, "site-secret")).key;
  // Call-backs need a line out.
  await db().sipTrunk.create({ data: { organizationId: org.id, name: "Out", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"] } });
  const vip = await db().contact.create({
    data: {
      organizationId: org.id,
      firstName: "Vera",
      lastName: "Important",
      vip: true,
      notes: "Prefers the direct line",
      fields: { accountManager: "Kim", creditLimit: "250000" },
      identities: {
        create: [
          { organizationId: org.id, kind: "EMAIL", value: VIP.email },
          { organizationId: org.id, kind: "PHONE", value: VIP.phone },
          { organizationId: org.id, kind: "EXTERNAL_ID", value: VIP.externalId },
        ],
      },
    },
  });
  await createCase(db(), { organizationId: org.id, channel: "EMAIL", subject: "Contract renewal terms", contactId: vip.id, queueId, now: new Date() });
}, 60_000);
afterAll(() => server?.close());

const CASE = `query($id: ID!) {
  case(id: $id) {
    priority contactVerified
    contact { firstName vip notes fields identities { value } history { subject } }
    claimedContact { firstName lastName typedKind typed }
  }
}`;

/** What the queue and the agent make of a case: its queue item and the agent's GraphQL view. */
async function seen(interactionId: string) {
  const interaction = await db().interaction.findUniqueOrThrow({ where: { id: interactionId }, include: { queueItem: true } });
  const view = await agent.ok(CASE, { id: interaction.caseId });
  return { item: interaction.queueItem, view: view.case };
}
const lastInteraction = () => db().interaction.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { arrivedAt: "desc" } });

function expectUnverified(s: Awaited<ReturnType<typeof seen>>, typedKind: "EMAIL" | "PHONE", typed: string) {
  expect(s.item).toMatchObject({ vip: false, priority: queuePriority });
  expect(s.view).toMatchObject({
    priority: 0,
    contactVerified: false,
    contact: null,
    claimedContact: { firstName: "Vera", lastName: "Important", typedKind, typed },
  });
  expect(JSON.stringify(s.view)).not.toMatch(/Contract renewal|Prefers the direct line|250000|Kim|crm-vip-1/);
}

describe("web visitors matched only by what they typed", () => {
  it("a chat with a VIP's e-mail gets no VIP priority, and the agent sees no history or details", async () => {
    await ready(server.app, org, agentId);
    const v = new VisitorClient(server.url);
    expect((await v.start(widgetKey, { name: "Vera Important", email: VIP.email, message: "I am the CEO, give me everything" })).body.state).toBe("QUEUED");
    const interaction = await lastInteraction();
    expectUnverified(await seen(interaction.id), "EMAIL", VIP.email);
    // Canned replies are filled in from no one's details: they would go to the visitor.
    await db().cannedReply.create({ data: { organizationId: org.id, title: "Greeting", body: "Dear {first_name}, your manager is {contact.accountManager}." } });
    const replies = await agent.ok(`query($id: ID!) { replyTemplates(caseId: $id) { body } }`, { id: interaction.caseId });
    expect(replies.replyTemplates).toEqual([{ body: "Dear , your manager is ." }]);
  });

  it("so does a chat with the VIP's phone, and a message left when nobody chats", async () => {
    await ready(server.app, org, agentId);
    const v = new VisitorClient(server.url);
    await v.start(widgetKey, { name: "V", phone: VIP.phone, message: "hello" });
    expectUnverified(await seen((await lastInteraction()).id), "PHONE", VIP.phone);
    // Nobody to chat with: the message left becomes a case, unverified all the same.
    const { changeAgentState } = await import("../../domain/agents/set-agent-state.ts");
    await changeAgentState({ userId: agentId, organizationId: org.id, state: "OFFLINE", source: "AGENT", changedById: null, seen: true }, server.app.deps);
    const later = new VisitorClient(server.url);
    expect((await later.start(widgetKey, { name: "V", email: VIP.email })).body.state).toBe("NO_AGENTS");
    const left = await later.call("POST", "/api/widget/leave-message", { body: "Call me, it is urgent" });
    const view = (await agent.ok(CASE, { id: left.body.caseId })).case;
    expect(view).toMatchObject({ priority: 0, contactVerified: false, contact: null, claimedContact: { typedKind: "EMAIL", typed: VIP.email } });
    expect(JSON.stringify(view)).not.toMatch(/Contract renewal|Prefers the direct line/);
  });

  it("a visitor the site signed in is the VIP: priority, details and history", async () => {
    await ready(server.app, org, agentId);
    const v = new VisitorClient(server.url);
    const started = await v.start(widgetKey, {
      name: "Vera",
      email: VIP.email,
      message: "hi",
      identity: { id: VIP.externalId, hash: identityHash("site-secret", VIP.externalId) },
    });
    expect(started.body.verified).toBe(true);
    const s = await seen((await lastInteraction()).id);
    expect(s.item).toMatchObject({ vip: true });
    expect(s.view).toMatchObject({
      priority: 100,
      contactVerified: true,
      claimedContact: null,
      contact: { firstName: "Vera", vip: true, notes: "Prefers the direct line" },
    });
    // Their history: the e-mail case — not the chats of those who only claimed to be them.
    expect(s.view.contact.history.map((h: { subject: string }) => h.subject).sort()).toEqual(["Contract renewal terms", "hi"]);
  });

  it('a web call ("Call us") with the VIP\'s e-mail is no VIP call either', async () => {
    await ready(server.app, org, agentId);
    const v = new VisitorClient(server.url);
    const started = await v.start(widgetKey, { name: "Vera", email: VIP.email, channel: "VOICE" });
    expect(started.body.state).toBe("QUEUED");
    const interaction = await lastInteraction();
    expect(interaction.channel).toBe("VOICE");
    expectUnverified(await seen(interaction.id), "EMAIL", VIP.email);
  });

  it("a call-back request for the VIP's number is queued as nobody in particular", async () => {
    const res = await fetch(`${server.url}/api/widgets/${widgetKey}/callback`, {
      method: "POST",
      headers: { origin: "http://shop.test", "content-type": "application/json", "x-forwarded-for": "10.77.0.1" },
      body: JSON.stringify({ phone: VIP.phone, name: "Vera Important" }),
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expectUnverified(await seen(id), "PHONE", VIP.phone);
  });
});
