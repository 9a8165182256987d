// The audit log says what changed, in words: fields from → to, with queues and people named (no
// raw ids), and canned-reply and chat-widget changes are recorded like every other setting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "ADMIN");
  admin = new TestSession(server.url);
  await admin.signIn(a.username, PASSWORD);
});
afterAll(() => server?.close());

const LOG = `query($a: String) { auditLog(action: $a) { action targetLabel details { field value from to } } }`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

describe("audit details", () => {
  it("records canned-reply changes, saying what changed with the queue named", async () => {
    const billing = await server.app.db.prisma.queue.update({ where: { id: (await makeQueue(server.app, org, [])).id }, data: { name: "Billing" } });
    const save = `mutation($id: ID, $i: CannedReplyInput!) { saveCannedReply(id: $id, input: $i) { id } }`;
    const { saveCannedReply: r } = await admin.ok(save, { i: { title: "Greeting", body: "Hello!" } });
    await admin.ok(save, { id: r.id, i: { title: "Greeting", body: "Hello, how can I help?", queueId: billing.id } });
    await admin.ok(`mutation($id: ID!) { deleteCannedReply(id: $id) }`, { id: r.id });

    const log = (await admin.ok(LOG, { a: "canned_reply." })).auditLog;
    expect(log.map((e: { action: string }) => e.action)).toEqual(["canned_reply.deleted", "canned_reply.updated", "canned_reply.created"]);
    expect(log[1]).toMatchObject({ action: "canned_reply.updated", targetLabel: "Greeting" });
    expect(log[1].details).toHaveLength(2);
    expect(log[1].details).toEqual(
      expect.arrayContaining([
        { field: "body", value: null, from: "Hello!", to: "Hello, how can I help?" },
        { field: "queueId", value: null, from: null, to: "Billing" },
      ]),
    );
    // (PostgreSQL keeps a JSON object's keys in an order of its own.)
    expect(log[2].details).toHaveLength(2);
    expect(log[2].details).toEqual(
      expect.arrayContaining([
        { field: "title", value: null, from: null, to: "Greeting" },
        { field: "body", value: null, from: null, to: "Hello!" },
      ]),
    );
    expect(JSON.stringify(log.map((e: { details: unknown }) => e.details))).not.toMatch(UUID);
  });

  it("records a chat widget's texts and colours changing, not only its queue", async () => {
    const queue = await makeQueue(server.app, org, []);
    const save = `mutation($id: ID, $i: ChatWidgetInput!) { saveChatWidget(id: $id, input: $i) { id } }`;
    const config = { title: { en: "Hi" }, color: "#0f766e", languages: ["en"] };
    const { saveChatWidget: w } = await admin.ok(save, { i: { name: "Shop chat", queueId: queue.id, active: true, config } });
    await admin.ok(save, { id: w.id, i: { name: "Shop chat", queueId: queue.id, active: true, config: { ...config, title: { en: "Hello there" }, color: "#b91c1c" } } });
    const [updated] = (await admin.ok(LOG, { a: "entry_point.updated" })).auditLog;
    expect(updated.details).toHaveLength(2);
    expect(updated.details).toEqual(
      expect.arrayContaining([
        { field: "color", value: null, from: "#0f766e", to: "#b91c1c" },
        { field: "title", value: null, from: "en: Hi", to: "en: Hello there" },
      ]),
    );
  });
});
