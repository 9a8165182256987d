import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToCase } from "../../domain/chat/agent-actions.ts";
import { identityHash } from "../../domain/entry-points/identity.ts";
import { overflowLongWaits } from "../../domain/routing/maintain-queue.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";
import { VisitorClient } from "../support/visitor-client.ts";

const mails: { to: string; data: string }[] = [];
let smtp: SMTPServer;
let server: TestServer;
let org: TestOrg;
let agentId: string;
let key: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let data = "";
      stream.on("data", (c) => (data += c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), data });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  server = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const agent = await makeUser(server.app, org, "AGENT");
  agentId = agent.id;
  await server.app.db.prisma.user.update({ where: { id: agent.id }, data: { capacity: { CHAT: 50 } } });
  const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
  key = (await makeWidget(server.app, org, queue.id, { topics: [{ id: "billing", label: { en: "Billing" } }] }, "site-secret")).key;
  await ready(server.app, org, agent.id);
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

const visitor = () => new VisitorClient(server.url);
const form = (extra: Record<string, unknown> = {}) => ({
  name: "Ala Nowak",
  email: `ala${Math.random()}@example.com`,
  message: "Dzień dobry",
  language: "pl",
  ...extra,
});

async function answered(v: VisitorClient) {
  await server.workers.router.pass();
  const conv = (await v.call("GET", "/api/widget/conversation")).body;
  const item = await server.app.db.prisma.queueItem.findUniqueOrThrow({ where: { interactionId: conv.interactionId } });
  await acceptOffer(await asViewer(server.app, agentId), item.id, server.app.deps);
  const interaction = await server.app.db.prisma.interaction.findUniqueOrThrow({ where: { id: conv.interactionId } });
  return interaction;
}

describe("the widget's public settings", () => {
  it("are readable cross-origin only by the allowed sites", async () => {
    const ok = await new VisitorClient(server.url, "http://shop.test").call("GET", `/api/widget/${key}/config`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://shop.test");
    expect(ok.body).toMatchObject({ languages: ["en", "pl"], topics: [{ id: "billing" }], transcripts: true, open: true });
    expect(ok.body).not.toHaveProperty("allowedOrigins");
    const refused = await new VisitorClient(server.url, "https://evil.example").call("GET", `/api/widget/${key}/config`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect((await visitor().call("GET", "/api/widget/no-such-widget-key/config")).status).toBe(404);
  });

  it("refuse visitor calls made by another site's page", async () => {
    const r = await new VisitorClient(server.url, "https://evil.example").start(key, form());
    expect(r.status).toBe(403);
  });
});

describe("a conversation", () => {
  it("reaches only its own visitor: another token, a forged one or none open nothing", async () => {
    const a = visitor();
    const b = visitor();
    await a.start(key, form());
    await b.start(key, form({ message: "B's secret" }));
    const convA = (await a.call("GET", "/api/widget/conversation")).body;
    expect(convA.messages.map((m: { body: string }) => m.body)).toEqual(["Dzień dobry"]);
    const forged = visitor();
    forged.token = `${a.token.split(".")[0]}.AAAA`;
    expect((await forged.call("GET", "/api/widget/conversation")).status).toBe(401);
    expect((await visitor().call("GET", "/api/widget/conversation")).status).toBe(401);
    // B's messages and files are not A's, whatever ids A guesses.
    const bInteraction = (await b.call("GET", "/api/widget/conversation")).body.interactionId;
    const bFile = await server.app.db.prisma.attachment.create({
      data: {
        organizationId: org.id,
        caseId: (await server.app.db.prisma.interaction.findUniqueOrThrow({ where: { id: bInteraction } })).caseId,
        fileName: "b.pdf",
        contentType: "application/pdf",
        size: 1,
        sha256: "x",
        storageKey: "none",
      },
    });
    expect((await a.call("GET", `/api/widget/attachments/${bFile.id}`)).status).toBe(404);
  });

  it("flows both ways live; the visitor never receives a note", async () => {
    const v = visitor();
    await v.start(key, form());
    const feed = await v.listen();
    const interaction = await answered(v);
    await feed.until((e) => e.kind === "state");
    const agent = await asViewer(server.app, agentId);
    await replyToCase(agent, { caseId: interaction.caseId, kind: "NOTE", body: "internal: VIP, be nice" }, server.app.deps);
    await replyToCase(
      agent,
      { caseId: interaction.caseId, interactionId: interaction.id, kind: "MESSAGE", body: "<b>Hello</b> from the agent" },
      server.app.deps,
    );
    const msg = await feed.until((e) => e.kind === "message");
    expect(msg.message).toMatchObject({ from: "AGENT", body: "<b>Hello</b> from the agent" });
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(feed.events)).not.toContain("internal");
    const conv = (await v.call("GET", "/api/widget/conversation")).body;
    expect(conv.state).toBe("ACTIVE");
    expect(JSON.stringify(conv)).not.toContain("internal");
    feed.close();
  });

  it("slows down a flood of messages and says so", async () => {
    const v = visitor();
    await v.start(key, form());
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await v.call("POST", "/api/widget/messages", { body: `spam ${i}` })).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(20);
    const refused = await v.call("POST", "/api/widget/messages", { body: "more" });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: "LIMIT_EXCEEDED", reason: "TOO_FAST" });
  });

  it("refuses files of the wrong type or size with a clear message, and the conversation goes on", async () => {
    const v = visitor();
    await v.start(key, form());
    const html = await v.upload(new TextEncoder().encode("<html><script>alert(1)</script>"), "invoice.pdf");
    expect(html).toMatchObject({ status: 422, body: { reason: "FILE_TYPE", message: expect.stringContaining("images") } });
    const huge = new Uint8Array(11 * 1024 * 1024);
    huge.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect((await v.upload(huge, "big.pdf")).status).toBe(413);
    const png = await v.upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), "photo.exe");
    expect(png).toMatchObject({ status: 200, body: { fileName: "photo.png", contentType: "image/png" } });
    const sent = await v.call("POST", "/api/widget/messages", { body: "here it is", attachmentIds: [png.body.id] });
    expect(sent.status).toBe(200);
    const conv = (await v.call("GET", "/api/widget/conversation")).body;
    expect(conv.messages.at(-1).attachments).toEqual([expect.objectContaining({ fileName: "photo.png" })]);
  });

  it("ends, takes one rating, and mails a transcript without notes", async () => {
    const v = visitor();
    const email = `t${Date.now()}@example.com`;
    await v.start(key, form({ email }));
    const interaction = await answered(v);
    await replyToCase(await asViewer(server.app, agentId), { caseId: interaction.caseId, kind: "NOTE", body: "secret note" }, server.app.deps);
    await replyToCase(
      await asViewer(server.app, agentId),
      { caseId: interaction.caseId, interactionId: interaction.id, kind: "MESSAGE", body: "Anything else?" },
      server.app.deps,
    );
    expect((await v.call("POST", "/api/widget/rating", { rating: 5 })).status).toBe(409); // not ended yet
    await v.call("POST", "/api/widget/end");
    expect((await v.call("POST", "/api/widget/rating", { rating: 5, comment: "Great" })).status).toBe(200);
    expect((await v.call("POST", "/api/widget/rating", { rating: 1 })).body.reason).toBe("ALREADY_RATED");
    expect((await v.call("POST", "/api/widget/transcript", { email })).status).toBe(200);
    const mail = mails.find((m) => m.to === email)!;
    expect(mail.data).toContain("Anything else?");
    expect(mail.data).toContain("Dzie"); // the visitor's first message
    expect(mail.data).not.toContain("secret note");
  });
});

describe("who the visitor is", () => {
  it("matches a known customer when the site signed their id; ignores a bad signature", async () => {
    const contact = await server.app.db.prisma.contact.create({
      data: { organizationId: org.id, firstName: "Known", identities: { create: { organizationId: org.id, kind: "EXTERNAL_ID", value: "cust-77" } } },
    });
    const good = visitor();
    expect((await good.start(key, form({ identity: { id: "cust-77", hash: identityHash("site-secret", "cust-77") } }))).body.verified).toBe(true);
    const bad = visitor();
    expect((await bad.start(key, form({ identity: { id: "cust-77", hash: identityHash("wrong", "cust-77") } }))).body.verified).toBe(false);
    const visitors = await server.app.db.prisma.visitor.findMany({
      where: { OR: [{ id: good.token && server.app.deps.tokens.verify(good.token)!.slice(8) }, { id: server.app.deps.tokens.verify(bad.token)!.slice(8) }] },
    });
    const byVerified = Object.fromEntries(visitors.map((x) => [x.externalId ? "good" : "bad", x.contactId]));
    expect(byVerified.good).toBe(contact.id);
    expect(byVerified.bad).not.toBe(contact.id);
  });

  it("outside business hours the visitor is told, and a left message becomes a case", async () => {
    const queue = await makeQueue(server.app, org, [{ userId: agentId }]);
    const closedKey = (await makeWidget(server.app, org, queue.id, { businessHours: { enabled: true, days: {} } })).key;
    const v = visitor();
    const started = await v.start(closedKey, form());
    expect(started.body.state).toBe("CLOSED");
    const left = await v.call("POST", "/api/widget/leave-message", { body: "Please call me back tomorrow" });
    expect(left.status).toBe(200);
    const kase = await server.app.db.prisma.case.findUniqueOrThrow({ where: { id: left.body.caseId }, include: { messages: true, interactions: true } });
    expect(kase).toMatchObject({ queueId: queue.id, assigneeId: null });
    expect(kase.messages[0].body).toBe("Please call me back tomorrow");
    expect(kase.interactions[0].state).toBe("LEFT_MESSAGE");
  });

  it("a visitor who waited past the queue's limit is told so in the queue's words, and can leave a message", async () => {
    const busy = await makeUser(server.app, org, "AGENT");
    await server.app.db.prisma.user.update({ where: { id: busy.id }, data: { capacity: { CHAT: 0 } } });
    const queue = await makeQueue(server.app, org, [{ userId: busy.id }], { maxWaitSeconds: 1, overflowMessage: "We are swamped; leave us a note." });
    await ready(server.app, org, busy.id);
    const v = visitor();
    expect((await v.start((await makeWidget(server.app, org, queue.id)).key, form({ message: "Is my order shipped?" }))).body.state).toBe("QUEUED");
    await server.app.db.prisma.queueItem.updateMany({ where: { queueId: queue.id }, data: { enqueuedAt: new Date(Date.now() - 5000) } });
    await overflowLongWaits(queue.id, server.app.deps);
    const conv = (await v.call("GET", "/api/widget/conversation")).body;
    expect(conv).toMatchObject({ state: "UNSERVED", notice: "We are swamped; leave us a note." });
    expect((await v.call("POST", "/api/widget/leave-message", { body: "Please e-mail me" })).status).toBe(200);
    const after = (await v.call("GET", "/api/widget/conversation")).body;
    expect(after.state).toBe("LEFT_MESSAGE");
    expect(after.messages.map((m: { body: string }) => m.body)).toEqual(["Is my order shipped?", "Please e-mail me"]);
  });

  it("limits how many conversations one address may start", async () => {
    const limited = await startTestServer({ WIDGET_STARTS_PER_MINUTE: "2" });
    try {
      const lorg = await makeOrg(limited.app);
      const q = await makeQueue(limited.app, lorg, []);
      const k = (await makeWidget(limited.app, lorg, q.id)).key;
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await new VisitorClient(limited.url).start(k, form())).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it("explains what is missing from the pre-chat form", async () => {
    const r = await visitor().start(key, { name: "", email: "", phone: "" });
    expect(r.status).toBe(422);
    expect(r.body.fields[0]).toMatchObject({ path: "input.name", code: "required" });
    const both = await visitor().start(key, { name: "X", email: "", phone: "" });
    expect(both.body.fields[0]).toMatchObject({ code: "email_or_phone" });
  });
});
