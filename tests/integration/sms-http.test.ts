// SMS through a generic HTTP provider (tests/support/http-sms-gateway.ts, a real HTTP server on
// loopback): the admin sets the account up and gets the webhook address; customers' texts arrive as
// signed webhooks and become cases, each once however often it is delivered; forged, tampered,
// replayed and malformed calls are refused; replies go out once per idempotency key through
// throttling, lost answers, outages and refusals; delivery reports move the message whatever
// their order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replyBySms } from "../../domain/sms/reply-by-sms.ts";
import { retrySms } from "../../domain/sms/deliver-sms.ts";
import { SMS_WEBHOOK_PATH, signSmsWebhook } from "../../domain/sms/sms-webhook.ts";
import { type SmsLinks, startSmsLinks } from "../../lib/sms/sms-links.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { GATEWAY_TOKEN, GATEWAY_WEBHOOK_KEY, HttpSmsGateway, INVALID, UNREACHABLE } from "../support/http-sms-gateway.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";
import { until } from "../support/until.ts";

const OUR_NUMBER = "+48221239000";
const POLISH_LONG =
  "Dzień dobry, zwrot za zamówienie 4471 został zlecony dziś rano. Pieniądze powinny wrócić na konto w ciągu trzech dni roboczych. Gdyby coś było nie tak, proszę odpisać na tę wiadomość.";

let gateway: HttpSmsGateway;
let server: TestServer;
let org: TestOrg;
let queueId: string;
let agentId: string;
let accountId: string;
let links: SmsLinks;

const db = () => server.app.db.prisma;
const deps = () => server.app.deps;
const sms = (id: string) => db().smsMessage.findUniqueOrThrow({ where: { id } });
let seq = 0;
const customer = () => `+4869${String(++seq).padStart(7, "0")}`;

beforeAll(async () => {
  gateway = await new HttpSmsGateway().start();
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  await server.workers.sms.stop();
  org = await makeOrg(server.app);
  agentId = (await makeUser(server.app, org, "AGENT")).id;
  queueId = (await makeQueue(server.app, org, [{ userId: agentId }], { channels: ["SMS"] })).id;
  const admin = await makeUser(server.app, org, "ADMIN");
  const s = new TestSession(server.url);
  await s.signIn(admin.username, PASSWORD);
  const saved = await s.ok(`mutation($input: SmsAccountInput!) { saveSmsAccount(input: $input) { id } }`, {
    input: { name: "HTTP gateway", kind: "HTTP", url: gateway.url, secret: GATEWAY_TOKEN, webhookSecret: GATEWAY_WEBHOOK_KEY, ratePerSecond: 50 },
  });
  accountId = saved.saveSmsAccount.id;
  await s.ok(`mutation($input: SmsNumberInput!) { saveSmsNumber(input: $input) { id } }`, { input: { number: OUR_NUMBER, accountId, queueId } });
  gateway.webhookUrl = `${server.url}${SMS_WEBHOOK_PATH}${accountId}`;
  links = startSmsLinks(server.app, { roundMs: 3_600_000 });
  await links.round();
});
afterAll(async () => {
  await links?.stop();
  await gateway?.close();
  await server?.close();
});
beforeEach(() => {
  gateway.failing = false;
  gateway.throttleNext = 0;
  gateway.hangNext = 0;
  gateway.reportsOutOfOrder = false;
});

/** A customer's text in, and the case it opened. */
async function textIn(from: string, text: string) {
  const id = `mo-${from}-${Date.now()}`;
  expect(await gateway.deliver({ id, from, to: OUR_NUMBER, text })).toBe(204);
  const m = await db().smsMessage.findFirstOrThrow({ where: { accountId, providerId: id }, include: { message: true } });
  return { id, caseId: m.message.caseId };
}

/** Sends what is due now (a retry's wait is skipped by making it due). */
async function sendDue() {
  await db().smsMessage.updateMany({ where: { accountId, state: "QUEUED" }, data: { nextAttemptAt: new Date() } });
  await links.send();
}

describe("texts in from an HTTP provider", () => {
  it("the admin sees the webhook address; the token and key are write-only and sealed", async () => {
    const admin = await makeUser(server.app, org, "ADMIN");
    const s = new TestSession(server.url);
    await s.signIn(admin.username, PASSWORD);
    const { smsAccounts } = await s.ok(`{ smsAccounts { id kind url webhookUrl hasSecret hasWebhookSecret status } }`);
    const account = smsAccounts.find((a: { id: string }) => a.id === accountId);
    expect(account).toMatchObject({ kind: "HTTP", url: gateway.url, hasSecret: true, hasWebhookSecret: true, status: "BOUND" });
    expect(account.webhookUrl).toMatch(new RegExp(`${SMS_WEBHOOK_PATH}${accountId}$`));
    const stored = await db().smsAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(stored.secret).not.toContain(GATEWAY_TOKEN);
    expect(stored.webhookSecret).not.toContain(GATEWAY_WEBHOOK_KEY);
    expect((await s.gql(`{ smsAccounts { webhookSecret } }`)).errors?.length).toBeTruthy();
    const audit = await db().auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "sms_account.created" } });
    expect(JSON.stringify(audit.data)).not.toContain(GATEWAY_WEBHOOK_KEY);
    expect(audit.data).toMatchObject({ kind: "HTTP", webhookSecretChanged: true });

    const missing = await s.gql(`mutation($input: SmsAccountInput!) { saveSmsAccount(input: $input) { id } }`, {
      input: { name: "No key", kind: "HTTP", url: "ftp://example.com", secret: "t" },
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
  });

  it("a customer's text becomes a case in the number's queue; the same webhook again, even five at once, is stored once", async () => {
    const from = customer();
    const { id, caseId } = await textIn(from, "Dzień dobry, kiedy zwrot?");
    const kase = await db().case.findUniqueOrThrow({ where: { id: caseId }, include: { interactions: true } });
    expect(kase.queueId).toBe(queueId);
    expect(kase.interactions[0]).toMatchObject({ channel: "SMS" });
    const again = await Promise.all(Array.from({ length: 5 }, () => gateway.deliver({ id, from, to: OUR_NUMBER, text: "Dzień dobry, kiedy zwrot?" })));
    expect(again).toEqual([204, 204, 204, 204, 204]);
    expect(await db().smsMessage.count({ where: { accountId, customerNumber: from } })).toBe(1);
    // A second text threads into the same case.
    const second = await textIn(from, "Proszę o odpowiedź СМС");
    expect(second.caseId).toBe(caseId);
  });

  it("forged, tampered, replayed, unsigned and malformed calls are refused and store nothing", async () => {
    const from = customer();
    const body = JSON.stringify({ type: "inbound", id: "forged-1", from, to: OUR_NUMBER, text: "Proszę o przelew" });
    expect(await gateway.webhook(body, { key: "not-the-key" })).toBe(401);
    const ts = Math.floor(Date.now() / 1000);
    expect(await gateway.webhook(body.replace("przelew", "zwrot"), { timestamp: ts, signature: signSmsWebhook(GATEWAY_WEBHOOK_KEY, ts, body) })).toBe(401);
    expect(await gateway.webhook(body, { timestamp: ts - 3600 })).toBe(401);
    expect(await gateway.webhook(body, { signature: "" })).toBe(401);
    expect(await gateway.webhook(`{"type":"inbound","id":"x"}`)).toBe(400);
    expect(await gateway.webhook("not json")).toBe(400);
    const unknownAccount = await fetch(`${server.url}${SMS_WEBHOOK_PATH}00000000-0000-7000-8000-000000000000`, {
      method: "POST",
      headers: { "x-timestamp": String(ts), "x-signature": signSmsWebhook(GATEWAY_WEBHOOK_KEY, ts, body) },
      body,
    });
    expect(unknownAccount.status).toBe(401);
    const tooBig = await gateway.webhook(JSON.stringify({ type: "inbound", id: "big", from, to: OUR_NUMBER, text: "x".repeat(70_000) }));
    expect(tooBig).toBe(413);
    expect(await db().smsMessage.count({ where: { customerNumber: from } })).toBe(0);

    // An address that keeps failing is answered 429 without more work; its signed calls still count.
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await gateway.webhook(body, { key: "guess" }));
    expect(answers.slice(0, 5)).toContain(401);
    expect(answers.slice(-3)).toEqual([429, 429, 429]);
    await textIn(from, "Jednak piszę naprawdę");
  });
});

describe("replies out through an HTTP provider", () => {
  it("a Polish long reply goes out once, with the provider's parts; delivery reports move it even out of order", async () => {
    const { caseId } = await textIn(customer(), "Halo");
    gateway.reportsOutOfOrder = true;
    const reply = await replyBySms(await asViewer(server.app, agentId), { caseId, body: POLISH_LONG }, deps());
    await links.send();
    await until("delivered", async () => (await sms(reply.id)).state === "DELIVERED");
    // "sent" came after "delivered": it changed nothing.
    await until("both reports taken", async () => gateway.webhookAnswers.filter((s) => s === 204).length >= 2);
    expect(await sms(reply.id)).toMatchObject({ state: "DELIVERED", parts: 3, coding: "UCS2", error: "" });
    const sent = gateway.messages.filter((m) => m.key === reply.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(POLISH_LONG);
  });

  it("throttled (429, Retry-After) it waits and goes; an answer lost is retried with the same key and not sent twice", async () => {
    const { caseId } = await textIn(customer(), "Halo");
    const viewer = await asViewer(server.app, agentId);
    gateway.throttleNext = 2;
    const t0 = Date.now();
    const throttled = await replyBySms(viewer, { caseId, body: "Dziękujemy, sprawdzamy." }, deps());
    await links.send();
    await until("sent after throttling", async () => (await sms(throttled.id)).state !== "QUEUED");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    await until("delivered", async () => (await sms(throttled.id)).state === "DELIVERED");

    gateway.hangNext = 1;
    const lost = await replyBySms(viewer, { caseId, body: "Oddzwonimy." }, deps());
    await links.send();
    await until("waiting to retry", async () => (await sms(lost.id)).attempts === 1);
    expect(await sms(lost.id)).toMatchObject({ state: "QUEUED" });
    await sendDue();
    await until("delivered", async () => (await sms(lost.id)).state === "DELIVERED");
    expect(gateway.messages.filter((m) => m.key === lost.id)).toHaveLength(1);
  });

  it("an outage shows on the account and the reply waits; a refused number fails for good in the provider's words; 'send again' is a new send", async () => {
    const { caseId } = await textIn(customer(), "Halo");
    const viewer = await asViewer(server.app, agentId);
    gateway.failing = true;
    const waiting = await replyBySms(viewer, { caseId, body: "Za chwilę odpowiemy." }, deps());
    await links.send();
    await until("retrying", async () => (await sms(waiting.id)).attempts === 1);
    expect((await sms(waiting.id)).error).toMatch(/HTTP 503: maintenance/);
    await links.round();
    const account = await db().smsAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(account).toMatchObject({ status: "DOWN" });
    expect(account.statusDetail).toMatch(/503/);
    gateway.failing = false;
    await sendDue();
    await until("delivered after the outage", async () => (await sms(waiting.id)).state === "DELIVERED");
    await links.round();
    expect((await db().smsAccount.findUniqueOrThrow({ where: { id: accountId } })).status).toBe("BOUND");

    // The case's customer number is replaced to reach the numbers the gateway treats specially.
    const refused = await replyBySms(viewer, { caseId, body: "Test" }, deps());
    await db().smsMessage.update({ where: { id: refused.id }, data: { customerNumber: INVALID } });
    const absent = await replyBySms(viewer, { caseId, body: "Test 2" }, deps());
    await db().smsMessage.update({ where: { id: absent.id }, data: { customerNumber: UNREACHABLE } });
    await links.send();
    await until("both failed", async () => (await sms(refused.id)).state === "FAILED" && (await sms(absent.id)).state === "FAILED");
    expect(await sms(refused.id)).toMatchObject({ attempts: 1, error: "the provider refused the message (HTTP 400: invalid destination number)" });
    expect((await sms(absent.id)).error).toBe("undelivered: absent subscriber");

    expect(await retrySms(org.id, absent.id, deps())).toBe(true);
    await links.send();
    await until("failed again", async () => (await sms(absent.id)).state === "FAILED" && (await sms(absent.id)).resends === 1);
    expect(gateway.messages.filter((m) => m.to === UNREACHABLE).map((m) => m.key)).toEqual([absent.id, `${absent.id}.1`]);
  });

  it("a wrong API token: the account shows why, and the reply waits for the fix", async () => {
    const { caseId } = await textIn(customer(), "Halo");
    await db().smsAccount.update({ where: { id: accountId }, data: { secret: deps().secrets.seal("wrong") } });
    await links.round();
    const reply = await replyBySms(await asViewer(server.app, agentId), { caseId, body: "Sprawdzamy." }, deps());
    await links.send();
    await until("retrying", async () => (await sms(reply.id)).attempts === 1);
    await links.round();
    expect((await db().smsAccount.findUniqueOrThrow({ where: { id: accountId } })).statusDetail).toMatch(
      /refused our API token \(HTTP 401: invalid API token\)/,
    );
    await db().smsAccount.update({ where: { id: accountId }, data: { secret: deps().secrets.seal(GATEWAY_TOKEN) } });
    await links.round();
    await sendDue();
    await until("delivered", async () => (await sms(reply.id)).state === "DELIVERED");
  });
});
