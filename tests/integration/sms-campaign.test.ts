// SMS campaigns end to end against a real SMSC on loopback (tests/support/smsc.ts): an imported
// list is texted from a template through the account's link, in Polish and Russian, numbers that
// opted out or are on the do-not-call list left out; receipts make texts delivered or failed with
// the provider's reason; the pace holds; a paused campaign sends nothing and a stopped one never
// sends what waited; a dropped link loses nothing; an answer opens a case on the campaign's queue
// with the campaign's text on top; the monitor counts it all; agents may do none of it. An account
// an unfinished campaign uses cannot be deleted, and a campaign whose end came completes anyway.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pauseCampaign, resumeCampaign, saveCampaign, startCampaign, stopCampaign } from "../../domain/campaigns/campaigns.ts";
import { campaignFigures } from "../../domain/campaigns/monitor/campaign-figures.ts";
import { campaignResults } from "../../domain/campaigns/monitor/campaign-results.ts";
import { Dialer } from "../../domain/campaigns/dialer/dialer.ts";
import { deleteSmsAccount } from "../../domain/sms/sms-accounts.ts";
import { encodeGsm } from "../../domain/sms/sms-text.ts";
import type { SmsLinks } from "../../lib/sms/sms-links.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { TestSmsc, UNDELIVERABLE } from "../support/smsc.ts";
import { boundSmsLine } from "../support/sms-line.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";
import { until } from "../support/until.ts";

const OUR_NUMBER = "+48221230000";
const TEMPLATE = "Dzień dobry {firstName}, przypominamy o płatności {debt} zł do {due}. Odpowiedz na tę wiadomość, jeśli masz pytania.";
const RUSSIAN = "Здравствуйте, {firstName}! Напоминаем об оплате {debt} до {due}. Ответьте на это сообщение, если есть вопросы.";

let smsc: TestSmsc;
let server: TestServer;
let org: TestOrg;
let adminId: string;
let agentId: string;
let accountId: string;
let links: SmsLinks;
let n = 0;

const db = () => server.app.db.prisma;
const deps = () => server.app.deps;
const admin = () => asViewer(server.app, adminId);

beforeAll(async () => {
  smsc = await new TestSmsc().start();
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  // The test drives the links (round, send) instead of the worker's timers.
  await server.workers.sms.stop();
  org = await makeOrg(server.app);
  adminId = (await makeUser(server.app, org, "ADMIN")).id;
  agentId = (await makeUser(server.app, org, "AGENT")).id;
  const queueId = (await makeQueue(server.app, org, [{ userId: agentId }], { channels: ["SMS"] })).id;
  ({ accountId, links } = await boundSmsLine(server.app, smsc, { organizationId: org.id, queueId, number: OUR_NUMBER }));
}, 180_000);
afterAll(async () => {
  await links?.stop();
  await server?.close();
  await smsc?.close();
});

type Row = { name: string; phone?: string; debt?: string; due?: string };
/** A list imported (as the importer leaves it) with these rows; numbers unique to this test run. */
async function list(rows: Row[]) {
  const l = await db().contactList.create({
    data: { organizationId: org.id, name: `List ${++n}`, status: "READY", fieldNames: ["debt", "due"], fileName: "list.csv", imported: rows.length },
  });
  const phones: string[] = [];
  for (const [i, r] of rows.entries()) {
    const phone = r.phone ?? `+4869${String(n).padStart(3, "0")}${String(i).padStart(4, "0")}`;
    phones.push(phone);
    await db().contactListEntry.create({ data: { listId: l.id, row: i + 2, phone, name: r.name, fields: { debt: r.debt ?? "", due: r.due ?? "" } } });
  }
  return { id: l.id, phones };
}

async function smsCampaign(listId: string, o: { template?: string; perMinute?: number; plain?: boolean; members?: string[] } = {}) {
  const saved = await saveCampaign(
    await admin(),
    null,
    {
      name: `SMS ${++n}`,
      mode: "SMS",
      listIds: [listId],
      smsAccountId: accountId,
      smsTemplate: o.template ?? TEMPLATE,
      smsPerMinute: o.perMinute ?? 600,
      smsPlainLetters: o.plain ?? false,
      members: (o.members ?? [agentId]).map((userId) => ({ userId })),
    },
    deps(),
  );
  await startCampaign(await admin(), saved.campaign.id, deps());
  return saved.campaign;
}

const texts = (campaignId: string) =>
  db().campaignSms.findMany({ where: { campaignId }, include: { contact: true }, orderBy: { contact: { sortKey: "asc" } } });
const bare = (phone: string) => phone.slice(1);

describe("SMS campaigns", () => {
  it("texts every contact from the template (Polish and Russian whole), leaves out opted-out and do-not-call numbers, and counts receipts", async () => {
    const { id: listId, phones } = await list([
      { name: "Józef Żółć", debt: "120,50", due: "15.12" },
      { name: "Anna Nowak", debt: "80", due: "20.12" },
      { name: "Stop Me", debt: "1", due: "1.01" },
      { name: "Do Not Call", debt: "1", due: "1.01" },
      { name: "Gone Away", phone: `+${UNDELIVERABLE}`, debt: "9", due: "2.01" },
    ]);
    await db().smsOptOut.create({ data: { organizationId: org.id, number: phones[2]!, keyword: "STOP" } });
    const c = await smsCampaign(listId);
    // Put on the do-not-call list after enrolment: still left out when its turn comes.
    await db().doNotCallNumber.create({ data: { organizationId: org.id, number: phones[3]! } });
    expect((await db().queue.findUniqueOrThrow({ where: { id: c.queueId } })).channels).toEqual(["SMS"]);

    await links.send();
    expect(smsc.texts(bare(phones[0]!))).toEqual([
      "Dzień dobry Józef, przypominamy o płatności 120,50 zł do 15.12. Odpowiedz na tę wiadomość, jeśli masz pytania.",
    ]);
    expect(smsc.texts(bare(phones[1]!))).toHaveLength(1);
    expect(smsc.texts(bare(phones[2]!))).toEqual([]);
    expect(smsc.texts(bare(phones[3]!))).toEqual([]);
    await until("receipts", async () => (await texts(c.id)).every((t) => t.state === "DELIVERED" || t.state === "FAILED"));
    const rows = await texts(c.id);
    expect(rows.map((t) => [t.customerNumber, t.state, t.coding, t.parts, t.ownNumber])).toEqual([
      [phones[0], "DELIVERED", "UCS2", 2, OUR_NUMBER],
      [phones[1], "DELIVERED", "UCS2", 2, OUR_NUMBER],
      [phones[4], "FAILED", "UCS2", 2, OUR_NUMBER],
    ]);
    expect(rows[2]!.error).toMatch(/UNDELIV/);
    const contacts = await db().campaignContact.findMany({ where: { campaignId: c.id }, orderBy: { sortKey: "asc" } });
    expect(contacts.map((k) => [k.state, k.done])).toEqual([
      ["DONE", "REACHED"],
      ["DONE", "REACHED"],
      ["DONE", "OPTED_OUT"],
      ["DONE", "DO_NOT_CALL"],
      ["DONE", "REACHED"],
    ]);
    // Every contact done: the next round completes it.
    await links.send();
    const figures = await campaignFigures(await admin(), c.id, db(), new Date());
    expect(figures.status).toBe("COMPLETED");
    expect(figures.texts).toEqual({ queued: 0, sent: 0, delivered: 2, failed: 1, parts: 6, replies: 0, deliveryPercent: 66.7 });
    expect(figures.contacts.doneBy).toEqual(expect.arrayContaining([{ reason: "OPTED_OUT", count: 1 }]));
    // The results export: each contact's text and what became of it.
    const sheet = await campaignResults(await admin(), c.id, db(), { format: "csv" });
    expect(sheet.header.slice(0, 12)).toEqual([
      "phone",
      "name",
      "list",
      "state",
      "done",
      "text",
      "smsState",
      "smsError",
      "parts",
      expect.stringMatching(/^sentAt \(/),
      expect.stringMatching(/^deliveredAt \(/),
      expect.stringMatching(/^repliedAt \(/),
    ]);
    expect(sheet.header.slice(12)).toEqual(["debt", "due"]);
    const out: string[][] = [];
    for await (const batch of sheet.rows()) out.push(...batch);
    const first = out.find((r) => r[0] === phones[0])!;
    expect(first.slice(3, 9)).toEqual([
      "DONE",
      "REACHED",
      "Dzień dobry Józef, przypominamy o płatności 120,50 zł do 15.12. Odpowiedz na tę wiadomość, jeśli masz pytania.",
      "DELIVERED",
      "",
      "2",
    ]);
    expect(first[10]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(out.find((r) => r[0] === phones[4])!.slice(6, 8)).toEqual(["FAILED", expect.stringMatching(/^part \d: UNDELIV err:001/)]);
    expect(out.find((r) => r[0] === phones[2])!.slice(4, 7)).toEqual(["OPTED_OUT", "", ""]);
  });

  it("Russian goes whole; plain letters make a Polish text GSM 7-bit (fewer parts)", async () => {
    const ru = await list([{ name: "Иван Петров", debt: "1 500 ₽", due: "15.12" }]);
    const c1 = await smsCampaign(ru.id, { template: RUSSIAN });
    const pl = await list([{ name: "Józef Żółć", debt: "120,50", due: "15.12" }]);
    const c2 = await smsCampaign(pl.id, { plain: true });
    await links.send();
    expect(smsc.texts(bare(ru.phones[0]!))).toEqual([
      "Здравствуйте, Иван! Напоминаем об оплате 1 500 ₽ до 15.12. Ответьте на это сообщение, если есть вопросы.",
    ]);
    expect(smsc.texts(bare(pl.phones[0]!))).toEqual([
      "Dzien dobry Jozef, przypominamy o platnosci 120,50 zl do 15.12. Odpowiedz na te wiadomosc, jesli masz pytania.",
    ]);
    expect((await texts(c2.id))[0]).toMatchObject({ coding: "GSM7", parts: 1 });
    expect((await texts(c1.id))[0]).toMatchObject({ coding: "UCS2", parts: 2 });
  });

  it("keeps to its pace: a tick's share of the minute, never more than the minute's", async () => {
    const { id: listId } = await list(Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, debt: "1", due: "1" })));
    const c = await smsCampaign(listId, { perMinute: 2 });
    await links.send();
    expect(await db().campaignSms.count({ where: { campaignId: c.id } })).toBe(1);
    await links.send();
    expect(await db().campaignSms.count({ where: { campaignId: c.id } })).toBe(2);
    // Two handed over within the minute: nothing more until it has passed.
    await links.send();
    expect(await db().campaignSms.count({ where: { campaignId: c.id } })).toBe(2);
    await db().campaignSms.updateMany({ where: { campaignId: c.id }, data: { lastAttemptAt: new Date(Date.now() - 61_000) } });
    await links.send();
    expect(await db().campaignSms.count({ where: { campaignId: c.id } })).toBe(3);
    await stopCampaign(await admin(), c.id, deps());
  });

  it("paused sends nothing, resumed goes on; stopped never sends what waited for a retry", async () => {
    const { id: listId, phones } = await list([
      { name: "A", debt: "1", due: "1" },
      { name: "B", debt: "1", due: "1" },
    ]);
    const c = await smsCampaign(listId);
    await pauseCampaign(await admin(), c.id, deps());
    await links.send();
    expect(await db().campaignSms.count({ where: { campaignId: c.id } })).toBe(0);
    await resumeCampaign(await admin(), c.id, deps());
    // The first goes; the second meets a dropped link and waits for its retry.
    smsc.dropAt = 2;
    await links.send();
    smsc.dropAt = 0;
    const rows = await texts(c.id);
    expect(rows).toHaveLength(2);
    const waiting = rows.filter((t) => t.state === "QUEUED");
    // The client resends on the new bind within the same send, or the text waits: never lost, never twice.
    for (const t of waiting) expect(t.contact.state).toBe("DIALLING");
    await stopCampaign(await admin(), c.id, deps());
    await db().campaignSms.updateMany({ where: { campaignId: c.id }, data: { nextAttemptAt: new Date() } });
    await links.send();
    const after = await texts(c.id);
    for (const t of after.filter((x) => waiting.some((w) => w.id === x.id)))
      expect(t).toMatchObject({ state: "FAILED", error: "not sent: the campaign was stopped" });
    for (const p of phones) expect(smsc.texts(bare(p)).length).toBeLessThanOrEqual(1);
    expect(after.filter((t) => t.state !== "FAILED").every((t) => smsc.texts(bare(t.customerNumber)).length === 1)).toBe(true);
  });

  it("a dropped link mid-campaign: every text arrives (SMPP has no idempotency: one whose answer was lost may come twice)", async () => {
    const { id: listId, phones } = await list(Array.from({ length: 8 }, (_, i) => ({ name: `D${i}`, debt: "1", due: "1" })));
    const c = await smsCampaign(listId, { template: "Reminder {name}: {debt} due {due}." });
    smsc.dropAt = 4;
    await links.send();
    smsc.dropAt = 0;
    for (let i = 0; i < 10 && (await db().campaignSms.count({ where: { campaignId: c.id, state: "QUEUED" } })); i++) {
      await db().campaignSms.updateMany({ where: { campaignId: c.id, state: "QUEUED" }, data: { nextAttemptAt: new Date() } });
      await links.send();
    }
    // Those in flight when the link dropped (answered, the answer lost) are submitted once more on the new bind.
    for (const p of phones) expect(smsc.texts(bare(p)).length).toBeOneOf([1, 2]);
    expect(await db().campaignContact.count({ where: { campaignId: c.id, done: "REACHED" } })).toBe(8);
    expect(await db().campaignSms.count({ where: { campaignId: c.id, state: { in: ["SENT", "DELIVERED"] } } })).toBe(8);
  });

  it("an account an unfinished campaign texts through cannot be deleted; a campaign whose end came completes even with its account off", async () => {
    const { id: listId } = await list([{ name: "E", debt: "1", due: "1" }]);
    const c = await smsCampaign(listId);
    await expect(deleteSmsAccount(await admin(), accountId, deps())).rejects.toMatchObject({ code: "CONFLICT" });
    await db().smsAccount.update({ where: { id: accountId }, data: { active: false } });
    try {
      await db().campaign.update({ where: { id: c.id }, data: { endsAt: new Date(Date.now() - 1000) } });
      await new Dialer(deps()).pass();
      const after = await db().campaign.findUniqueOrThrow({ where: { id: c.id } });
      expect(after.status).toBe("COMPLETED");
      expect(await db().campaignContact.findMany({ where: { campaignId: c.id }, select: { done: true } })).toEqual([{ done: "NO_WINDOW" }]);
    } finally {
      await db().smsAccount.update({ where: { id: accountId }, data: { active: true } });
    }
  });

  it("an answer opens a case on the campaign's queue with the campaign's text on top; the monitor counts it", async () => {
    const { id: listId, phones } = await list([{ name: "Marek Kowal", debt: "50", due: "3.01" }]);
    const c = await smsCampaign(listId, { template: "Hello {firstName}, {debt} due {due}. Reply with questions." });
    await links.send();
    expect(
      await smsc.deliver({
        source_addr: bare(phones[0]!),
        destination_addr: bare(OUR_NUMBER),
        esm_class: 0,
        data_coding: 0,
        short_message: Buffer.from(encodeGsm("Can I pay next week?")),
      }),
    ).toBe(0);
    const [text] = await texts(c.id);
    expect(text!.replyCaseId).toBeTruthy();
    const kase = await db().case.findUniqueOrThrow({ where: { id: text!.replyCaseId! }, include: { messages: { orderBy: { createdAt: "asc" } } } });
    expect(kase).toMatchObject({ channel: "SMS", queueId: c.queueId });
    // The number was new to us: its contact is the list's person, named as in the list.
    expect(await db().contact.findUniqueOrThrow({ where: { id: kase.contactId! }, select: { firstName: true, lastName: true } })).toEqual({
      firstName: "Marek",
      lastName: "Kowal",
    });
    expect(kase.messages.map((m) => [m.authorType, m.body])).toEqual([
      ["SYSTEM", `${c.name}: Hello Marek, 50 due 3.01. Reply with questions.`],
      ["CONTACT", "Can I pay next week?"],
    ]);
    const items = await db().queueItem.findMany({ where: { queueId: c.queueId, interaction: { caseId: kase.id } } });
    expect(items.map((i) => [i.channel, i.state])).toEqual([["SMS", "WAITING"]]);
    // A second answer continues the same case.
    await smsc.deliver({
      source_addr: bare(phones[0]!),
      destination_addr: bare(OUR_NUMBER),
      esm_class: 0,
      data_coding: 0,
      short_message: Buffer.from(encodeGsm("Thanks")),
    });
    expect(await db().message.count({ where: { caseId: kase.id } })).toBe(3);
    expect((await campaignFigures(await admin(), c.id, db(), new Date())).texts.replies).toBe(1);
  });

  it("settings are checked, the kind is fixed once run, and agents may do none of it (through the API)", async () => {
    const adminUser = await db().user.findUniqueOrThrow({ where: { id: adminId } });
    const session = new TestSession(server.url);
    await session.signIn(adminUser.username, PASSWORD);
    const { id: listId } = await list([{ name: "X", debt: "1", due: "1" }]);
    const SAVE = `mutation($id: ID, $input: CampaignInput!) { saveCampaign(id: $id, input: $input) { campaign { id mode smsTemplate smsPerMinute queue { channels } } } }`;
    const missing = await session.gql(SAVE, { input: { name: "No account", mode: "SMS", listIds: [listId], smsTemplate: "Hi" } });
    expect(missing.errors?.[0]?.extensions?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: "input.smsAccountId" })]));
    const long = await session.gql(SAVE, {
      input: { name: "Too long", mode: "SMS", listIds: [listId], smsAccountId: accountId, smsTemplate: "ż".repeat(500) },
    });
    expect(long.errors?.[0]?.extensions?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: "input.smsTemplate" })]));
    const ok = await session.ok(SAVE, {
      input: { name: "Reminders", mode: "SMS", listIds: [listId], smsAccountId: accountId, smsTemplate: "Hi {name}", smsPerMinute: 120 },
    });
    expect(ok.saveCampaign.campaign).toMatchObject({ mode: "SMS", smsTemplate: "Hi {name}", smsPerMinute: 120, queue: { channels: ["SMS"] } });
    const id = ok.saveCampaign.campaign.id;
    await session.ok(`mutation($id: ID!) { startCampaign(id: $id) { campaign { id status } } }`, { id });
    const switched = await session.gql(SAVE, { id, input: { name: "Reminders", mode: "PROGRESSIVE", listIds: [listId] } });
    expect(switched.errors?.[0]?.extensions?.reason).toBe("CAMPAIGN_KIND_FIXED");
    const monitor = await session.ok(`query($id: ID!) { campaignMonitor(id: $id) { mode texts { queued sent delivered failed replies deliveryPercent } } }`, {
      id,
    });
    expect(monitor.campaignMonitor).toMatchObject({ mode: "SMS", texts: { delivered: 0, replies: 0 } });
    await session.ok(`mutation($id: ID!) { stopCampaign(id: $id) { id status } }`, { id });

    const agentUser = await db().user.findUniqueOrThrow({ where: { id: agentId } });
    const agent = new TestSession(server.url);
    await agent.signIn(agentUser.username, PASSWORD);
    const refused = await agent.gql(SAVE, { input: { name: "Mine", mode: "SMS", listIds: [listId], smsAccountId: accountId, smsTemplate: "Hi" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
