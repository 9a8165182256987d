// The SMS channel end to end against a real SMSC on loopback (tests/support/smsc.ts): the worker
// binds the account, texts from customers become cases the ACD routes (long ones joined from parts
// that come out of order, twice, or never all), replies go out through the outbox with each part's
// receipt on the message, a provider that refuses, drops the link or hangs loses nothing, and
// STOP / СТОП opt a number out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { joinStaleParts } from "../../domain/sms/receive-sms.ts";
import { replyBySms } from "../../domain/sms/reply-by-sms.ts";
import { encodeGsm, encodeUcs2 } from "../../domain/sms/sms-text.ts";
import { type SmsLinks, startSmsLinks } from "../../lib/sms/sms-links.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { TestSmsc, UNDELIVERABLE } from "../support/smsc.ts";
import { boundSmsLine } from "../support/sms-line.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";
import { until } from "../support/until.ts";

const OUR_NUMBER = "+48221230000";
const POLISH_LONG =
  "Dzień dobry, nie dostałem jeszcze zwrotu za zamówienie 4471, choć kurier odebrał paczkę tydzień temu. Proszę o informację, kiedy pieniądze wrócą na konto. Z góry dziękuję, Józef Żółć.";
const RUSSIAN_LONG =
  "Здравствуйте! Ваш возврат по заказу 4471 оформлен: деньги поступят на счёт в течение трёх рабочих дней. Если будут вопросы, просто ответьте на это сообщение. Хорошего дня!";

let smsc: TestSmsc;
let server: TestServer;
let org: TestOrg;
let queueId: string;
let agentId: string;
let accountId: string;
let links: SmsLinks;

const db = () => server.app.db.prisma;
const deps = () => server.app.deps;

beforeAll(async () => {
  smsc = await new TestSmsc().start();
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  // Each test drives its own links (round, send) instead of the worker's timers.
  await server.workers.sms.stop();
  org = await makeOrg(server.app);
  agentId = (await makeUser(server.app, org, "AGENT")).id;
  queueId = (await makeQueue(server.app, org, [{ userId: agentId }], { channels: ["SMS"] })).id;
  ({ accountId, links } = await boundSmsLine(server.app, smsc, { organizationId: org.id, queueId, number: OUR_NUMBER }));
});
afterAll(async () => {
  await links?.stop();
  await server?.close();
  await smsc?.close();
});
beforeEach(() => {
  smsc.dropAt = 0;
});

const customer = (n: number) => `4860${String(n).padStart(7, "0")}`;
const mo = (from: string, fields: { short_message: Buffer; esm_class?: number; data_coding?: number }) =>
  smsc.deliver({ source_addr: from, destination_addr: OUR_NUMBER.slice(1), esm_class: 0, data_coding: 0, ...fields });
const inbound = (from: string) =>
  db().smsMessage.findMany({
    where: { organizationId: org.id, customerNumber: `+${from}`, direction: "INBOUND" },
    include: { message: true },
    orderBy: { createdAt: "asc" },
  });
const udh = (ref: number, total: number, seq: number) => Buffer.from([5, 0, 3, ref, total, seq]);

describe("SMS into cases", () => {
  it("a Polish long text in parts, out of order and one delivered twice, becomes one case in the SMS queue", async () => {
    const from = customer(1);
    const bytes = encodeUcs2(POLISH_LONG);
    const parts = [bytes.subarray(0, 134), bytes.subarray(134, 268), bytes.subarray(268)];
    expect(await mo(from, { esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([udh(7, 3, 3), parts[2]!]) })).toBe(0);
    expect(await mo(from, { esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([udh(7, 3, 1), parts[0]!]) })).toBe(0);
    expect(await mo(from, { esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([udh(7, 3, 1), parts[0]!]) })).toBe(0);
    expect(await inbound(from)).toHaveLength(0);
    expect(await mo(from, { esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([udh(7, 3, 2), parts[1]!]) })).toBe(0);
    // A part delivered again after the join is known, not a new message.
    expect(await mo(from, { esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([udh(7, 3, 2), parts[1]!]) })).toBe(0);
    const got = await inbound(from);
    expect(got).toHaveLength(1);
    expect(got[0]!.message.body).toBe(POLISH_LONG);
    expect(got[0]!).toMatchObject({ state: "RECEIVED", coding: "UCS2", parts: 3, ownNumber: OUR_NUMBER, accountId });
    const kase = await db().case.findUniqueOrThrow({ where: { id: got[0]!.message.caseId }, include: { contact: { include: { identities: true } } } });
    expect(kase).toMatchObject({ channel: "SMS", queueId });
    expect(kase.subject).toMatch(/^SMS: Dzień dobry/);
    expect(kase.contact?.identities.map((i) => i.value)).toEqual([`+${from}`]);
    const items = await db().queueItem.findMany({ where: { queueId, interaction: { caseId: kase.id } } });
    expect(items.map((i) => [i.channel, i.state])).toEqual([["SMS", "WAITING"]]);
  });

  it("a second text within the window continues the case; the agent's Russian reply goes out whole, every part delivered", async () => {
    const from = customer(2);
    await mo(from, { short_message: Buffer.from(encodeGsm("Gdzie jest moja paczka?")) });
    await mo(from, { short_message: Buffer.from(encodeGsm("Numer zamowienia 4471")) });
    const got = await inbound(from);
    expect(got).toHaveLength(2);
    expect(got[1]!.message.caseId).toBe(got[0]!.message.caseId);
    const caseId = got[0]!.message.caseId;
    expect(await db().interaction.count({ where: { caseId, channel: "SMS" } })).toBe(1);

    const reply = await replyBySms(await asViewer(server.app, agentId), { caseId, body: RUSSIAN_LONG }, deps());
    await links.send();
    expect(smsc.texts(from)).toEqual([RUSSIAN_LONG]);
    await until("delivered", async () => (await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } })).state === "DELIVERED");
    const sms = await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id }, include: { partsSent: { orderBy: { seq: "asc" } } } });
    expect(sms).toMatchObject({ direction: "OUTBOUND", customerNumber: `+${from}`, ownNumber: OUR_NUMBER, coding: "UCS2", parts: 3, error: "" });
    expect(sms.partsSent.map((p) => [p.seq, p.state])).toEqual([
      [1, "DELIVERED"],
      [2, "DELIVERED"],
      [3, "DELIVERED"],
    ]);
    expect(sms.deliveredAt).not.toBeNull();
  });

  it("an SMSC that answers sends with hex ids and names them in decimal in its receipts: every part still delivered", async () => {
    smsc.hexIdsDecimalReceipts = true;
    try {
      const from = customer(9);
      await mo(from, { short_message: Buffer.from(encodeGsm("Halo")) });
      const [first] = await inbound(from);
      const reply = await replyBySms(await asViewer(server.app, agentId), { caseId: first!.message.caseId, body: RUSSIAN_LONG }, deps());
      await links.send();
      await until("delivered", async () => (await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } })).state === "DELIVERED");
      const parts = await db().smsPart.findMany({ where: { smsMessageId: reply.id }, orderBy: { seq: "asc" } });
      expect(parts.map((p) => p.state)).toEqual(["DELIVERED", "DELIVERED", "DELIVERED"]);
      // No receipt was left without its part.
      expect(await db().smsPart.count({ where: { accountId, smsMessageId: null } })).toBe(0);
    } finally {
      smsc.hexIdsDecimalReceipts = false;
    }
  });

  it("an undeliverable reply fails with the provider's reason; a refused number fails at once; both are kept", async () => {
    const viewer = await asViewer(server.app, agentId);
    await mo(UNDELIVERABLE, { short_message: Buffer.from(encodeGsm("Halo?")) });
    const [first] = await inbound(UNDELIVERABLE);
    const reply = await replyBySms(viewer, { caseId: first!.message.caseId, body: "Oddzwonimy jutro." }, deps());
    await links.send();
    await until("failed", async () => (await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } })).state === "FAILED");
    expect((await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } })).error).toBe("UNDELIV err:001");

    // The SMSC refuses the number "000" outright (ESME_RINVDSTADR): no retry.
    const refused = await replyBySms(viewer, { caseId: first!.message.caseId, body: "Test" }, deps());
    await db().smsMessage.update({ where: { id: refused.id }, data: { customerNumber: "000" } });
    await links.send();
    const r = await db().smsMessage.findUniqueOrThrow({ where: { id: refused.id } });
    expect(r).toMatchObject({ state: "FAILED", attempts: 1 });
    expect(r.error).toMatch(/refused/);
  });

  it("a provider that drops the link mid-send: the reply waits in the outbox and goes out once, when it is back", async () => {
    const from = customer(3);
    await mo(from, { short_message: Buffer.from(encodeGsm("Prosze o kontakt")) });
    const [first] = await inbound(from);
    const reply = await replyBySms(await asViewer(server.app, agentId), { caseId: first!.message.caseId, body: "Już dzwonimy." }, deps());
    smsc.dropAt = 1;
    await links.send();
    // Resent on the new bind within the same send; else retried later: either way exactly one copy arrives.
    let sms = await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } });
    if (sms.state === "QUEUED") {
      expect(sms.attempts).toBe(1);
      await db().smsMessage.update({ where: { id: reply.id }, data: { nextAttemptAt: new Date() } });
      await links.send();
      sms = await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } });
    }
    expect(["SENT", "DELIVERED"]).toContain(sms.state);
    expect(smsc.texts(from)).toEqual(["Już dzwonimy."]);
  });

  it("a message some of whose parts never come is kept, joined with what came and the gap marked", async () => {
    const from = customer(4);
    const bytes = encodeGsm("a".repeat(153) + "b".repeat(153) + "c".repeat(20));
    await mo(from, { esm_class: 0x40, short_message: Buffer.concat([udh(9, 3, 1), Buffer.from(bytes.subarray(0, 153))]) });
    await mo(from, { esm_class: 0x40, short_message: Buffer.concat([udh(9, 3, 3), Buffer.from(bytes.subarray(306))]) });
    expect(await inbound(from)).toHaveLength(0);
    await db().smsInboundPart.updateMany({ where: { fromNumber: `+${from}` }, data: { receivedAt: new Date(Date.now() - 2 * 3_600_000) } });
    expect((await joinStaleParts(deps())).joined).toBe(1);
    const [sms] = await inbound(from);
    expect(sms!.missingParts).toEqual([2]);
    expect(sms!.message.body).toBe(`${"a".repeat(153)} […] ${"c".repeat(20)}`);
  });

  it("STOP / СТОП opts the number out (recorded, not routed), a reply is refused; START opts back in", async () => {
    const from = customer(5);
    await mo(from, { short_message: Buffer.from(encodeGsm("Ile kosztuje abonament?")) });
    const [first] = await inbound(from);
    const caseId = first!.message.caseId;
    await mo(from, { data_coding: 8, short_message: Buffer.from(encodeUcs2("СТОП")) });
    const optOut = await db().smsOptOut.findUniqueOrThrow({ where: { organizationId_number: { organizationId: org.id, number: `+${from}` } } });
    expect(optOut.keyword).toBe("СТОП");
    expect(optOut.messageId).not.toBeNull();
    const viewer = await asViewer(server.app, agentId);
    await expect(replyBySms(viewer, { caseId, body: "Cennik w załączniku" }, deps())).rejects.toMatchObject({
      code: "CONFLICT",
      details: { reason: "SMS_OPTED_OUT" },
    });
    await mo(from, { short_message: Buffer.from(encodeGsm("START")) });
    expect(await db().smsOptOut.count({ where: { organizationId: org.id, number: `+${from}` } })).toBe(0);
    await expect(replyBySms(viewer, { caseId, body: "Cennik: 49 zł" }, deps())).resolves.toBeTruthy();
  });
});

describe("SMS links in a cluster", () => {
  it("one node holds an account's link; when it stops, another binds and sends what waited", async () => {
    const other = startSmsLinks(server.app, { roundMs: 3_600_000 });
    try {
      await other.round();
      expect(links.held()).toEqual([accountId]);
      expect(other.held()).toEqual([]);
      const from = customer(7);
      await mo(from, { short_message: Buffer.from(encodeGsm("Halo, jest tam ktos?")) });
      const [first] = await inbound(from);
      await links.stop();
      // Written while no node holds the link: it waits in the outbox.
      const reply = await replyBySms(await asViewer(server.app, agentId), { caseId: first!.message.caseId, body: "Tak, słucham." }, deps());
      await other.round();
      expect(other.held()).toEqual([accountId]);
      await until("sent by the other node", async () => {
        await other.send();
        return (await db().smsMessage.findUniqueOrThrow({ where: { id: reply.id } })).state !== "QUEUED";
      });
      expect(smsc.texts(from)).toEqual(["Tak, słucham."]);
    } finally {
      // The rest of the file goes on with a link of its own.
      await other.stop();
      links = startSmsLinks(server.app, { roundMs: 3_600_000 });
      await links.round();
    }
  });
});

describe("SMS through the API", () => {
  const signedIn = async (role: "AGENT" | "ADMIN") => {
    const u = await makeUser(server.app, org, role);
    const s = new TestSession(server.url);
    await s.signIn(u.username, PASSWORD);
    return { s, id: u.id };
  };

  it("admins manage accounts (the password write-only, every change audited) and numbers; agents cannot", async () => {
    const { s: admin } = await signedIn("ADMIN");
    const saved = await admin.ok(`mutation($input: SmsAccountInput!) { saveSmsAccount(input: $input) { id name hasSecret status ratePerSecond } }`, {
      input: { name: "Backup SMSC", host: "127.0.0.1", port: 1, systemId: "backup", secret: "pw", ratePerSecond: 5, active: false },
    });
    expect(saved.saveSmsAccount).toMatchObject({ name: "Backup SMSC", hasSecret: true, status: "OFF", ratePerSecond: 5 });
    const stored = await db().smsAccount.findUniqueOrThrow({ where: { id: saved.saveSmsAccount.id } });
    expect(stored.secret).not.toContain("pw");
    expect(deps().secrets.open(stored.secret)).toBe("pw");
    const secretField = await admin.gql(`{ smsAccounts { secret } }`);
    expect(secretField.errors?.length).toBeTruthy();

    const bad = await admin.gql(`mutation($input: SmsNumberInput!) { saveSmsNumber(input: $input) { id } }`, {
      input: { number: "601 234", accountId: saved.saveSmsAccount.id, queueId },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    const number = await admin.ok(`mutation($input: SmsNumberInput!) { saveSmsNumber(input: $input) { number threadHours account { name } queue { id } } }`, {
      input: { number: "+48 22 765 43 21", accountId: saved.saveSmsAccount.id, queueId, threadHours: 24 },
    });
    expect(number.saveSmsNumber).toEqual({ number: "+48227654321", threadHours: 24, account: { name: "Backup SMSC" }, queue: { id: queueId } });
    const inUse = await admin.gql(`mutation($id: ID!) { deleteSmsAccount(id: $id) }`, { id: saved.saveSmsAccount.id });
    expect(inUse.errors?.[0]?.extensions?.reason).toBe("IN_USE");
    const audit = await db().auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "sms_" } }, select: { action: true, data: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["sms_account.created", "sms_number.created"]);
    expect(JSON.stringify(audit)).not.toContain('"pw"');

    const { s: agent } = await signedIn("AGENT");
    const refused = await agent.gql(`{ smsAccounts { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("an agent replies by SMS on a case and sees the message's delivery; a case they may not see is refused", async () => {
    const from = customer(6);
    await mo(from, { short_message: Buffer.from(encodeGsm("Czy mozna zmienic termin?")) });
    const [first] = await inbound(from);
    const caseId = first!.message.caseId;
    const { s: agent, id } = await signedIn("AGENT");
    await db().case.update({ where: { id: caseId }, data: { assigneeId: id } });
    const sent = await agent.ok(
      `mutation($caseId: ID!, $body: String!) { replyBySms(caseId: $caseId, body: $body) { id sms { state coding parts customerNumber } } }`,
      {
        caseId,
        body: "Tak, proszę podać nowy termin.",
      },
    );
    expect(sent.replyBySms.sms).toEqual({ state: "QUEUED", coding: "UCS2", parts: 1, customerNumber: `+${from}` });
    await links.send();
    await until("delivered", async () => (await db().smsMessage.findUniqueOrThrow({ where: { id: sent.replyBySms.id } })).state === "DELIVERED");
    const read = await agent.ok(`query($id: ID!) { case(id: $id) { messages { body sms { direction state } } } }`, { id: caseId });
    expect(read.case.messages.map((m: { sms: unknown }) => m.sms)).toEqual([
      { direction: "INBOUND", state: "RECEIVED" },
      { direction: "OUTBOUND", state: "DELIVERED" },
    ]);
    const { s: stranger } = await signedIn("AGENT");
    const refused = await stranger.gql(`mutation($caseId: ID!) { replyBySms(caseId: $caseId, body: "x") { id } }`, { caseId });
    expect(["FORBIDDEN", "NOT_FOUND"]).toContain(refused.errors?.[0]?.extensions?.code);
  });
});

describe("SMS opt-outs beside the do-not-call list", () => {
  it("a supervisor sees who texted STOP (and the case), adds numbers on a customer's word, and a queued reply to one is never sent", async () => {
    const from = customer(70);
    await mo(from, { short_message: Buffer.from(encodeGsm("Czesc")) });
    const [first] = await inbound(from);
    await mo(from, { short_message: Buffer.from(encodeGsm("STOP")) });
    const supervisor = await makeUser(server.app, org, "SUPERVISOR");
    const s = new TestSession(server.url);
    await s.signIn(supervisor.username, PASSWORD);
    const list = `query($search: String) { smsOptOuts(search: $search) { total items { id number keyword note addedBy caseId } } }`;
    const texted = await s.ok(list, { search: from });
    expect(texted.smsOptOuts.items).toEqual([
      { id: expect.any(String), number: `+${from}`, keyword: "STOP", note: "", addedBy: null, caseId: first!.message.caseId },
    ]);

    // The customer asks by phone: no more texts, also not the reply already waiting in the outbox.
    const other = customer(71);
    await mo(other, { short_message: Buffer.from(encodeGsm("Halo")) });
    const [theirs] = await inbound(other);
    // The link is down while the reply waits (else it would go at once).
    await links.stop();
    const waiting = await replyBySms(await asViewer(server.app, agentId), { caseId: theirs!.message.caseId, body: "Promocja!" }, deps());
    const added = await s.ok(
      `mutation($numbers: [String!]!, $note: String) { addSmsOptOuts(numbers: $numbers, note: $note) { added alreadyListed invalidCount } }`,
      {
        numbers: [`+${other}\n+${from}\nnot a number`],
        note: "Asked on the phone",
      },
    );
    expect(added.addSmsOptOuts).toEqual({ added: 1, alreadyListed: 1, invalidCount: 1 });
    const before = smsc.texts(other).length;
    links = startSmsLinks(server.app, { roundMs: 3_600_000 });
    await links.round();
    await links.send();
    await until("refused", async () => (await db().smsMessage.findUniqueOrThrow({ where: { id: waiting.id } })).state === "FAILED");
    expect((await db().smsMessage.findUniqueOrThrow({ where: { id: waiting.id } })).error).toBe("the number has opted out of SMS");
    expect(smsc.texts(other)).toHaveLength(before);
    const byUser = (await s.ok(list, { search: other })).smsOptOuts.items[0];
    expect(byUser).toMatchObject({ keyword: "", note: "Asked on the phone", addedBy: supervisor.name, caseId: null });

    expect(await s.ok(`mutation($id: ID!) { removeSmsOptOut(id: $id) }`, { id: byUser.id })).toEqual({ removeSmsOptOut: true });
    const audit = await db().auditLog.findMany({
      where: { organizationId: org.id, action: { startsWith: "sms_opt_out." } },
      select: { action: true, targetLabel: true },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["sms_opt_out.added", "sms_opt_out.removed"]);

    const agent = new TestSession(server.url);
    await agent.signIn((await makeUser(server.app, org, "AGENT")).username, PASSWORD);
    expect((await agent.gql(list, {})).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await agent.gql(`mutation { addSmsOptOuts(numbers: ["+48600100200"]) { added } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
