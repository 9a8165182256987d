// Call-backs asked for on the web — in the chat widget and with a site's own form — against the
// real database and router: what is refused and how it says so, the hourly limits, duplicates,
// a call-back due later that is not offered before its time, and the tries after nobody answered
// (the network's answer given through the same domain call the media role makes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChat } from "../../domain/chat/start-chat.ts";
import type { EventPublisher } from "../../domain/events.ts";
import { phoneCallAnswered, phoneCallEnded } from "../../domain/phone/phone-call-events.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { hangUp } from "../../domain/voice/calls.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";
import { VisitorClient } from "../support/visitor-client.ts";

let server: TestServer;
let org: TestOrg;
/** A queue nobody works: requests wait there untouched. */
let idleKey: string;
let idleQueueId: string;

beforeAll(async () => {
  // Addresses come from X-Forwarded-For (each test its own, for the hourly limit); the router
  // ticks fast enough to see a call-back come due.
  server = await startTestServer({ TRUST_PROXY: "1", ROUTING_TICK_MS: "250" });
  org = await makeOrg(server.app);
  await db().sipTrunk.create({ data: { organizationId: org.id, name: "Out", host: "sip.provider.test", username: "ours", callerIds: ["+48221230000"] } });
  const idle = await makeQueue(server.app, org, []);
  idleQueueId = idle.id;
  idleKey = (await makeWidget(server.app, org, idle.id)).key;
});
afterAll(() => server?.close());

const db = () => server.app.db.prisma;
const deps = () => server.app.deps;
let ips = 0;
const nextIp = () => `10.9.${Math.floor(++ips / 250)}.${ips % 250}`;
let numbers = 0;
/** A Polish mobile number no other test uses, as a visitor might type it. */
const nextNumber = () => `+48 601 ${String(300000 + ++numbers).replace(/(\d{3})(\d{3})/, "$1 $2")}`;
const e164 = (typed: string) => typed.replace(/\s/g, "");

async function fromWidget(key: string, body: Record<string, unknown>, opts: { ip?: string; token?: string } = {}) {
  const res = await fetch(`${server.url}/api/widget/${key}/callback`, {
    method: "POST",
    headers: {
      origin: server.url,
      "content-type": "application/json",
      "x-forwarded-for": opts.ip ?? nextIp(),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

async function fromSite(key: string, fields: Record<string, string>, opts: { ip?: string; origin?: string; json?: boolean } = {}) {
  const res = await fetch(`${server.url}/api/widgets/${key}/callback`, {
    method: "POST",
    headers: {
      origin: opts.origin ?? "http://shop.test",
      "x-forwarded-for": opts.ip ?? nextIp(),
      "content-type": opts.json ? "application/json" : "application/x-www-form-urlencoded",
    },
    body: opts.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

const fieldsOf = (body: Record<string, any>) => (body.fields as { path: string; code: string }[]).map((f) => `${f.path}:${f.code}`).sort();
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/** Events the media role would act on, minus "call.dialing": the test plays the telephone network. */
const withoutDialling = (): typeof server.app.deps => ({
  ...deps(),
  events: {
    publish: (name, payload) => {
      if (name !== "call.dialing") deps().events.publish(name, payload as never);
    },
    publishStored: (stored) => {
      const dialling = stored.filter((e) => e.name === "call.dialing").map((e) => e.id);
      void deps().db.eventOutbox.updateMany({ where: { id: { in: dialling } }, data: { deliveredAt: new Date() } });
      deps().events.publishStored(stored.filter((e) => e.name !== "call.dialing"));
    },
  } satisfies EventPublisher,
});

describe("asking for a call-back", () => {
  it("is offered by the widget where there is a line out and the queue takes calls", async () => {
    const config = await new VisitorClient(server.url).call("GET", `/api/widget/${idleKey}/config`);
    expect(config.body.callbacks).toBe(true);
    const chatOnly = await db().queue.create({ data: { organizationId: org.id, name: `Chat only ${Math.random()}`, channels: ["CHAT"] } });
    const key = (await makeWidget(server.app, org, chatOnly.id)).key;
    expect((await new VisitorClient(server.url).call("GET", `/api/widget/${key}/config`)).body.callbacks).toBe(false);
    const r = await fromWidget(key, { phone: nextNumber() });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ reason: "CALLBACKS_OFF" });
  });

  it("from the widget at a chosen time: a case with the topic, a call-back waiting in the queue from that time, the reason on record", async () => {
    const typed = nextNumber();
    const at = inMinutes(90);
    const r = await fromWidget(idleKey, { phone: typed, name: "Olga Oddzwoń", topic: "Faktura 12/2026", at, language: "pl" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, id: expect.any(String), phone: e164(typed), at });

    const i = await db().interaction.findUniqueOrThrow({
      where: { id: r.body.id },
      include: { case: { include: { contact: { include: { identities: true } } } }, queueItem: true, events: true },
    });
    expect(i).toMatchObject({ channel: "VOICE", direction: "OUTBOUND", state: "QUEUED", queueId: idleQueueId });
    expect(i.data).toMatchObject({
      callback: true,
      phone: e164(typed),
      requestedVia: "WEB",
      topic: "Faktura 12/2026",
      requestedFor: at,
      attempt: 1,
      attempts: 3,
    });
    expect(i.case.subject).toBe("Faktura 12/2026");
    expect(i.case.contact?.firstName).toBe("Olga");
    expect(i.case.contact?.identities).toContainEqual(expect.objectContaining({ kind: "PHONE", value: e164(typed) }));
    expect(i.queueItem).toMatchObject({ state: "WAITING", notBefore: new Date(at) });
    expect(i.events.find((e) => e.type === "callback_requested")?.data).toEqual({ number: e164(typed), via: "WEB", topic: "Faktura 12/2026", at });
  });

  it("from a site's form (urlencoded, a wall-clock time on the organisation's clock), readable by the widget's sites only", async () => {
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date(Date.now() + 2 * 86_400_000));
    const r = await fromSite(idleKey, { phone: nextNumber(), name: "Fryderyk Formularz", topic: "Oferta", at: `${day}T10:15` });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("http://shop.test");
    expect(r.body).toMatchObject({ ok: true, id: expect.any(String) });
    const i = await db().interaction.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(i.data).toMatchObject({ requestedVia: "FORM", topic: "Oferta" });
    const wall = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", hour: "2-digit", minute: "2-digit" }).format(new Date(r.body.at));
    expect(wall).toBe("10:15");

    const json = await fromSite(idleKey, { phone: nextNumber() }, { json: true });
    expect(json.body).toMatchObject({ ok: true, at: null });

    const preflight = await fetch(`${server.url}/api/widgets/${idleKey}/callback`, { method: "OPTIONS", headers: { origin: "http://shop.test" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("POST");

    const evil = await fromSite(idleKey, { phone: nextNumber() }, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(evil.body).toMatchObject({ ok: false, reason: "ORIGIN" });
    const missing = await fromSite("no-such-widget-key", { phone: nextNumber() });
    expect(missing.status).toBe(404);
  });

  it("refuses a bad number and a bad time, every field at once, in words", async () => {
    const both = await fromWidget(idleKey, { phone: "601 abc", at: inMinutes(-10) });
    expect(both.status).toBe(422);
    expect(fieldsOf(both.body)).toEqual(["input.at:past", "input.phone:invalid_format"]);
    expect(both.body.message).toMatch(/country code/);

    const noCountry = await fromSite(idleKey, { phone: "601 200 300" });
    expect(noCountry.status).toBe(422);
    expect(noCountry.body).toMatchObject({ ok: false, code: "INVALID_INPUT", error: expect.stringMatching(/phone number with its country code/) });
    expect(fieldsOf(noCountry.body)).toEqual(["input.phone:invalid_format"]);

    const tooFar = await fromWidget(idleKey, { phone: nextNumber(), at: inMinutes(15 * 24 * 60) });
    expect(fieldsOf(tooFar.body)).toEqual(["input.at:too_far"]);
    expect(tooFar.body.message).toMatch(/14 days/);
    const notATime = await fromSite(idleKey, { phone: nextNumber(), at: "jutro rano" });
    expect(fieldsOf(notATime.body)).toEqual(["input.at:invalid_date"]);
    // A minute ago is "now": the visitor picked it a moment before sending.
    expect((await fromWidget(idleKey, { phone: nextNumber(), at: inMinutes(-0.5) })).body).toMatchObject({ ok: true, at: null });
  });

  it("refuses numbers we may not call: blocked, or outside the organisation's rules for calls out", async () => {
    const blocked = e164(nextNumber());
    await db().blockedNumber.create({ data: { organizationId: org.id, number: blocked, reason: "abuse" } });
    const r = await fromWidget(idleKey, { phone: blocked });
    expect(r.status).toBe(422);
    expect(fieldsOf(r.body)).toEqual(["input.phone:blocked"]);
    // Warsaw's default rules: Polish numbers only, premium-rate ranges never.
    expect(fieldsOf((await fromWidget(idleKey, { phone: "+1 212 555 0100" })).body)).toEqual(["input.phone:not_callable"]);
    expect(fieldsOf((await fromWidget(idleKey, { phone: "+48 700 123 456" })).body)).toEqual(["input.phone:not_callable"]);
  });

  it("refuses a second call-back to a number that already has one waiting in the queue", async () => {
    const phone = nextNumber();
    expect((await fromWidget(idleKey, { phone, at: inMinutes(30) })).status).toBe(200);
    const again = await fromSite(idleKey, { phone: e164(phone) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ ok: false, reason: "CALLBACK_PENDING", error: expect.stringMatching(/already waiting/), at: expect.any(String) });
    expect(await db().interaction.count({ where: { direction: "OUTBOUND", data: { path: ["phone"], equals: e164(phone) } } })).toBe(1);
  });

  it("takes five requests an hour from one address; the sixth is refused with a readable answer", async () => {
    const ip = nextIp();
    for (let n = 0; n < 5; n++) expect((await fromSite(idleKey, { phone: nextNumber() }, { ip })).status).toBe(200);
    const sixth = await fromSite(idleKey, { phone: nextNumber() }, { ip });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({
      ok: false,
      reason: "TOO_MANY_CALLBACKS",
      error: expect.stringMatching(/Too many call-back requests; try again in \d+ minutes/),
    });
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(3000);
    // The widget's door counts the same address.
    expect((await fromWidget(idleKey, { phone: nextNumber() }, { ip })).status).toBe(429);
    // Another address is not held back.
    expect((await fromSite(idleKey, { phone: nextNumber() })).status).toBe(200);
  });

  it("takes five an hour from one widget visitor, whatever their address", async () => {
    const visitor = new VisitorClient(server.url);
    await visitor.start(idleKey, { name: "Wiktor", email: "wiktor@example.com", message: "Hej" });
    for (let n = 0; n < 5; n++) expect((await fromWidget(idleKey, { phone: nextNumber() }, { token: visitor.token })).status).toBe(200);
    const sixth = await fromWidget(idleKey, { phone: nextNumber() }, { token: visitor.token });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ reason: "TOO_MANY_CALLBACKS" });
  });

  it("a call-back due later does not make the queue full", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: agent.id }], { maxQueueLength: 1 });
    const key = (await makeWidget(server.app, org, queue.id)).key;
    expect((await fromWidget(key, { phone: nextNumber(), at: inMinutes(60) })).status).toBe(200);
    await ready(server.app, org, agent.id);
    const first = await startChat(key, { name: "Ala", email: "ala@example.com", message: "1" }, deps());
    expect(first.state).toBe("QUEUED");
    // The limit itself still holds for what is waiting (or offered) now.
    const second = await startChat(key, { name: "Ola", email: "ola@example.com", message: "2" }, deps());
    expect(second.state).toBe("FULL");
  });
});

describe("offering a call-back", () => {
  it("is not offered before its time and is offered by the router's tick once due; the agent sees why", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
    const key = (await makeWidget(server.app, org, queue.id)).key;
    await ready(server.app, org, agent.id);
    const at = new Date(Date.now() + 3000).toISOString();
    const r = await fromWidget(key, { phone: nextNumber(), topic: "Zwrot", at });
    expect(r.status).toBe(200);
    await server.workers.router.pass();
    const item = () => db().queueItem.findUniqueOrThrow({ where: { interactionId: r.body.id } });
    expect(await item()).toMatchObject({ state: "WAITING", offeredToId: null });

    const deadline = Date.now() + 10_000;
    while ((await item()).state === "WAITING" && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    const offered = await item();
    expect(offered).toMatchObject({ state: "OFFERED", offeredToId: agent.id });
    expect(offered.offeredAt!.getTime()).toBeGreaterThanOrEqual(new Date(at).getTime());

    // What the offer pop-up reads (Offer.interaction.data): why, from where, for when, which try.
    const offer = await db().queueItem.findUniqueOrThrow({ where: { id: offered.id }, include: { interaction: true } });
    expect(offer.interaction.data).toMatchObject({ callback: true, requestedVia: "WEB", topic: "Zwrot", requestedFor: at, attempt: 1, attempts: 3 });
  });

  it("with calls out off here (no phone gateway), the failed call is tried again later", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
    const key = (await makeWidget(server.app, org, queue.id)).key;
    await ready(server.app, org, agent.id);
    const r = await fromWidget(key, { phone: nextNumber() });
    await server.workers.router.pass();
    const item = await db().queueItem.findUniqueOrThrow({ where: { interactionId: r.body.id } });
    // The media role dials on acceptance and, with no gateway, reports 503 at once.
    await acceptOffer(await asViewer(server.app, agent.id), item.id, deps());
    const deadline = Date.now() + 10_000;
    let retry = null;
    while (!retry && Date.now() < deadline) {
      retry = await db().interactionEvent.findFirst({ where: { interactionId: r.body.id, type: "callback_retry_scheduled" } });
      if (!retry) await new Promise((res) => setTimeout(res, 100));
    }
    expect(retry?.data).toMatchObject({ attempt: 2, code: 503, reason: "NETWORK_ERROR" });
  });
});

describe("an unanswered call-back", () => {
  async function setup() {
    const agent = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
    await db().queue.update({ where: { id: queue.id }, data: { callbackRetries: 1, callbackRetryMinutes: 7 } });
    const key = (await makeWidget(server.app, org, queue.id)).key;
    await ready(server.app, org, agent.id);
    const va = await asViewer(server.app, agent.id);
    /** The agent accepts the call-back offered now; its call rings the number (the test is the network). */
    const acceptNext = async (interactionId: string) => {
      await server.workers.router.pass();
      const item = await db().queueItem.findUniqueOrThrow({ where: { interactionId } });
      expect(item).toMatchObject({ state: "OFFERED", offeredToId: agent.id });
      await acceptOffer(va, item.id, withoutDialling());
      return db().call.findFirstOrThrow({ where: { interactionId }, include: { parties: true } });
    };
    return { agent, va, queue, key, acceptNext };
  }

  it("is tried again after the queue's minutes on the same case (busy), and after the last try is left open for a person", async () => {
    const { queue, key, acceptNext } = await setup();
    const r = await fromWidget(key, { phone: nextNumber(), topic: "Reklamacja" });
    const call = await acceptNext(r.body.id);
    expect(call.parties).toContainEqual(expect.objectContaining({ role: "CALLEE", phone: r.body.phone }));

    const before = Date.now();
    await phoneCallEnded(call.id, 486, "Busy Here", deps());
    const first = await db().interaction.findUniqueOrThrow({ where: { id: r.body.id }, include: { events: true } });
    expect(first.state).toBe("ENDED");
    const scheduled = first.events.find((e) => e.type === "callback_retry_scheduled");
    expect(scheduled?.data).toMatchObject({ attempt: 2, code: 486, reason: "BUSY" });

    const retry = await db().interaction.findFirstOrThrow({
      where: { caseId: first.caseId, id: { not: first.id }, direction: "OUTBOUND" },
      include: { queueItem: true },
    });
    expect(retry.data).toMatchObject({ callback: true, phone: r.body.phone, requestedVia: "WEB", topic: "Reklamacja", attempt: 2, attempts: 2 });
    expect(retry.queueItem).toMatchObject({ queueId: queue.id, state: "WAITING" });
    const due = retry.queueItem!.notBefore!.getTime() - before;
    expect(due).toBeGreaterThan(7 * 60_000 - 5_000);
    expect(due).toBeLessThan(7 * 60_000 + 5_000);
    expect(new Date(String((scheduled?.data as { at: string }).at))).toEqual(retry.queueItem!.notBefore);
    // Not before its time, however free the agent is.
    await server.workers.router.pass();
    expect((await db().queueItem.findUniqueOrThrow({ where: { id: retry.queueItem!.id } })).state).toBe("WAITING");
    // A request for the same number meanwhile is the same call-back.
    expect((await fromWidget(key, { phone: r.body.phone })).body).toMatchObject({ reason: "CALLBACK_PENDING" });

    // Its time comes (moved here rather than waited for): the last try, and nobody answers.
    await db().queueItem.update({ where: { id: retry.queueItem!.id }, data: { notBefore: new Date(Date.now() - 1000) } });
    const second = await acceptNext(retry.id);
    await phoneCallEnded(second.id, 480, "Temporarily Unavailable", deps());
    const last = await db().interaction.findUniqueOrThrow({ where: { id: retry.id }, include: { events: true } });
    expect(last.events.find((e) => e.type === "callback_failed")?.data).toMatchObject({ attempt: 2, code: 480, reason: "NO_ANSWER" });
    expect(last.events.some((e) => e.type === "callback_retry_scheduled")).toBe(false);
    expect(await db().interaction.count({ where: { caseId: first.caseId } })).toBe(2);
    const kase = await db().case.findUniqueOrThrow({ where: { id: first.caseId }, include: { status: true } });
    expect(kase.closedAt).toBeNull();
    expect(kase.status.category).toBe("OPEN");
  });

  it("is not tried again when it was answered, nor when the agent hung up while it rang", async () => {
    const { va, key, acceptNext } = await setup();
    const answered = await fromWidget(key, { phone: nextNumber() });
    const call = await acceptNext(answered.body.id);
    await phoneCallAnswered(call.id, deps());
    await phoneCallEnded(call.id, 486, "", deps());
    const a = await db().interaction.findUniqueOrThrow({ where: { id: answered.body.id }, include: { events: true } });
    expect(a.events.map((e) => e.type)).not.toContain("callback_retry_scheduled");
    expect(a.events.map((e) => e.type)).not.toContain("callback_failed");
    expect(await db().interaction.count({ where: { caseId: a.caseId } })).toBe(1);

    const cancelled = await fromWidget(key, { phone: nextNumber() });
    const ringing = await acceptNext(cancelled.body.id);
    await hangUp(va, ringing.id, deps());
    // The network's confirmation of our CANCEL comes after: it changes nothing.
    await phoneCallEnded(ringing.id, 487, "Request Terminated", deps());
    const c = await db().interaction.findUniqueOrThrow({ where: { id: cancelled.body.id }, include: { events: true } });
    expect(c.state).toBe("ENDED");
    expect(c.events.map((e) => e.type)).not.toContain("callback_retry_scheduled");
    expect(await db().interaction.count({ where: { caseId: c.caseId } })).toBe(1);
  });

  it("is given up at once when the number does not exist", async () => {
    const { key, acceptNext } = await setup();
    const r = await fromWidget(key, { phone: nextNumber() });
    const call = await acceptNext(r.body.id);
    await phoneCallEnded(call.id, 404, "Not Found", deps());
    const i = await db().interaction.findUniqueOrThrow({ where: { id: r.body.id }, include: { events: true } });
    expect(i.events.find((e) => e.type === "callback_failed")?.data).toMatchObject({ attempt: 1, code: 404, reason: "NUMBER_UNKNOWN" });
    expect(await db().interaction.count({ where: { caseId: i.caseId } })).toBe(1);
  });
});
