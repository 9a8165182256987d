// The ACD against the real database: who gets offered what, capacity, accept / reject / timeout,
// auto-pause, VIP order, one order across queues, overflow, transfers, agents going offline,
// blended chat and e-mail work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeAgentState } from "../../domain/agents/set-agent-state.ts";
import { startChat } from "../../domain/chat/start-chat.ts";
import { cancelTransfer, transferInteraction } from "../../domain/chat/agent-actions.ts";
import { endInteraction } from "../../domain/routing/end-interaction.ts";
import { ingestEmail } from "../../domain/email/ingest-email.ts";
import { updateOrganizationSettings } from "../../domain/organizations/update-settings.ts";
import { acceptOffer, rejectOffer } from "../../domain/routing/respond-to-offer.ts";
import { identityHash } from "../../domain/entry-points/identity.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  // Offers are answered within the test, the clock only moves when a test moves it.
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const db = () => server.app.db.prisma;
const pass = () => server.workers.router.pass();
let n = 0;
const chat = (key: string, extra: Record<string, unknown> = {}) =>
  startChat(key, { name: `Visitor ${++n}`, email: `v${n}@example.com`, message: "Hello", ...extra }, server.app.deps);
const itemOf = async (token: string) => {
  const visitorId = server.app.deps.tokens.verify(token)!.slice("visitor:".length);
  const interaction = await db().interaction.findFirstOrThrow({ where: { visitorId }, include: { queueItem: true } });
  return { interaction, item: interaction.queueItem! };
};

async function setup(settings: Parameters<typeof makeQueue>[3] = {}, agents = 2, capacity?: number) {
  const users = [];
  for (let i = 0; i < agents; i++) users.push(await makeUser(server.app, org, "AGENT"));
  if (capacity !== undefined) for (const u of users) await db().user.update({ where: { id: u.id }, data: { capacity: { CHAT: capacity } } });
  const queue = await makeQueue(
    server.app,
    org,
    users.map((u, i) => ({ userId: u.id, skillLevel: 3 + i })),
    settings,
  );
  const widget = await makeWidget(server.app, org, queue.id);
  await ready(server.app, org, ...users.map((u) => u.id));
  return { users, queue, widget };
}

describe("offers", () => {
  it("offers a new chat to a Ready member; accepting assigns it and opens the case", async () => {
    const { users, widget } = await setup({ strategy: "SKILLS" });
    const started = await chat(widget.key);
    expect(started.state).toBe("QUEUED");
    await pass();
    const { item, interaction } = await itemOf(started.token);
    expect(item).toMatchObject({ state: "OFFERED", offeredToId: users[1].id }); // the higher skill
    await acceptOffer(await asViewer(server.app, users[1].id), item.id, server.app.deps);
    const after = await db().interaction.findUniqueOrThrow({
      where: { id: interaction.id },
      include: { case: { include: { status: true } }, events: { orderBy: { at: "asc" } } },
    });
    expect(after).toMatchObject({ state: "ACTIVE", agentId: users[1].id });
    expect(after.case).toMatchObject({ assigneeId: users[1].id, status: { category: "OPEN" } });
    expect(after.events.map((e) => e.type)).toEqual(["arrived", "queued", "offered", "accepted", "answered"]);
  });

  it("never exceeds an agent's capacity: the next chat waits until one ends", async () => {
    const { users, widget } = await setup({}, 1, 1);
    const first = await chat(widget.key);
    await pass();
    await acceptOffer(await asViewer(server.app, users[0].id), (await itemOf(first.token)).item.id, server.app.deps);
    const second = await chat(widget.key);
    await pass();
    expect((await itemOf(second.token)).item.state).toBe("WAITING");
    await endInteraction((await itemOf(first.token)).interaction.id, "AGENT", server.app.deps);
    await pass();
    expect((await itemOf(second.token)).item).toMatchObject({ state: "OFFERED", offeredToId: users[0].id });
  });

  it("a rejected offer goes to the next agent and records every attempt", async () => {
    const { users, widget } = await setup({ strategy: "SKILLS" });
    const started = await chat(widget.key);
    await pass();
    const { item } = await itemOf(started.token);
    await rejectOffer(await asViewer(server.app, item.offeredToId!), item.id, server.app.deps);
    await pass();
    const again = await itemOf(started.token);
    expect(again.item).toMatchObject({ state: "OFFERED", offeredToId: users[0].id, attempts: 2 });
    const types = (await db().interactionEvent.findMany({ where: { interactionId: again.interaction.id }, orderBy: { at: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["arrived", "queued", "offered", "rejected", "offered"]);
  });

  it("an offer left to time out goes on; after repeated time-outs the agent is paused", async () => {
    await db().organization.update({ where: { id: org.id }, data: { missedOffersBeforePause: 2 } });
    const { users, widget } = await setup({ offerTimeoutSeconds: 5 }, 1);
    const lazy = users[0];
    for (let i = 0; i < 2; i++) {
      const started = await chat(widget.key);
      await pass();
      const { item } = await itemOf(started.token);
      expect(item.offeredToId).toBe(lazy.id);
      await db().queueItem.update({ where: { id: item.id }, data: { offerExpiresAt: new Date(Date.now() - 1000) } });
      await pass();
      const timedOut = await itemOf(started.token);
      expect(timedOut.item.declinedBy).toContain(lazy.id);
    }
    const presence = await db().agentPresence.findUniqueOrThrow({ where: { userId: lazy.id }, include: { pauseCode: true } });
    expect(presence).toMatchObject({ state: "PAUSE", source: "SYSTEM", pauseCode: { systemKey: "MISSED_OFFERS" } });
    await db().organization.update({ where: { id: org.id }, data: { missedOffersBeforePause: 3 } });
  });
});

describe("waiting order and overflow", () => {
  it("serves VIP contacts (signed in by the site) first, then by waiting time", async () => {
    const { users, widget } = await setup({}, 1, 1);
    await db().entryPoint.update({ where: { id: widget.id }, data: { identitySecret: server.app.deps.secrets.seal("site-secret") } });
    await changeAgentState({ userId: users[0].id, organizationId: org.id, state: "BREAK", source: "AGENT", changedById: null, seen: true }, server.app.deps);
    // Keep the queue staffed (someone must be working it for chats to be accepted).
    const keeper = await makeUser(server.app, org, "AGENT");
    await db().queueMember.create({ data: { queueId: (await db().entryPoint.findUniqueOrThrow({ where: { id: widget.id } })).queueId, userId: keeper.id } });
    await db().user.update({ where: { id: keeper.id }, data: { capacity: { CHAT: 0 } } });
    await ready(server.app, org, keeper.id);

    const ordinary = await chat(widget.key, { email: "plain@example.com" });
    const vipContact = await db().contact.create({
      data: {
        organizationId: org.id,
        firstName: "Vera",
        vip: true,
        identities: { create: { organizationId: org.id, kind: "EXTERNAL_ID", value: "crm-vera" } },
      },
    });
    // Only a visitor the site vouches for is the VIP (one who types a VIP's e-mail is not: unverified-visitors.test.ts).
    const vip = await chat(widget.key, { email: "vip@example.com", identity: { id: "crm-vera", hash: identityHash("site-secret", "crm-vera") } });
    expect(vipContact.id).toBeTruthy();
    await ready(server.app, org, users[0].id);
    // The order is the point, not one pass's timing: on a loaded machine the pass the agent's
    // state change set off may still be under way, so pass until the one seat is offered.
    for (let i = 0; i < 50 && (await itemOf(vip.token)).item.state === "WAITING" && (await itemOf(ordinary.token)).item.state === "WAITING"; i++) {
      await pass();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await itemOf(vip.token)).item.state).toBe("OFFERED");
    expect((await itemOf(ordinary.token)).item.state).toBe("WAITING");
  });

  it("a full queue overflows into its overflow queue; with none the visitor is told", async () => {
    const { queue: spill, users: spillAgents } = await setup({}, 1);
    const { widget, users } = await setup({ maxQueueLength: 1, overflowQueueId: spill.id }, 1, 0);
    const { widget: closedWidget } = await setup({ maxQueueLength: 0, overflowMessage: "We are very busy" }, 1);
    expect(users.length + spillAgents.length).toBe(2);
    const a = await chat(widget.key);
    const b = await chat(widget.key);
    expect((await itemOf(a.token)).item.queueId).not.toBe(spill.id);
    expect((await itemOf(b.token)).item.queueId).toBe(spill.id);
    const c = await chat(closedWidget.key);
    expect(c).toMatchObject({ state: "FULL", message: "We are very busy" });
  });

  it("items waiting past the limit overflow", async () => {
    const { queue: spill } = await setup({}, 1);
    const { widget } = await setup({ maxWaitSeconds: 30, overflowQueueId: spill.id }, 1, 0);
    const started = await chat(widget.key);
    await db().queueItem.update({ where: { id: (await itemOf(started.token)).item.id }, data: { enqueuedAt: new Date(Date.now() - 60_000) } });
    await pass();
    const { item, interaction } = await itemOf(started.token);
    expect(item.queueId).toBe(spill.id);
    expect(interaction.queueId).toBe(spill.id);
  });
});

describe("one order across queues", () => {
  // An agent in two queues shares one capacity between them: whichever queue holds the most urgent
  // work gets the agent — VIP, then the queue's priority, then the longest wait — in whatever order
  // the queues were created (and so read by the router). Each case runs with both creation orders.
  type Settings = Parameters<typeof makeQueue>[3];
  const orders = [
    { name: "low-priority queue created first", lowFirst: true },
    { name: "high-priority queue created first", lowFirst: false },
  ];

  /** One agent in a low- and a high-priority queue; a colleague with no room keeps both staffed. */
  async function twoQueues(lowFirst: boolean, low: Settings, high: Settings, capacity: Record<string, number> = { CHAT: 1 }) {
    const agent = await makeUser(server.app, org, "AGENT");
    const keeper = await makeUser(server.app, org, "AGENT");
    await db().user.update({ where: { id: agent.id }, data: { capacity } });
    await db().user.update({ where: { id: keeper.id }, data: { capacity: { VOICE: 0, CHAT: 0, EMAIL: 0 } } });
    const members = [{ userId: agent.id }, { userId: keeper.id }];
    const [first, second] = lowFirst ? [low, high] : [high, low];
    const q1 = await makeQueue(server.app, org, members, first);
    const q2 = await makeQueue(server.app, org, members, second);
    const [lowQueue, highQueue] = lowFirst ? [q1, q2] : [q2, q1];
    await ready(server.app, org, keeper.id);
    return {
      agent,
      low: await makeWidget(server.app, org, lowQueue.id, { calls: true }),
      high: await makeWidget(server.app, org, highQueue.id, { calls: true }),
    };
  }
  const stateOf = async (token: string) => (await itemOf(token)).item;

  it("a freed seat takes the high-priority queue's chat", async () => {
    for (const { name, lowFirst } of orders) {
      const { agent, low, high } = await twoQueues(lowFirst, { priority: 10 }, { priority: 80 });
      await ready(server.app, org, agent.id);
      const busy = await chat(low.key);
      await pass();
      await acceptOffer(await asViewer(server.app, agent.id), (await stateOf(busy.token)).id, server.app.deps);
      const lowChat = await chat(low.key);
      const highChat = await chat(high.key);
      await pass();
      expect((await stateOf(lowChat.token)).state, name).toBe("WAITING");
      await endInteraction((await itemOf(busy.token)).interaction.id, "AGENT", server.app.deps);
      await pass();
      expect(await stateOf(highChat.token), name).toMatchObject({ state: "OFFERED", offeredToId: agent.id });
      expect((await stateOf(lowChat.token)).state, name).toBe("WAITING");
    }
  });

  it("a VIP in the low-priority queue comes before the high-priority queue's chat", async () => {
    for (const { name, lowFirst } of orders) {
      const { agent, low, high } = await twoQueues(lowFirst, { priority: 10 }, { priority: 80 });
      // The site vouches for the VIP (a visitor who only types a VIP's e-mail is not one).
      const crmId = `crm-vip-${++n}`;
      await db().entryPoint.update({ where: { id: low.id }, data: { identitySecret: server.app.deps.secrets.seal("site-secret") } });
      await db().contact.create({
        data: { organizationId: org.id, firstName: "Vera", vip: true, identities: { create: { organizationId: org.id, kind: "EXTERNAL_ID", value: crmId } } },
      });
      const ordinary = await chat(high.key);
      const vip = await chat(low.key, { identity: { id: crmId, hash: identityHash("site-secret", crmId) } });
      await ready(server.app, org, agent.id);
      await pass();
      expect(await stateOf(vip.token), name).toMatchObject({ state: "OFFERED", offeredToId: agent.id });
      expect((await stateOf(ordinary.token)).state, name).toBe("WAITING");
    }
  });

  it("at equal priority the chat waiting longest wins, whichever queue it is in", async () => {
    for (const { name, lowFirst } of orders) {
      // "low" and "high" only name the creation order here: both queues have the same priority.
      const { agent, low: firstQueue, high: secondQueue } = await twoQueues(lowFirst, { priority: 50 }, { priority: 50 });
      const older = await chat(secondQueue.key);
      await db().queueItem.update({ where: { id: (await stateOf(older.token)).id }, data: { enqueuedAt: new Date(Date.now() - 60_000) } });
      const newer = await chat(firstQueue.key);
      await ready(server.app, org, agent.id);
      await pass();
      expect(await stateOf(older.token), name).toMatchObject({ state: "OFFERED", offeredToId: agent.id });
      expect((await stateOf(newer.token)).state, name).toBe("WAITING");
    }
  });

  it("a web call in the high-priority queue goes first, and the low-priority chat waits while the agent is offered a call", async () => {
    for (const { name, lowFirst } of orders) {
      // Default capacity and blended rules: one call, three chats, no chats during a call.
      const { agent, low, high } = await twoQueues(lowFirst, { priority: 10 }, { priority: 80 }, {});
      const lowChat = await chat(low.key);
      const call = await chat(high.key, { channel: "VOICE" });
      expect(call.state, name).toBe("QUEUED");
      await ready(server.app, org, agent.id);
      await pass();
      expect(await stateOf(call.token), name).toMatchObject({ state: "OFFERED", offeredToId: agent.id });
      expect((await stateOf(lowChat.token)).state, name).toBe("WAITING");
    }
  });
});

describe("transfers and departures", () => {
  async function liveChat() {
    const s = await setup({ strategy: "SKILLS" }, 2);
    const started = await chat(s.widget.key);
    await pass();
    const { item, interaction } = await itemOf(started.token);
    await acceptOffer(await asViewer(server.app, item.offeredToId!), item.id, server.app.deps);
    return { ...s, token: started.token, interaction, first: item.offeredToId!, other: s.users.find((u) => u.id !== item.offeredToId)!.id };
  }

  it("a transfer to a person keeps the chat with its agent until the other accepts", async () => {
    const c = await liveChat();
    await transferInteraction(
      await asViewer(server.app, c.first),
      { interactionId: c.interaction.id, toAgentId: c.other, note: "Invoice question" },
      server.app.deps,
    );
    await pass();
    let now = await itemOf(c.token);
    expect(now.interaction.agentId).toBe(c.first);
    expect(now.item).toMatchObject({ state: "OFFERED", offeredToId: c.other });
    await acceptOffer(await asViewer(server.app, c.other), now.item.id, server.app.deps);
    now = await itemOf(c.token);
    expect(now.interaction).toMatchObject({ agentId: c.other, state: "ACTIVE" });
    const note = await db().message.findFirstOrThrow({ where: { caseId: c.interaction.caseId, kind: "NOTE" } });
    expect(note.body).toBe("Invoice question");
  });

  it("a declined transfer to a person returns the chat to its agent; a transfer can be cancelled", async () => {
    const c = await liveChat();
    await transferInteraction(await asViewer(server.app, c.first), { interactionId: c.interaction.id, toAgentId: c.other }, server.app.deps);
    await pass();
    await rejectOffer(await asViewer(server.app, c.other), (await itemOf(c.token)).item.id, server.app.deps);
    expect((await itemOf(c.token)).item).toMatchObject({ state: "ASSIGNED", assignedToId: c.first });
    await transferInteraction(await asViewer(server.app, c.first), { interactionId: c.interaction.id, toQueueId: c.queue.id }, server.app.deps);
    await cancelTransfer(await asViewer(server.app, c.first), c.interaction.id, server.app.deps);
    expect((await itemOf(c.token)).item).toMatchObject({ state: "ASSIGNED", assignedToId: c.first });
  });

  it("an agent going offline hands their live chats back to the queue", async () => {
    const c = await liveChat();
    await changeAgentState({ userId: c.first, organizationId: org.id, state: "OFFLINE", source: "SIGN_OUT", changedById: null, seen: false }, server.app.deps);
    await new Promise((r) => setTimeout(r, 200)); // the routing listener runs after the state change commits
    await pass();
    const now = await itemOf(c.token);
    expect(now.interaction.state).toBe("QUEUED");
    expect(now.item).toMatchObject({ state: "OFFERED", offeredToId: c.other });
  });
});

describe("blended work", () => {
  let mails = 0;
  /** An e-mail arriving in the queue's mailbox, as the mailbox reader hands it over. */
  async function email(queueId: string) {
    const ep = await db().entryPoint.create({
      data: {
        organizationId: org.id,
        kind: "MAILBOX",
        name: `Blend mailbox ${++mails}`,
        key: `m_blend_${mails}_${Date.now()}`,
        queueId,
        config: { imap: { host: "127.0.0.1", port: 1, security: "none", user: "x", folder: "INBOX" }, fromAddress: "help@shop.test" },
      },
    });
    const r = await ingestEmail(
      { id: ep.id, organizationId: org.id, queueId, maxAttachmentBytes: 1_000_000 },
      { uidValidity: 1n, uid: 1n },
      {
        messageId: `blend-${mails}-${Date.now()}@customer.test`,
        inReplyTo: null,
        references: [],
        subject: "Where is my parcel?",
        from: { address: `blend${mails}@customer.test`, name: "" },
        to: [],
        cc: [],
        replyTo: [],
        inlineImages: [],
        malformed: false,
        date: null,
        text: "Hello",
        html: null,
        headers: {},
        deliveryReport: null,
        attachments: [],
        raw: new TextEncoder().encode("Subject: Where is my parcel?\r\n\r\nHello"),
        parseError: null,
      },
      server.app.deps,
    );
    return db().queueItem.findFirstOrThrow({ where: { interaction: { caseId: r.caseId! } } });
  }
  const itemNow = (id: string) => db().queueItem.findUniqueOrThrow({ where: { id } });

  it("a chat interrupts e-mail work; no e-mail is offered while the agent chats, until the rules allow it", async () => {
    const { users, queue, widget } = await setup({}, 1);
    const agent = await asViewer(server.app, users[0].id);
    const first = await email(queue.id);
    await pass();
    expect(await itemNow(first.id)).toMatchObject({ state: "OFFERED", offeredToId: users[0].id });
    await acceptOffer(agent, first.id, server.app.deps);

    const started = await chat(widget.key); // live work goes to the agent busy with an e-mail
    await pass();
    const { item, interaction } = await itemOf(started.token);
    expect(item).toMatchObject({ state: "OFFERED", offeredToId: users[0].id });
    await acceptOffer(agent, item.id, server.app.deps);

    const second = await email(queue.id); // but e-mail waits while they chat
    await pass();
    expect((await itemNow(second.id)).state).toBe("WAITING");
    await endInteraction(interaction.id, "AGENT", server.app.deps);
    await pass();
    expect(await itemNow(second.id)).toMatchObject({ state: "OFFERED", offeredToId: users[0].id });
    await acceptOffer(agent, second.id, server.app.deps);

    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const rules = { callsInterrupt: true, chatsInterruptDeferred: true, chatsDuringCall: false, deferredDuringLive: true };
    await updateOrganizationSettings(admin, { defaultCapacity: { CHAT: 3, EMAIL: 5 }, missedOffersBeforePause: 3, blending: rules }, server.app.deps);
    const again = await chat(widget.key);
    await pass();
    await acceptOffer(agent, (await itemOf(again.token)).item.id, server.app.deps);
    const third = await email(queue.id);
    await pass();
    expect(await itemNow(third.id)).toMatchObject({ state: "OFFERED", offeredToId: users[0].id });

    await updateOrganizationSettings(
      admin,
      { defaultCapacity: { CHAT: 3, EMAIL: 5 }, missedOffersBeforePause: 3, blending: { ...rules, chatsInterruptDeferred: false } },
      server.app.deps,
    );
    const refused = await chat(widget.key); // with e-mails open, this agent gets no chat now
    await pass();
    expect((await itemOf(refused.token)).item.state).toBe("WAITING");
    await db().organization.update({ where: { id: org.id }, data: { blending: {} } });
  });
});
