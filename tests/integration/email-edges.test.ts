// The e-mail channel's edge cases, against a real IMAP server (a private Dovecot): mails sharing
// a Message-ID, a folder renumbered by a rebuilt server, our own mail read back, bounces and
// replies by the subject tag, Reply-To, broken MIME and inline images.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestOrg, makeMailbox, makeOrg, makeQueue } from "../factories/index.ts";
import { type Dovecot, startDovecot } from "../support/dovecot.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";
import { startMailReaders } from "../../lib/mail-readers.ts";

let dovecot: Dovecot;
let server: TestServer;
let org: TestOrg;
let queueId: string;
const USER = "support";
const PASSWORD = "imap password";

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.addUser(USER, PASSWORD);
  server = await startTestServer({ ROUTING_TICK_MS: "60000", MAIL_POLL_SECONDS: "3600" });
  // Each test reads the mailboxes itself (readAll), start to end.
  await server.workers.mail.stop();
  org = await makeOrg(server.app);
  queueId = (await makeQueue(server.app, org, [])).id;
  await makeMailbox(server.app, org, queueId, { host: dovecot.host, port: dovecot.port, user: USER, password: PASSWORD });
});
afterAll(async () => {
  await server?.close();
  await dovecot?.stop();
});

const db = () => server.app.db.prisma;
async function readAll() {
  const readers = startMailReaders(server.app);
  await readers.round();
  await readers.syncAll();
  await readers.stop();
}
async function deliver(...raws: string[]) {
  for (const raw of raws) await dovecot.append(USER, PASSWORD, raw);
  await readAll();
}
const mail = (headers: Record<string, string>, body: string) =>
  `${Object.entries({ "MIME-Version": "1.0", "Content-Type": "text/plain; charset=utf-8", ...headers })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}\r\n`;
const bodies = (contains: string) => db().message.findMany({ where: { organizationId: org.id, body: { contains } }, include: { email: true } });

describe("de-duplication", () => {
  it("keeps two different mails that share one Message-ID, and still drops the same mail read twice", async () => {
    const a = mail(
      { From: "ola@customer.test", To: "support@support.test", Subject: "First", "Message-ID": "<shared-1@customer.test>" },
      "Shared id, first text",
    );
    const b = mail(
      { From: "ola@customer.test", To: "support@support.test", Subject: "Second", "Message-ID": "<shared-1@customer.test>" },
      "Shared id, second text",
    );
    await deliver(a, b, a);
    expect((await bodies("Shared id, first text")).length).toBe(1);
    expect((await bodies("Shared id, second text")).length).toBe(1);
  });

  it("takes nothing in twice when the server renumbers the folder (new UIDVALIDITY), with or without a Message-ID", async () => {
    await dovecot.createFolder(USER, PASSWORD, "Rebuilt");
    const box = await makeMailbox(server.app, org, queueId, { host: dovecot.host, port: dovecot.port, user: USER, password: PASSWORD, folder: "Rebuilt" });
    const noId = mail(
      { From: "piotr@customer.test", To: "support@support.test", Subject: "No id", Date: "Mon, 23 Nov 2026 09:00:00 +0100" },
      "Mail without a Message-ID",
    );
    const withId = mail(
      { From: "piotr@customer.test", To: "support@support.test", Subject: "With id", "Message-ID": "<rebuilt-1@customer.test>" },
      "Mail with an id",
    );
    const first = await dovecot.append(USER, PASSWORD, noId, "Rebuilt");
    await dovecot.append(USER, PASSWORD, withId, "Rebuilt");
    await readAll();
    // The server is rebuilt: the folder comes back with the same mail under a new UIDVALIDITY, and one new mail.
    await dovecot.deleteFolder(USER, PASSWORD, "Rebuilt");
    await dovecot.createFolder(USER, PASSWORD, "Rebuilt");
    const again = await dovecot.append(USER, PASSWORD, noId, "Rebuilt");
    expect(again.uidValidity).not.toBe(first.uidValidity);
    await dovecot.append(USER, PASSWORD, withId, "Rebuilt");
    await dovecot.append(
      USER,
      PASSWORD,
      mail({ From: "piotr@customer.test", To: "support@support.test", Subject: "New" }, "Mail after the rebuild"),
      "Rebuilt",
    );
    await readAll();
    expect((await bodies("Mail without a Message-ID")).length).toBe(1);
    expect((await bodies("Mail with an id")).length).toBe(1);
    expect((await bodies("Mail after the rebuild")).length).toBe(1);
    const sync = await db().mailboxSync.findUniqueOrThrow({ where: { entryPointId: box.id } });
    expect(Number(sync.uidValidity)).toBe(again.uidValidity);
  });
});

describe("our own mail", () => {
  it("a reply an agent sent from another mail program (support in Cc) joins the case as ours: no contact, not routed", async () => {
    await deliver(
      mail(
        { From: "Ewa <ewa@customer.test>", To: "support@support.test", Subject: "Broken kettle", "Message-ID": "<kettle-1@customer.test>" },
        "My kettle broke",
      ),
    );
    const [first] = await bodies("My kettle broke");
    const caseId = first!.caseId;
    const queued = await db().queueItem.count({ where: { interaction: { caseId } } });
    await deliver(
      mail(
        {
          From: "Support <Support@support.test>",
          To: "ewa@customer.test",
          Cc: "support@support.test",
          Subject: "Re: Broken kettle",
          "Message-ID": "<thunderbird-1@support.test>",
          "In-Reply-To": "<kettle-1@customer.test>",
        },
        "We will send a new kettle",
      ),
      // Ours too, about nothing known: kept, but no contact for our address.
      mail({ From: "support+billing@support.test", To: "support@support.test", Subject: "Note to self" }, "Internal reminder"),
    );
    const [reply] = await bodies("We will send a new kettle");
    expect(reply).toMatchObject({ caseId, authorType: "AGENT", email: { direction: "OUTBOUND", deliveryState: "SENT" } });
    expect(await db().queueItem.count({ where: { interaction: { caseId } } })).toBe(queued);
    const [note] = await bodies("Internal reminder");
    expect(note).toMatchObject({ authorType: "AGENT" });
    expect(await db().contactIdentity.count({ where: { organizationId: org.id, value: { contains: "support" } } })).toBe(0);
    expect(await db().case.findUniqueOrThrow({ where: { id: note!.caseId } })).toMatchObject({ contactId: null });
  });
});
