// Mail into cases, against a real IMAP server (a private Dovecot per test file): new cases, threads,
// automatic replies and bounces, malformed mail, and exactly-once across restarts and nodes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlarms } from "../../domain/wallboard/evaluate-alarms.ts";
import { raisedAlarms } from "../../domain/wallboard/raised-alarms.ts";
import { saveAlarm } from "../../domain/wallboard/save-alarm.ts";
import { type TestOrg, asViewer, makeMailbox, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type Dovecot, startDovecot } from "../support/dovecot.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";
import { startMailReaders } from "../../lib/mail-readers.ts";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/email", name));
let dovecot: Dovecot;
let server: TestServer;
let org: TestOrg;
let queueId: string;
let mailboxId: string;
const USER = "support";
const PASSWORD = "imap password";

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.addUser(USER, PASSWORD);
  server = await startTestServer({ ROUTING_TICK_MS: "60000", MAIL_POLL_SECONDS: "3600" });
  org = await makeOrg(server.app);
  queueId = (await makeQueue(server.app, org, [])).id;
  mailboxId = (await makeMailbox(server.app, org, queueId, { host: dovecot.host, port: dovecot.port, user: USER, password: PASSWORD })).id;
});
afterAll(async () => {
  await server?.close();
  await dovecot?.stop();
});

const db = () => server.app.db.prisma;
async function deliver(...names: string[]) {
  for (const n of names) await dovecot.append(USER, PASSWORD, fixture(n));
  await server.workers.mail.round();
  await server.workers.mail.syncAll();
}
const caseOf = (internetMessageId: string) =>
  db().emailMessage.findFirstOrThrow({
    where: { organizationId: org.id, internetMessageId },
    include: { message: { include: { case: true, attachments: true } } },
  });

describe("mail into cases", () => {
  it("a new mail opens a case for its sender, queued for agents", async () => {
    await deliver("plain.eml");
    const email = await caseOf("order-1234@customer.test");
    const kase = email.message.case;
    expect(kase).toMatchObject({ channel: "EMAIL", subject: "Where is my order 1234?", queueId });
    expect(email.message.body).toContain("my order 1234 has not arrived");
    const identity = await db().contactIdentity.findFirstOrThrow({ where: { organizationId: org.id, kind: "EMAIL", value: "jan@customer.test" } });
    expect(kase.contactId).toBe(identity.contactId);
    const item = await db().queueItem.findFirstOrThrow({ where: { interaction: { caseId: kase.id } } });
    expect(item).toMatchObject({ state: "WAITING", channel: "EMAIL", queueId });
    expect(email.rawStorageKey).toBeTruthy();
    expect((await server.app.deps.files.read(email.rawStorageKey!)).toString()).toContain("Message-ID: <order-1234@customer.test>");
  });

  it("a reply joins its case; an out-of-office joins it too but is not routed; a bounce finds the mail it is about", async () => {
    await deliver("reply.eml", "out-of-office.eml", "bounce.eml");
    const first = await caseOf("order-1234@customer.test");
    for (const id of ["order-1234-reply@customer.test", "ooo-1@customer.test", "bounce-1@mx.customer.test"]) {
      expect((await caseOf(id)).message.caseId).toBe(first.message.caseId);
    }
    expect((await caseOf("ooo-1@customer.test")).kind).toBe("AUTO_REPLY");
    expect((await caseOf("bounce-1@mx.customer.test")).kind).toBe("BOUNCE");
    expect(await db().case.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await db().queueItem.count({ where: { interaction: { caseId: first.message.caseId } } })).toBe(1);
  });

  it("keeps HTML only sanitised, decodes old charsets, and keeps attachments of any type as downloads", async () => {
    await deliver("html-attachment.eml");
    const email = await caseOf("invoice-1@customer.test");
    expect(email.message.body).toContain("Dzień dobry, faktura jest błędna.");
    expect(email.html).toContain("<b>faktura</b>");
    expect(email.html).not.toMatch(/script|onclick|tracker\.test/);
    expect(email.message.attachments).toEqual([expect.objectContaining({ fileName: "notes.docx", contentType: "application/octet-stream" })]);
    expect(email.fromName).toBe("Anna Nowak");
  });

  it("malformed mail still becomes a readable case, and nothing stops the mailbox", async () => {
    await deliver("no-message-id-unknown-charset.eml", "garbage.eml", "plain.eml");
    const made = await db().emailMessage.findMany({
      where: { organizationId: org.id, internetMessageId: { endsWith: "@centrala.invalid" } },
      include: { message: true },
    });
    expect(made).toHaveLength(2);
    expect(made.map((m) => m.message.body).join("\n")).toContain("still here");
    // The same Message-ID delivered again (plain.eml) is not a second case.
    expect(await db().emailMessage.count({ where: { organizationId: org.id, internetMessageId: "order-1234@customer.test" } })).toBe(1);
    const sync = await db().mailboxSync.findUniqueOrThrow({ where: { entryPointId: mailboxId } });
    expect(sync.lastError).toBe("");
  });
});

describe("exactly once", () => {
  it("two nodes never both read a mailbox; a node stopping mid-way hands over without repeating or losing a mail", async () => {
    await server.workers.mail.stop(); // releases its lease
    const before = await db().emailMessage.count({ where: { entryPointId: mailboxId } });
    const raw = (n: number) =>
      `From: bulk${n}@customer.test\r\nTo: support@support.test\r\nSubject: Bulk ${n}\r\nMessage-ID: <bulk-${n}@customer.test>\r\n\r\nNumber ${n}\r\n`;
    for (let n = 0; n < 40; n++) await dovecot.append(USER, PASSWORD, raw(n));
    const [a, b] = [startMailReaders(server.app), startMailReaders(server.app)];
    await Promise.all([a.round(), b.round()]);
    const holders = await db().mailboxSync.findMany({ where: { entryPointId: mailboxId }, select: { holder: true } });
    expect(holders).toHaveLength(1);
    // The first node stops while it reads; the other takes over at its next round.
    const reading = Promise.all([a.syncAll(), b.syncAll()]);
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([a.stop(), b.stop()]);
    await reading;
    const c = startMailReaders(server.app);
    await c.round();
    await c.syncAll();
    await c.stop();
    expect(await db().emailMessage.count({ where: { entryPointId: mailboxId } })).toBe(before + 40);
    const uids = await db().emailMessage.findMany({ where: { entryPointId: mailboxId }, select: { uid: true } });
    expect(new Set(uids.map((i) => String(i.uid))).size).toBe(uids.length);
  });

  it("a mailbox that goes away is reported in words, and the rest goes on", async () => {
    const other = await makeQueue(server.app, org, []);
    await dovecot.createFolder(USER, PASSWORD, "Sales");
    const sales = await makeMailbox(server.app, org, other.id, { host: dovecot.host, port: dovecot.port, user: USER, password: PASSWORD, folder: "Sales" });
    await dovecot.deleteFolder(USER, PASSWORD, "Sales");
    const readers = startMailReaders(server.app);
    await readers.round();
    await readers.syncAll();
    await readers.stop();
    const sync = await db().mailboxSync.findUniqueOrThrow({ where: { entryPointId: sales.id } });
    expect(sync.lastError).toBe('The folder "Sales" does not exist on the server');
    expect(sync.failingSince).toBeInstanceOf(Date);

    // Monitoring: a "mailbox not read for 5 min" alarm is raised once it has failed that long...
    const lead = await asViewer(server.app, (await makeUser(server.app, org, "SUPERVISOR")).id);
    const alarm = await saveAlarm(lead, null, { name: "Mail down", kind: "MAILBOX_FAILING", threshold: 5 }, server.app.deps);
    await evaluateAlarms(org.id, server.app.deps, 0);
    const raisedFor = async () => (await raisedAlarms(org.id, db())).filter((a) => a.alarmId === alarm.id).map((a) => a.subjectName);
    expect(await raisedFor()).toEqual([]);
    await db().mailboxSync.update({ where: { entryPointId: sales.id }, data: { failingSince: new Date(Date.now() - 6 * 60_000) } });
    await evaluateAlarms(org.id, server.app.deps, 0);
    expect(await raisedFor()).toEqual([sales.name]);
    // ...and cleared once the mailbox is read again.
    await dovecot.createFolder(USER, PASSWORD, "Sales");
    const again = startMailReaders(server.app);
    await again.round();
    await again.syncAll();
    await again.stop();
    expect(await db().mailboxSync.findUniqueOrThrow({ where: { entryPointId: sales.id } })).toMatchObject({ lastError: "", failingSince: null });
    await evaluateAlarms(org.id, server.app.deps, 0);
    expect(await raisedFor()).toEqual([]);
  });
});
