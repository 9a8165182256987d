// Agents' e-mail replies through the outbox to a real SMTP server (smtp-server in this process):
// threading headers, the case tag, quoting, templates and signatures, forwards with attachments,
// retries while the server is down, and a refusal shown in words.
import { readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEmail } from "../../channels/email/parse-email.ts";
import { deliverDueEmails, retryEmail } from "../../domain/email/deliver-outbox.ts";
import { ingestEmail } from "../../domain/email/ingest-email.ts";
import { replyByEmail } from "../../domain/email/reply-by-email.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

const received: { from: string; to: string[]; raw: string }[] = [];
let rejectWith: { code: number; message: string } | null = null;
let smtp: SMTPServer;
let smtpPort: number;
let server: TestServer;
let org: TestOrg;
let agentId: string;
let mailbox: { id: string; organizationId: string; queueId: string; maxAttachmentBytes: number };

function startSmtp(port = 0) {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, done) {
      if (rejectWith) return done(Object.assign(new Error(rejectWith.message), { responseCode: rejectWith.code }));
      done();
    },
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c) => (raw += c));
      stream.on("end", () => {
        received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  return new Promise<number>((resolve) => smtp.listen(port, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port)));
}
const stopSmtp = () => new Promise<void>((r) => smtp.close(() => r()));

beforeAll(async () => {
  smtpPort = await startSmtp();
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  await server.workers.outbox.stop(); // the test drives the outbox itself
  org = await makeOrg(server.app);
  agentId = (await makeUser(server.app, org, "AGENT", { name: "Alice Agent" })).id;
  const queue = await makeQueue(server.app, org, [{ userId: agentId }]);
  const ep = await server.app.db.prisma.entryPoint.create({
    data: {
      organizationId: org.id,
      kind: "MAILBOX",
      name: "Support mailbox",
      key: `m_${Math.random().toString(36).slice(2)}`,
      queueId: queue.id,
      config: {
        imap: { host: "127.0.0.1", port: 1, security: "none", user: "support" },
        smtp: { host: "127.0.0.1", port: smtpPort, security: "none", user: "" },
        fromAddress: "support@support.test",
        fromName: "Support",
      },
      credentials: server.app.deps.secrets.seal(JSON.stringify({ imapPassword: "x", smtpPassword: "" })),
    },
  });
  mailbox = { id: ep.id, organizationId: org.id, queueId: queue.id, maxAttachmentBytes: 1 << 20 };
});
afterAll(async () => {
  await server?.close();
  await stopSmtp();
});

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "../fixtures/email", name)));
let uid = 0n;
async function incoming(name: string) {
  return ingestEmail(mailbox, { uidValidity: 1n, uid: ++uid }, await parseEmail(fixture(name)), server.app.deps);
}

describe("replying by e-mail", () => {
  it("reaches the customer threaded under their mail, with the case tag", async () => {
    const { caseId } = await incoming("plain.eml");
    const viewer = await asViewer(server.app, agentId);
    await server.app.db.prisma.case.update({ where: { id: caseId! }, data: { assigneeId: agentId } });
    const reply = await replyByEmail(viewer, { caseId: caseId!, body: "Your parcel ships today.", cc: ["boss@customer.test"] }, server.app.deps);
    expect((await server.app.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: reply.id } })).deliveryState).toBe("QUEUED");
    expect(await deliverDueEmails(server.app.deps)).toMatchObject({ sent: 1 });

    const mail = await simpleParser(received.at(-1)!.raw);
    const kase = await server.app.db.prisma.case.findUniqueOrThrow({ where: { id: caseId! } });
    expect(received.at(-1)!.to.sort()).toEqual(["boss@customer.test", "jan@customer.test"]);
    expect(mail.subject).toBe(`Re: Where is my order 1234? [#${kase.number}]`);
    expect(mail.inReplyTo).toBe("<order-1234@customer.test>");
    expect(mail.references).toEqual("<order-1234@customer.test>");
    expect(mail.from?.text).toBe('"Support" <support@support.test>');
    expect(mail.text).toMatch(/^Your parcel ships today\.\n\n.+Jan Kowalski <jan@customer\.test> wrote:\n> Hello, my order 1234 has not arrived\. Jan\n$/);
    expect(mail.html).toContain("<blockquote");
    const sent = await server.app.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: reply.id } });
    expect(sent).toMatchObject({ deliveryState: "SENT", attempts: 1 });
    expect(mail.messageId).toBe(`<${sent.internetMessageId}>`);

    // The customer's answer to our reply threads back into the same case.
    const answer = `From: jan@customer.test\r\nTo: support@support.test\r\nSubject: ${mail.subject}\r\nMessage-ID: <thanks@customer.test>\r\nIn-Reply-To: ${mail.messageId}\r\n\r\nThanks!\r\n`;
    const threaded = await ingestEmail(mailbox, { uidValidity: 1n, uid: ++uid }, await parseEmail(new TextEncoder().encode(answer)), server.app.deps);
    expect(threaded).toMatchObject({ outcome: "THREADED", caseId });
  });

  it("waits while the mail server is down, then goes out; nothing is lost", async () => {
    const { caseId } = await incoming("html-attachment.eml");
    const viewer = await asViewer(server.app, agentId);
    await server.app.db.prisma.case.update({ where: { id: caseId! }, data: { assigneeId: agentId } });
    await stopSmtp();
    const reply = await replyByEmail(viewer, { caseId: caseId!, body: "We will correct the invoice." }, server.app.deps);
    expect(await deliverDueEmails(server.app.deps)).toMatchObject({ retrying: 1 });
    const waiting = await server.app.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: reply.id } });
    expect(waiting).toMatchObject({ deliveryState: "QUEUED", attempts: 1 });
    expect(waiting.deliveryError).toMatch(/ECONNREFUSED|connect/i);
    await startSmtp(smtpPort);
    await server.app.db.prisma.emailMessage.update({ where: { id: reply.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverDueEmails(server.app.deps)).toMatchObject({ sent: 1 });
    expect(received.at(-1)!.raw).toContain("We will correct the invoice.");
  });

  it("a refusal for good shows the server's reason, and can be sent again", async () => {
    const { caseId } = await incoming("reply.eml");
    const viewer = await asViewer(server.app, agentId);
    rejectWith = { code: 550, message: "5.1.1 No such user here" };
    const reply = await replyByEmail(viewer, { caseId: caseId!, body: "Hello?" }, server.app.deps);
    expect(await deliverDueEmails(server.app.deps)).toMatchObject({ failed: 1 });
    const failed = await server.app.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: reply.id } });
    expect(failed.deliveryState).toBe("FAILED");
    expect(failed.deliveryError).toContain("No such user here");
    rejectWith = null;
    expect(await retryEmail(org.id, reply.id, server.app.deps)).toBe(true);
    expect(await deliverDueEmails(server.app.deps)).toMatchObject({ sent: 1 });
  });
});

describe("templates and signatures", () => {
  it("fill in the case's variables; the agent's and the queue's signatures go under the formatted reply", async () => {
    const db = server.app.db.prisma;
    const raw = new TextDecoder().decode(fixture("plain.eml")).replace("order-1234@", "order-5678@");
    const { caseId } = await ingestEmail(mailbox, { uidValidity: 1n, uid: ++uid }, await parseEmail(new TextEncoder().encode(raw)), server.app.deps);
    const kase = await db.case.update({ where: { id: caseId! }, data: { assigneeId: agentId }, include: { contact: true } });
    await db.contact.update({ where: { id: kase.contactId! }, data: { fields: { customerNo: "K-77" } } });
    await db.queue.update({ where: { id: mailbox.queueId }, data: { name: "Orders", emailSignature: "{queue_name} team · +48 22 123 45 67" } });
    await db.cannedReply.create({
      data: {
        organizationId: org.id,
        title: "Shipped",
        body: "Dear {first_name}, case {case_number} ({contact.customerNo}) has shipped. — {agent_name} {unknown}",
      },
    });
    const agent = await db.user.findUniqueOrThrow({ where: { id: agentId } });
    const session = new TestSession(server.url);
    await session.signIn(agent.username, PASSWORD);
    await session.ok(`mutation { setMyEmailSignature(emailSignature: "{agent_name}\\nSenior agent") { id } }`);

    const help = await session.ok<{ replyTemplates: { title: string; body: string }[]; emailSignature: string }>(
      `query ($caseId: ID!) { replyTemplates(caseId: $caseId) { title body } emailSignature(caseId: $caseId) }`,
      { caseId },
    );
    const body = help.replyTemplates.find((r) => r.title === "Shipped")!.body;
    expect(body).toBe(`Dear Jan, case ${kase.number} (K-77) has shipped. — Alice Agent {unknown}`);
    expect(help.emailSignature).toBe("Alice Agent\nSenior agent\nOrders team · +48 22 123 45 67");

    await session.ok(`mutation ($input: EmailReplyInput!) { replyByEmail(input: $input) { id } }`, {
      input: { caseId, body: `**Good news:**\n\n${body}` },
    });
    await deliverDueEmails(server.app.deps);
    const mail = await simpleParser(received.at(-1)!.raw);
    expect(mail.text).toContain(`Good news:\n\n${body}\n\n-- \nAlice Agent\nSenior agent\nOrders team · +48 22 123 45 67\n\n`);
    expect(mail.html).toContain("<strong>Good news:</strong>");
    expect(mail.html).toContain("Orders team · +48 22 123 45 67");

    // Without the signature when the agent unticks it.
    await session.ok(`mutation ($input: EmailReplyInput!) { replyByEmail(input: $input) { id } }`, { input: { caseId, body: "Short.", signature: false } });
    await deliverDueEmails(server.app.deps);
    expect((await simpleParser(received.at(-1)!.raw)).text).not.toContain("Senior agent");
    await db.queue.update({ where: { id: mailbox.queueId }, data: { emailSignature: "" } });
  });

  it("a forward carries the customer's mail and its attachments", async () => {
    const raw = new TextDecoder().decode(fixture("html-attachment.eml")).replace("invoice-1@", "invoice-fwd@");
    const { caseId } = await ingestEmail(mailbox, { uidValidity: 1n, uid: ++uid }, await parseEmail(new TextEncoder().encode(raw)), server.app.deps);
    const viewer = await asViewer(server.app, agentId);
    await server.app.db.prisma.case.update({ where: { id: caseId! }, data: { assigneeId: agentId } });
    await replyByEmail(viewer, { caseId: caseId!, body: "Please check this invoice.", forward: true, to: ["accounts@shop.test"] }, server.app.deps);
    await deliverDueEmails(server.app.deps);
    expect(received.at(-1)!.to).toEqual(["accounts@shop.test"]);
    const mail = await simpleParser(received.at(-1)!.raw);
    expect(mail.subject).toMatch(/^Fwd: /);
    expect(mail.text).toContain("---------- Forwarded message ----------");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["notes.docx"]);
  });
});

describe("automatic acknowledgements", () => {
  const ack = () => ({
    ...mailbox,
    acknowledgement: { fromAddress: "support@support.test", fromName: "Support", body: "Dear {first_name}, your case is {case_number}." },
  });
  const mail = (from: string, id: string, extra = "") =>
    new TextEncoder().encode(
      `From: Ewa Nowak <${from}>\r\nTo: support@support.test\r\nSubject: Help ${id}\r\nMessage-ID: <${id}@customer.test>\r\n${extra}\r\nPlease help.\r\n`,
    );

  it("answers a new case's sender, threaded under their mail, with the template filled in", async () => {
    const before = received.length;
    const r = await ingestEmail(ack(), { uidValidity: 1n, uid: ++uid }, await parseEmail(mail("ewa@customer.test", "ack-1")), server.app.deps);
    expect(await deliverDueEmails(server.app.deps)).toMatchObject({ sent: 1 });
    expect(received.length).toBe(before + 1);
    const sent = await simpleParser(received.at(-1)!.raw);
    const kase = await server.app.db.prisma.case.findUniqueOrThrow({ where: { id: r.caseId! } });
    expect(sent.text?.trim()).toBe(`Dear Ewa, your case is ${kase.number}.`);
    expect(sent.inReplyTo).toBe("<ack-1@customer.test>");
    expect(sent.subject).toBe(`Re: Help ack-1 [#${kase.number}]`);
  });

  it("never answers automatic mail, lists or bounces, nor a sender already answered three times this hour", async () => {
    const outbound = () => server.app.db.prisma.emailMessage.count({ where: { direction: "OUTBOUND", message: { authorType: "SYSTEM" } } });
    const start = await outbound();
    await ingestEmail(
      ack(),
      { uidValidity: 1n, uid: ++uid },
      await parseEmail(mail("ooo@customer.test", "ack-2", "Auto-Submitted: auto-replied\r\n")),
      server.app.deps,
    );
    await ingestEmail(
      ack(),
      { uidValidity: 1n, uid: ++uid },
      await parseEmail(mail("list@customer.test", "ack-3", "List-Id: <news.customer.test>\r\n")),
      server.app.deps,
    );
    await ingestEmail(ack(), { uidValidity: 1n, uid: ++uid }, await parseEmail(mail("noreply@customer.test", "ack-4")), server.app.deps);
    expect(await outbound()).toBe(start);
    for (let n = 0; n < 4; n++)
      await ingestEmail(ack(), { uidValidity: 1n, uid: ++uid }, await parseEmail(mail("loop@customer.test", `loop-${n}`)), server.app.deps);
    expect(await outbound()).toBe(start + 3);
  });

  it("an attachment over the mailbox's limit is kept in the original and the agent is told", async () => {
    const small = { ...mailbox, maxAttachmentBytes: 10 };
    const r = await ingestEmail(small, { uidValidity: 1n, uid: ++uid }, await parseEmail(fixture("html-attachment.eml")), server.app.deps);
    expect(r.outcome).toBe("DUPLICATE"); // already taken in above: same Message-ID
    const raw = new TextDecoder().decode(fixture("html-attachment.eml")).replace("invoice-1@", "invoice-2@");
    const again = await ingestEmail(small, { uidValidity: 1n, uid: ++uid }, await parseEmail(new TextEncoder().encode(raw)), server.app.deps);
    const m = await server.app.db.prisma.message.findUniqueOrThrow({ where: { id: again.messageId! }, include: { attachments: true } });
    expect(m.attachments).toHaveLength(0);
    expect(m.body).toContain("kept only in the original message: notes.docx");
  });
});

describe("the original message", () => {
  it("downloads whole for staff who may see the case, and for nobody else", async () => {
    const raw = new TextDecoder().decode(fixture("reply.eml")).replace("order-1234-reply@", "order-1234-original@");
    const { messageId } = await ingestEmail(mailbox, { uidValidity: 1n, uid: ++uid }, await parseEmail(new TextEncoder().encode(raw)), server.app.deps);
    const agent = await server.app.db.prisma.user.findUniqueOrThrow({ where: { id: agentId } });
    const staff = new TestSession(server.url);
    await staff.signIn(agent.username, PASSWORD);
    const download = (session: TestSession) => fetch(`${server.url}/api/attachments/original/${messageId}`, { headers: { cookie: session.cookie } });
    const res = await download(staff);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("message/rfc822");
    expect(await res.text()).toContain("In-Reply-To: <order-1234@customer.test>");
    const otherOrg = await makeOrg(server.app);
    const stranger = await makeUser(server.app, otherOrg, "ADMIN");
    const outsider = new TestSession(server.url);
    await outsider.signIn(stranger.username, PASSWORD);
    expect((await download(outsider)).status).toBe(404);
  });
});
