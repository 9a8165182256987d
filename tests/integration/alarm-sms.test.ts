// Alarms told by SMS, against a real SMSC on loopback (tests/support/smsc.ts): raised and cleared,
// an alarm texts each of its numbers in the organisation's language (Russian here: UCS-2, two
// parts), through its account's link, from the account's number; receipts say delivered or
// failed with the reason; a number that opted out gets nothing; a link dropped mid-send loses no
// text. What an alarm may text is checked when it is saved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteSmsAccount } from "../../domain/sms/sms-accounts.ts";
import { NOTICES_PER_NUMBER_HOUR, NOTICE_NOT_SENT } from "../../domain/sms/sms-rules.ts";
import { evaluateAlarms } from "../../domain/wallboard/evaluate-alarms.ts";
import { raisedAlarms } from "../../domain/wallboard/raised-alarms.ts";
import { saveAlarm } from "../../domain/wallboard/save-alarm.ts";
import type { SmsLinks } from "../../lib/sms/sms-links.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { SMSC_PASSWORD, TestSmsc, UNDELIVERABLE } from "../support/smsc.ts";
import { boundSmsLine } from "../support/sms-line.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";
import { until } from "../support/until.ts";

const OUR_NUMBER = "+48221230000";
let smsc: TestSmsc;
let server: TestServer;
let org: TestOrg;
let leadId: string;
let accountId: string;
let links: SmsLinks;
let n = 0;

const db = () => server.app.db.prisma;
const deps = () => server.app.deps;

beforeAll(async () => {
  smsc = await new TestSmsc().start();
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  // The test drives the links (round, send) instead of the worker's timers.
  await server.workers.sms.stop();
  org = await makeOrg(server.app);
  await db().organization.update({ where: { id: org.id }, data: { locale: "ru" } });
  leadId = (await makeUser(server.app, org, "SUPERVISOR")).id;
  const queueId = (await makeQueue(server.app, org, [], { channels: ["SMS"] })).id;
  ({ accountId, links } = await boundSmsLine(server.app, smsc, { organizationId: org.id, queueId, number: OUR_NUMBER }));
}, 180_000);
afterAll(async () => {
  await links?.stop();
  await server?.close();
  await smsc?.close();
});

/** A registering trunk and an alarm on it that texts `numbers`. */
async function trunkAlarm(numbers: string[]) {
  const trunk = await db().sipTrunk.create({
    data: { organizationId: org.id, name: `Provider ${++n}`, host: "sip.example.com", username: "acct", status: "REGISTERED" },
  });
  const alarm = await saveAlarm(
    await asViewer(server.app, leadId),
    null,
    { name: `Trunk down ${n}`, kind: "TRUNK_UNREGISTERED", trunkId: trunk.id, smsNumbers: numbers, smsAccountId: accountId },
    deps(),
  );
  const registration = async (status: "FAILED" | "REGISTERED") => {
    await db().sipTrunk.update({ where: { id: trunk.id }, data: { status, statusAt: new Date() } });
    // Evaluated here at once (cleared without the steady wait); the server's evaluator may run too.
    await evaluateAlarms(org.id, deps(), 0);
  };
  return { trunk, alarm, registration };
}

const notices = (alarmId: string) => db().noticeSms.findMany({ where: { alarmId }, orderBy: [{ createdAt: "asc" }, { toNumber: "asc" }] });

describe("alarms by SMS", () => {
  it("texts each number when raised and when cleared, in the organisation's language, and the receipts say how it went", async () => {
    const { trunk, alarm, registration } = await trunkAlarm(["+48 601 000 111", `+${UNDELIVERABLE}`, "0048 601 000 111"]);
    // Written as typed, kept as E.164 once each.
    expect(alarm.smsNumbers).toEqual(["+48601000111", `+${UNDELIVERABLE}`]);

    await registration("FAILED");
    const raised = await notices(alarm.id);
    expect(raised.map((x) => [x.toNumber, x.state, x.ownNumber])).toEqual([
      ["+48600000999", "QUEUED", OUR_NUMBER],
      ["+48601000111", "QUEUED", OUR_NUMBER],
    ]);
    expect(raised[0]!.text).toContain(`Тревога «${alarm.name}» для ${trunk.name}`);
    expect(raised[0]!.text).toContain("транк не зарегистрирован");
    expect(raised[0]).toMatchObject({ coding: "UCS2", parts: 2 });

    await links.send();
    await until("the texts' receipts", async () => {
      const rows = await notices(alarm.id);
      return rows.every((x) => x.state === "DELIVERED" || x.state === "FAILED") ? rows : null;
    });
    const [lost, delivered] = await notices(alarm.id);
    expect(delivered).toMatchObject({ state: "DELIVERED", error: "" });
    expect(delivered!.deliveredAt).toBeInstanceOf(Date);
    expect(lost!.state).toBe("FAILED");
    expect(lost!.error).toMatch(/UNDELIV/);
    // Whole at the phone: the SMSC joins the two parts into the text we wrote.
    expect(smsc.texts("48601000111")).toEqual([raised[1]!.text]);
    expect(smsc.submitted.find((s) => s.to === "48601000111")).toMatchObject({ from: OUR_NUMBER.slice(1), dataCoding: 8 });

    // Registered again: cleared, and told so.
    await registration("REGISTERED");
    const all = await notices(alarm.id);
    expect(all).toHaveLength(4);
    expect(all.filter((x) => x.text.includes("снята"))).toHaveLength(2);
    await links.send();
    await until("the clearing text at the phone", async () => smsc.texts("48601000111").length === 2);
    // Raised again while raised (another evaluation): no second text.
    await registration("FAILED");
    await registration("FAILED");
    expect(await notices(alarm.id)).toHaveLength(6);
  });

  it("a flapping alarm texts a number no more than its hour's share; the rest are kept, held back", async () => {
    const { alarm, registration } = await trunkAlarm(["+48601000444"]);
    // Raised and cleared six times: twelve texts meant, the hour's share sent.
    for (let i = 0; i < 6; i++) {
      await registration("FAILED");
      await registration("REGISTERED");
    }
    const rows = await notices(alarm.id);
    expect(rows).toHaveLength(12);
    expect(rows.filter((x) => x.state === "QUEUED")).toHaveLength(NOTICES_PER_NUMBER_HOUR);
    expect(rows.slice(NOTICES_PER_NUMBER_HOUR).map((x) => [x.state, x.error, x.nextAttemptAt])).toEqual([
      ["FAILED", NOTICE_NOT_SENT.heldBack, null],
      ["FAILED", NOTICE_NOT_SENT.heldBack, null],
    ]);
    // Another alarm texting the same number shares its hour; an hour on, the number is texted again.
    const other = await trunkAlarm(["+48601000444", "+48601000666"]);
    await other.registration("FAILED");
    expect((await notices(other.alarm.id)).map((x) => [x.toNumber, x.state])).toEqual([
      ["+48601000444", "FAILED"],
      ["+48601000666", "QUEUED"],
    ]);
    await db().noticeSms.updateMany({ where: { toNumber: "+48601000444" }, data: { createdAt: new Date(Date.now() - 3_601_000) } });
    await other.registration("REGISTERED");
    expect((await notices(other.alarm.id)).filter((x) => x.toNumber === "+48601000444").map((x) => x.state)).toEqual(["FAILED", "QUEUED"]);
  });

  it("texts nothing to a number that opted out, and loses nothing when the link drops mid-send", async () => {
    const optedOut = "+48601000222";
    await db().smsOptOut.create({ data: { organizationId: org.id, number: optedOut, keyword: "STOP" } });
    const { alarm, registration } = await trunkAlarm([optedOut, "+48601000333"]);
    smsc.dropAt = 1;
    await registration("FAILED");
    await links.send();
    expect((await notices(alarm.id)).find((x) => x.toNumber === optedOut)).toMatchObject({ state: "FAILED", error: "the number has opted out of SMS" });
    // The other met the dropped link: the client sends it again on the new bind, or it waits for
    // its retry (brought forward here).
    for (let i = 0; i < 10 && (await db().noticeSms.count({ where: { alarmId: alarm.id, state: "QUEUED" } })); i++) {
      await db().noticeSms.updateMany({ where: { alarmId: alarm.id, state: "QUEUED" }, data: { nextAttemptAt: new Date() } });
      await links.round();
      await links.send();
    }
    await until("delivered", async () => (await notices(alarm.id)).find((x) => x.toNumber === "+48601000333")?.state === "DELIVERED");
    expect(smsc.texts("48601000333")).toHaveLength(1);
    expect(smsc.texts(optedOut.slice(1))).toEqual([]);
  });

  it("checks what an alarm may text when it is saved", async () => {
    const lead = await asViewer(server.app, leadId);
    const base = { name: "Check", kind: "TRUNK_UNREGISTERED" as const };
    await expect(saveAlarm(lead, null, { ...base, smsNumbers: ["601 000 111", "+48 601 000 112"], smsAccountId: accountId }, deps())).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { fields: [{ path: "input.smsNumbers", code: "invalid_phone", params: { numbers: "601 000 111" } }] },
    });
    await expect(saveAlarm(lead, null, { ...base, smsNumbers: ["+48601000111"] }, deps())).rejects.toMatchObject({
      details: { fields: [{ path: "input.smsAccountId", code: "required" }] },
    });
    const tooMany = Array.from({ length: 11 }, (_, i) => `+4860100010${String(i).padStart(2, "0")}`);
    await expect(saveAlarm(lead, null, { ...base, smsNumbers: tooMany, smsAccountId: accountId }, deps())).rejects.toMatchObject({
      details: { fields: [{ path: "input.smsNumbers", code: "too_big" }] },
    });
    // Another organisation's account, or one with no number to text from.
    const other = await makeOrg(server.app);
    const theirs = await db().smsAccount.create({ data: { organizationId: other.id, name: "Theirs" } });
    await expect(saveAlarm(lead, null, { ...base, smsNumbers: ["+48601000111"], smsAccountId: theirs.id }, deps())).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const bare = await db().smsAccount.create({ data: { organizationId: org.id, name: "No numbers", active: false } });
    await expect(saveAlarm(lead, null, { ...base, smsNumbers: ["+48601000111"], smsAccountId: bare.id }, deps())).rejects.toMatchObject({
      code: "CONFLICT",
      details: { reason: "NO_SMS_NUMBER" },
    });
    // Agents may not define alarms at all.
    const agent = await asViewer(server.app, (await makeUser(server.app, org, "AGENT")).id);
    await expect(saveAlarm(agent, null, { ...base, smsNumbers: ["+48601000111"], smsAccountId: accountId }, deps())).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().alarm.count({ where: { organizationId: org.id, name: "Check" } })).toBe(0);
  });

  it("keeps the account an alarm texts through from being deleted", async () => {
    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const spare = await db().smsAccount.create({ data: { organizationId: org.id, name: "Spare", active: false } });
    const queueId = (await makeQueue(server.app, org, [], { channels: ["SMS"] })).id;
    await db().entryPoint.create({ data: { organizationId: org.id, kind: "SMS", name: "Spare line", key: "+48221230077", queueId, smsAccountId: spare.id } });
    const alarm = await saveAlarm(
      admin,
      null,
      { name: "Uses spare", kind: "TRUNK_UNREGISTERED", smsNumbers: ["+48601000444"], smsAccountId: spare.id },
      deps(),
    );
    await db().entryPoint.deleteMany({ where: { smsAccountId: spare.id } });
    await expect(deleteSmsAccount(admin, spare.id, deps())).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "IN_USE", count: 1 } });
    await saveAlarm(admin, alarm.id, { name: "Uses spare", kind: "TRUNK_UNREGISTERED", smsNumbers: [] }, deps());
    await deleteSmsAccount(admin, spare.id, deps());
  });

  it("watches the SMS links: an account down for the alarm's minutes is raised and texted through another, and clears once bound", async () => {
    const lead = await asViewer(server.app, leadId);
    // A second provider account whose SMSC refuses connections.
    const closed = await new TestSmsc().start();
    const port = closed.port;
    await closed.close();
    const backup = await db().smsAccount.create({
      data: { organizationId: org.id, name: "Backup SMSC", host: "127.0.0.1", port, systemId: "centrala", secret: deps().secrets.seal(SMSC_PASSWORD) },
    });
    await links.round();
    const down = await until("the link known down", async () => {
      await links.round();
      const a = await db().smsAccount.findUniqueOrThrow({ where: { id: backup.id } });
      return a.downSince && a;
    });
    expect(down.status).not.toBe("BOUND");
    const alarm = await saveAlarm(
      lead,
      null,
      { name: "SMS down", kind: "SMS_LINK_DOWN", threshold: 2, smsNumbers: ["+48601000555"], smsAccountId: accountId },
      deps(),
    );
    const raisedFor = async () => (await raisedAlarms(org.id, db())).filter((a) => a.alarmId === alarm.id).map((a) => a.subjectName);
    await evaluateAlarms(org.id, deps(), 0);
    expect(await raisedFor()).toEqual([]); // down for seconds, not yet two minutes
    await db().smsAccount.update({ where: { id: backup.id }, data: { downSince: new Date(Date.now() - 3 * 60_000) } });
    await evaluateAlarms(org.id, deps(), 0);
    expect(await raisedFor()).toEqual(["Backup SMSC"]);
    // Texted through the account that works.
    await links.send();
    await until("the duty phone told", async () => smsc.texts("48601000555").length === 1);
    expect(smsc.texts("48601000555")[0]).toContain("SMS-канал не работает 2 мин или дольше");

    // Pointed at a working SMSC: bound again, and the alarm clears.
    await db().smsAccount.update({ where: { id: backup.id }, data: { port: smsc.port } });
    await until("bound", async () => (await links.round(), (await db().smsAccount.findUniqueOrThrow({ where: { id: backup.id } })).status === "BOUND"));
    expect((await db().smsAccount.findUniqueOrThrow({ where: { id: backup.id } })).downSince).toBeNull();
    await evaluateAlarms(org.id, deps(), 0);
    expect(await raisedFor()).toEqual([]);
    await db().smsAccount.update({ where: { id: backup.id }, data: { active: false } });
    await links.round();
  });
});
