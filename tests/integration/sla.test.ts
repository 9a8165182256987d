// Service-level clocks against the real database: a chat case gets its due times from its queue,
// a note does not answer the customer but the agent's first message does, waiting on the
// customer holds the resolution clock, and a case past its due time shows as breached in the
// inbox, sorted first by "due soonest".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { startChat } from "../../domain/chat/start-chat.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeWidget, ready, signedInUser } from "../factories/index.ts";
import { type TestServer, type TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let agentId: string;
let agent: TestSession;
let admin: TestSession;
let queueId: string;
let widgetKey: string;
const db = () => server.app.db.prisma;
const MINUTE = 60_000;

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const a = await signedInUser(server.app, server.url, org, "AGENT");
  agentId = a.user.id;
  agent = a.session;
  admin = (await signedInUser(server.app, server.url, org, "ADMIN")).session;
  const queue = await makeQueue(server.app, org, [{ userId: agentId }]);
  queueId = queue.id;
  widgetKey = (await makeWidget(server.app, org, queueId)).key;
}, 60_000);
afterAll(() => server?.close());

const SLA = `firstResponseDueAt firstRespondedAt resolutionDueAt heldAt dueAt warnAt missed breached`;
const CASE = `query($id: ID!) { case(id: $id) { status { category } sla { ${SLA} } } }`;

async function setTargets(sla: object) {
  const saved = await admin.ok(
    `mutation($id: ID!, $input: QueueInput!) { saveQueue(id: $id, input: $input) { sla } }`,
    {
      id: queueId,
      input: { name: "Support", channels: ["CHAT", "EMAIL", "VOICE"], priority: 50, strategy: "LONGEST_IDLE", offerTimeoutSeconds: 20, members: [{ userId: agentId, skillLevel: 5 }], sla },
    },
  );
  return saved.saveQueue.sla;
}

describe("service-level clocks", () => {
  it("a queue keeps its targets, per channel, and only people who see queues read them", async () => {
    const sla = await setTargets({ firstResponseMinutes: 240, resolutionMinutes: 480, channels: { CHAT: { firstResponseMinutes: 5, resolutionMinutes: 60 } } });
    expect(sla).toMatchObject({ firstResponseMinutes: 240, resolutionMinutes: 480, channels: { CHAT: { firstResponseMinutes: 5, resolutionMinutes: 60 } } });
    const bad = await admin.gql(`mutation($id: ID!, $input: QueueInput!) { saveQueue(id: $id, input: $input) { id } }`, {
      id: queueId,
      input: { name: "Support", channels: ["CHAT"], priority: 50, strategy: "LONGEST_IDLE", offerTimeoutSeconds: 20, members: [], sla: { firstResponseMinutes: 0 } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    expect((await agent.gql(`{ queues { sla } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const audit = await db().auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "queue.updated" }, orderBy: { createdAt: "desc" } });
    expect(JSON.stringify(audit.data)).toContain("sla");
  });

  it("a chat case gets its due times from its queue; a note does not stop the first-response clock, the agent's message does", async () => {
    await setTargets({ firstResponseMinutes: 240, resolutionMinutes: 480, channels: { CHAT: { firstResponseMinutes: 5, resolutionMinutes: 60 } } });
    await ready(server.app, org, agentId);
    const started = await startChat(widgetKey, { name: "Visitor", email: "v@example.com", message: "Where is my parcel?" }, server.app.deps);
    const visitorId = server.app.deps.tokens.verify(started.token)!.slice("visitor:".length);
    await server.workers.router.pass();
    const interaction = await db().interaction.findFirstOrThrow({ where: { visitorId }, include: { queueItem: true } });
    const kase = await db().case.findUniqueOrThrow({ where: { id: interaction.caseId } });
    expect(kase.slaFirstResponseDueAt!.getTime() - kase.createdAt.getTime()).toBe(5 * MINUTE);
    expect(kase.slaResolutionDueAt!.getTime() - kase.createdAt.getTime()).toBe(60 * MINUTE);
    expect(kase.slaDueAt).toEqual(kase.slaFirstResponseDueAt);

    expect(interaction.queueItem).toMatchObject({ state: "OFFERED", offeredToId: agentId });
    await acceptOffer(await asViewer(server.app, agentId), interaction.queueItem!.id, server.app.deps);
    // Accepting a chat is not answering it, nor is a note.
    const reply = `mutation($input: ReplyInput!) { replyToCase(input: $input) { id } }`;
    await agent.ok(reply, { input: { caseId: kase.id, kind: "NOTE", body: "Checking the courier" } });
    let seen = (await agent.ok(CASE, { id: kase.id })).case;
    expect(seen.sla).toMatchObject({ firstRespondedAt: null, dueAt: kase.slaFirstResponseDueAt!.toISOString(), breached: false, missed: false });

    await agent.ok(reply, { input: { caseId: kase.id, interactionId: interaction.id, kind: "MESSAGE", body: "Let me check." } });
    seen = (await agent.ok(CASE, { id: kase.id })).case;
    expect(seen.sla.firstRespondedAt).not.toBeNull();
    expect(seen.sla).toMatchObject({ dueAt: kase.slaResolutionDueAt!.toISOString(), breached: false, missed: false });

    // Waiting on the customer holds the resolution clock; back to open, it runs again.
    const statuses = await db().caseStatus.findMany({ where: { processId: kase.processId } });
    const pending = statuses.find((s) => s.category === "PENDING")!;
    const open = statuses.find((s) => s.category === "OPEN")!;
    const update = `mutation($id: ID!, $input: CaseUpdateInput!) { updateCase(id: $id, input: $input) { id } }`;
    await agent.ok(update, { id: kase.id, input: { statusId: pending.id } });
    seen = (await agent.ok(CASE, { id: kase.id })).case;
    expect(seen.sla).toMatchObject({ dueAt: null, breached: false });
    expect(seen.sla.heldAt).not.toBeNull();
    await agent.ok(update, { id: kase.id, input: { statusId: open.id } });
    seen = (await agent.ok(CASE, { id: kase.id })).case;
    expect(seen.sla.heldAt).toBeNull();
    expect(new Date(seen.sla.dueAt).getTime()).toBeGreaterThanOrEqual(kase.slaResolutionDueAt!.getTime());
  });

  it("a case past its due time is breached: the inbox filters it and sorts it first", async () => {
    await setTargets({});
    const now = Date.now();
    const untimed = await createCase(db(), { organizationId: org.id, channel: "EMAIL", subject: "No targets", contactId: null, queueId, now: new Date(now) });
    expect(untimed.slaDueAt).toBeNull();
    await setTargets({ firstResponseMinutes: 30, resolutionMinutes: 480 });
    const overdue = await createCase(db(), { organizationId: org.id, channel: "EMAIL", subject: "Overdue", contactId: null, queueId, now: new Date(now - 2 * 60 * MINUTE) });
    const soon = await createCase(db(), { organizationId: org.id, channel: "EMAIL", subject: "Soon", contactId: null, queueId, now: new Date(now - 10 * MINUTE) });

    const inbox = `query($breached: Boolean, $sort: InboxSort) { inbox(scope: UNASSIGNED, breached: $breached, sort: $sort) { subject sla { breached } } }`;
    const breached = (await agent.ok(inbox, { breached: true })).inbox;
    expect(breached.map((c: { subject: string }) => c.subject)).toEqual(["Overdue"]);
    expect(breached[0].sla.breached).toBe(true);
    const sorted = (await agent.ok(inbox, { sort: "DUE_SOONEST" })).inbox.map((c: { subject: string }) => c.subject);
    expect(sorted.slice(0, 2)).toEqual(["Overdue", "Soon"]);
    expect(sorted.indexOf("No targets")).toBeGreaterThan(1);

    // Answered late, it stays a missed target.
    await db().case.update({ where: { id: overdue.id }, data: { assigneeId: agentId } });
    const statuses = await db().caseStatus.findMany({ where: { processId: overdue.processId } });
    await agent.ok(`mutation($id: ID!, $input: CaseUpdateInput!) { updateCase(id: $id, input: $input) { id } }`, {
      id: overdue.id,
      input: { statusId: statuses.find((s) => s.category === "RESOLVED")!.id },
    });
    const after = await db().case.findUniqueOrThrow({ where: { id: overdue.id } });
    expect(after).toMatchObject({ slaBreached: true, slaDueAt: null });
    expect(soon.slaDueAt!.getTime()).toBe(now + 20 * MINUTE);
  });
});
