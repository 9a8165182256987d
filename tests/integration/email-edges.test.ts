// The e-mail channel's edge cases, against a real IMAP server (a private Dovecot): mails sharing
// a Message-ID, a folder renumbered by a rebuilt server, our own mail read back, bounces and
// replies by the subject tag, Reply-To, broken MIME and inline images.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyByEmail } from "../../domain/email/reply-by-email.ts";
import { PASSWORD as USER_PASSWORD, type TestOrg, asViewer, makeMailbox, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type Dovecot, startDovecot } from "../support/dovecot.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";
import { startMailReaders } from "../../lib/mail-readers.ts";

let dovecot: Dovecot;
let server: TestServer;
let org: TestOrg;
let queueId: string;
let agentId: string;
const USER = "support";
const PASSWORD = "imap password";

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.addUser(USER, PASSWORD);
  server = await startTestServer({ ROUTING_TICK_MS: "60000", MAIL_POLL_SECONDS: "3600" });
  // Each test reads the mailboxes itself (readAll), start to end.
  await server.workers.mail.stop();
  org = await makeOrg(server.app);
  agentId = (await makeUser(server.app, org, "AGENT")).id;
  queueId = (await makeQueue(server.app, org, [{ userId: agentId }])).id;
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

describe("threading by the subject tag, and bounces", () => {
  let caseId: string;
  let caseNumber: number;
  let ourReply: string;
  const acks = () => db().emailMessage.count({ where: { organizationId: org.id, kind: "AUTO_REPLY", direction: "OUTBOUND" } });
  const mailerDaemons = () => db().contactIdentity.count({ where: { organizationId: org.id, value: { contains: "mailer-daemon" } } });

  beforeAll(async () => {
    await db().entryPoint.updateMany({
      where: { organizationId: org.id, kind: "MAILBOX", config: { path: ["imap", "folder"], equals: "INBOX" } },
      data: {
        config: {
          imap: { host: dovecot.host, port: dovecot.port, security: "none", user: USER, folder: "INBOX" },
          fromAddress: "support@support.test",
          acknowledgement: { enabled: true },
        },
      },
    });
    await deliver(
      mail(
        { From: "Adam <adam@customer.test>", To: "support@support.test", Subject: "Lost parcel", "Message-ID": "<parcel-1@customer.test>" },
        "Parcel is lost",
      ),
    );
    const [first] = await bodies("Parcel is lost");
    caseId = first!.caseId;
    caseNumber = (await db().case.findUniqueOrThrow({ where: { id: caseId } })).number;
    // The agent answers, with Adam's home address in Cc.
    const reply = await replyByEmail(await asViewer(server.app, agentId), { caseId, body: "We are looking.", cc: ["adam.home@home.test"] }, server.app.deps);
    ourReply = (await db().emailMessage.findUniqueOrThrow({ where: { id: reply.id } })).internetMessageId;
  });

  it("a reply carrying only the [#n] tag joins its case — from the customer, or from someone we wrote to in it — with no acknowledgement", async () => {
    const before = await acks();
    await deliver(
      mail({ From: "adam@customer.test", To: "support@support.test", Subject: `Re: Lost parcel [#${caseNumber}]` }, "Any news on the parcel?"),
      mail(
        { From: "Adam <adam.home@home.test>", To: "support@support.test", Subject: `Re: Lost parcel [#${caseNumber}]` },
        "Writing from home about the parcel",
      ),
    );
    expect((await bodies("Any news on the parcel?"))[0]!.caseId).toBe(caseId);
    expect((await bodies("Writing from home about the parcel"))[0]!.caseId).toBe(caseId);
    expect(await acks()).toBe(before);
    // A stranger typing the tag does not get into the case.
    await deliver(mail({ From: "mallory@evil.test", To: "support@support.test", Subject: `Re: Lost parcel [#${caseNumber}]` }, "Let me in"));
    expect((await bodies("Let me in"))[0]!.caseId).not.toBe(caseId);
  });

  it("a DSN (original attached as message/rfc822, folded headers) joins the case as a delivery failure, with no contact and no acknowledgement", async () => {
    const before = await acks();
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.home.test>",
      "To: support@support.test",
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <dsn-1@mx.home.test>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
      "",
      "--r1",
      "Content-Type: text/plain",
      "",
      "The mail could not be delivered (DSN test).",
      "--r1",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.home.test",
      "",
      "Final-Recipient: rfc822; adam.home@home.test",
      "Action: failed",
      "Status: 5.1.1",
      "--r1",
      "Content-Type: message/rfc822",
      "",
      "From: support@support.test",
      "To: adam@customer.test",
      "Subject: Re: Lost parcel",
      "Message-ID:",
      ` <${ourReply}>`,
      "",
      "We are looking.",
      "--r1--",
      "",
    ].join("\r\n");
    await deliver(dsn);
    const [bounce] = await bodies("The mail could not be delivered (DSN test)");
    expect(bounce).toMatchObject({ caseId, authorType: "SYSTEM", email: { kind: "BOUNCE" } });
    expect(await mailerDaemons()).toBe(0);
    expect(await acks()).toBe(before);
  });

  it("a plain text bounce from MAILER-DAEMON joins the case of the mail it quotes", async () => {
    const before = await acks();
    await deliver(
      mail(
        { From: "MAILER-DAEMON@mx2.customer.test", To: "support@support.test", Subject: "Returned mail: see transcript for details" },
        [
          "This is the mail system at host mx2.customer.test (text bounce test).",
          "",
          "<adam.home@home.test>: host mx said: 550 5.1.1 unknown user",
          "",
          "------ This is a copy of the message's headers. ------",
          "",
          "> From: support@support.test",
          `> Subject: Re: Lost parcel [#${caseNumber}]`,
          "> Message-ID: <unknown-to-us@elsewhere.test>",
        ].join("\r\n"),
      ),
    );
    const [bounce] = await bodies("text bounce test");
    expect(bounce).toMatchObject({ caseId, authorType: "SYSTEM", email: { kind: "BOUNCE" } });
    expect(await mailerDaemons()).toBe(0);
    expect(await acks()).toBe(before);
  });
});

describe("Reply-To", () => {
  it("a web form's mail (no-reply sender, the customer in Reply-To): the contact, the acknowledgement and our reply are the customer's", async () => {
    await deliver(
      mail(
        {
          From: "Web form <noreply@forms.shop.test>",
          "Reply-To": "Kasia Lis <kasia@customer.test>",
          To: "support@support.test",
          Subject: "Contact form: return",
          "Message-ID": "<form-1@forms.shop.test>",
        },
        "I want to return the shoes",
      ),
    );
    const [m] = await bodies("I want to return the shoes");
    const kase = await db().case.findUniqueOrThrow({ where: { id: m!.caseId }, include: { contact: { include: { identities: true } } } });
    expect(kase.contact?.identities.map((i) => i.value)).toContain("kasia@customer.test");
    expect(await db().contactIdentity.count({ where: { organizationId: org.id, value: "noreply@forms.shop.test" } })).toBe(0);
    const ack = await db().emailMessage.findFirstOrThrow({ where: { message: { caseId: kase.id }, kind: "AUTO_REPLY", direction: "OUTBOUND" } });
    expect(ack.to).toEqual([{ address: "kasia@customer.test", name: "Kasia Lis" }]);
    const reply = await replyByEmail(await asViewer(server.app, agentId), { caseId: kase.id, body: "Send them back." }, server.app.deps);
    expect((await db().emailMessage.findUniqueOrThrow({ where: { id: reply.id } })).to).toEqual([{ address: "kasia@customer.test", name: "Kasia Lis" }]);
  });
});

describe("broken mail", () => {
  it("a mail whose MIME boundary matches nothing shows its raw text, flagged malformed for the agent; display names are cleaned", async () => {
    const evilName = Buffer.from("Evil\r\nBcc: all@shop.test\u0000 Name").toString("base64");
    await deliver(
      [
        `From: =?utf-8?B?${evilName}?= <broken@customer.test>`,
        "To: support@support.test",
        "Subject: Broken boundary",
        "Message-ID: <broken-1@customer.test>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/alternative; boundary="expected"',
        "",
        "--actual",
        "Content-Type: text/plain",
        "",
        "The words behind a wrong boundary",
        "--actual--",
        "",
      ].join("\r\n"),
    );
    const [m] = await bodies("The words behind a wrong boundary");
    expect(m!.email).toMatchObject({ malformed: true, fromName: "Evil Bcc: all@shop.test Name" });
    const contact = await db().contact.findFirstOrThrow({ where: { identities: { some: { value: "broken@customer.test" } } } });
    expect(["\r", "\n", "\u0000"].some((c) => `${contact.firstName} ${contact.lastName}`.includes(c))).toBe(false);
    const agent = await db().user.findUniqueOrThrow({ where: { id: agentId } });
    const session = new TestSession(server.url);
    await session.signIn(agent.username, USER_PASSWORD);
    const seen = await session.ok<{ case: { messages: { body: string; email: { malformed: boolean } | null }[] } }>(
      `query($id: ID!) { case(id: $id) { messages { body email { malformed } } } }`,
      { id: m!.caseId },
    );
    expect(seen.case.messages).toContainEqual({ body: expect.stringContaining("The words behind a wrong boundary"), email: { malformed: true } });
  });
});

describe("bulk intake", () => {
  it("a backlog is taken in batches, a transaction each — new cases, replies to mails of the same batch, repeats", async () => {
    await dovecot.createFolder(USER, PASSWORD, "Backlog");
    const box = await makeMailbox(server.app, org, queueId, { host: dovecot.host, port: dovecot.port, user: USER, password: PASSWORD, folder: "Backlog" });
    const raws: string[] = [];
    const N = 400;
    for (let n = 0; n < N; n++) {
      const headers: Record<string, string> = {
        From: `Customer ${n % 50} <backlog${n % 50}@customer.test>`,
        To: "support@support.test",
        Subject: `Backlog question ${n}`,
        "Message-ID": `<backlog-${n}@customer.test>`,
        Date: "Tue, 24 Nov 2026 10:00:00 +0100",
      };
      // Every tenth answers the mail before it (often in the same batch).
      if (n % 10 === 9) headers["In-Reply-To"] = `<backlog-${n - 1}@customer.test>`;
      raws.push(mail(headers, `Backlog body ${n}`));
    }
    raws.push(raws[5]!, raws[250]!); // repeats
    await dovecot.appendMany(USER, PASSWORD, raws, "Backlog");
    const t0 = performance.now();
    await readAll();
    const rate = raws.length / ((performance.now() - t0) / 1000);
    const taken = await db().emailMessage.findMany({ where: { entryPointId: box.id }, include: { message: { include: { case: true } } } });
    expect(taken).toHaveLength(N);
    const byId = new Map(taken.map((t) => [t.internetMessageId, t]));
    for (let n = 9; n < N; n += 10)
      expect(byId.get(`backlog-${n}@customer.test`)!.message.caseId).toBe(byId.get(`backlog-${n - 1}@customer.test`)!.message.caseId);
    const cases = new Map(taken.map((t) => [t.message.caseId, t.message.case]));
    expect(cases.size).toBe(N - N / 10);
    const numbers = [...cases.values()].map((c) => c.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.at(-1)! - numbers[0]! + 1).toBe(numbers.length);
    expect(await db().queueItem.count({ where: { interaction: { caseId: { in: [...cases.keys()] } } } })).toBe(cases.size);
    const contacts = await db().contactIdentity.count({ where: { organizationId: org.id, value: { startsWith: "backlog" } } });
    expect(contacts).toBe(50);
    const sync = await db().mailboxSync.findUniqueOrThrow({ where: { entryPointId: box.id } });
    expect(Number(sync.lastUid)).toBe(raws.length);
    // Batches, not a transaction per mail: rows written in one transaction share its id (xmin).
    const [{ transactions }] = await db().$queryRawUnsafe<{ transactions: number }[]>(
      `select count(distinct xmin::text)::int as transactions from "EmailMessage" where "entryPointId" = $1::uuid`,
      box.id,
    );
    expect(transactions).toBeLessThanOrEqual(Math.ceil(raws.length / 200) + 1);
    console.log(`bulk intake: ${rate.toFixed(0)} mails/s in ${transactions} transactions (${process.env.TEST_DB})`);
  });
});

describe("inline images", () => {
  it("images an HTML mail shows by cid: (nested multiparts) are kept and served to the agent; other parts stay downloads", async () => {
    // A 1×1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const b64 = (b: Buffer) => b.toString("base64").replace(/.{76}/g, "$&\r\n");
    await deliver(
      [
        "From: Zofia <zofia@customer.test>",
        "To: support@support.test",
        "Subject: Photo of the damage",
        "Message-ID: <photo-1@customer.test>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="m1"',
        "",
        "--m1",
        'Content-Type: multipart/alternative; boundary="a1"',
        "",
        "--a1",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "See the photo of the damage",
        "--a1",
        'Content-Type: multipart/related; boundary="r1"',
        "",
        "--r1",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<p>See the photo of the damage</p><img src="cid:damage-1@customer.test" alt="damage">',
        "--r1",
        "Content-Type: image/png; name=damage.png",
        "Content-Transfer-Encoding: base64",
        "Content-ID: <damage-1@customer.test>",
        "Content-Disposition: inline; filename=damage.png",
        "",
        b64(png),
        "--r1--",
        "--a1--",
        "--m1",
        "Content-Type: application/pdf; name=receipt.pdf",
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment; filename=receipt.pdf",
        "",
        b64(Buffer.from("%PDF-1.4\n%%EOF\n")),
        "--m1--",
        "",
      ].join("\r\n"),
    );
    const [m] = await bodies("See the photo of the damage");
    const agent = await db().user.findUniqueOrThrow({ where: { id: agentId } });
    const session = new TestSession(server.url);
    await session.signIn(agent.username, USER_PASSWORD);
    type Seen = { id: string; email: { html: string | null } | null; attachments: { fileName: string; contentId: string | null; url: string }[] };
    const seen = await session.ok<{ case: { messages: Seen[] } }>(
      `query($id: ID!) { case(id: $id) { messages { id email { html } attachments { fileName contentId url } } } }`,
      { id: m!.caseId },
    );
    const message = seen.case.messages.find((x) => x.id === m!.id)!;
    expect(message.email!.html).toContain('src="cid:damage-1@customer.test"');
    expect(message.attachments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fileName: "damage.png", contentId: "damage-1@customer.test" }),
        expect.objectContaining({ fileName: "receipt.pdf", contentId: null }),
      ]),
    );
    const image = message.attachments.find((a) => a.contentId)!;
    const res = await fetch(`${server.url}${image.url}?inline=1`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    // The route's authorisation holds: no session, no image.
    expect((await fetch(`${server.url}${image.url}?inline=1`)).status).toBe(401);
  });
});
