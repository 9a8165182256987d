// Admins' side of mailboxes over GraphQL: save (passwords sealed, never returned), "test
// connection" naming the failing step against a real Dovecot, and nobody else may do either.
import { type AddressInfo, type Socket, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser } from "../factories/index.ts";
import { type Dovecot, startDovecot } from "../support/dovecot.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let dovecot: Dovecot;
let server: TestServer;
let org: TestOrg;
let admin: TestSession;
let queueId: string;

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.addUser("sales", "right password");
  server = await startTestServer({ MAIL_POLL_SECONDS: "3600", ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "ADMIN");
  admin = new TestSession(server.url);
  await admin.signIn(a.username, PASSWORD);
  queueId = (await makeQueue(server.app, org, [])).id;
});
afterAll(async () => {
  await server?.close();
  await dovecot?.stop();
});

const config = (over: Record<string, unknown> = {}) => ({
  imap: { host: dovecot.host, port: dovecot.port, security: "none", user: "sales", folder: "INBOX", ...over },
  smtp: null,
  fromAddress: "sales@support.test",
  fromName: "Sales",
});
const TEST = `mutation($id: ID, $input: MailboxInput!) { testMailbox(id: $id, input: $input) { imap { ok step message } smtp { ok } } }`;
const SAVE = `mutation($id: ID, $input: MailboxInput!) { saveMailbox(id: $id, input: $input) { id name config status { lastError } } }`;

describe("mailboxes for admins", () => {
  it("test connection says which step fails, in words", async () => {
    const input = (c: Record<string, unknown>, imapPassword: string) => ({ name: "Sales", queueId, active: true, config: config(c), imapPassword });
    const ok = await admin.ok(TEST, { input: input({}, "right password") });
    expect(ok.testMailbox.imap).toMatchObject({ ok: true, message: '0 messages in "INBOX"' });
    const auth = await admin.ok(TEST, { input: input({}, "wrong") });
    expect(auth.testMailbox.imap).toMatchObject({ ok: false, step: "AUTH", message: "The server refused the user name or password" });
    const folder = await admin.ok(TEST, { input: input({ folder: "Nope" }, "right password") });
    expect(folder.testMailbox.imap).toMatchObject({ ok: false, step: "FOLDER", message: 'The folder "Nope" does not exist on the server' });
    const closed = await admin.ok(TEST, { input: input({ port: 1 }, "right password") });
    expect(closed.testMailbox.imap).toMatchObject({ ok: false, step: "CONNECT" });
    const dns = await admin.ok(TEST, { input: input({ host: "no-such-host.invalid" }, "right password") });
    expect(dns.testMailbox.imap).toMatchObject({ ok: false, step: "DNS" });
  });

  it("saves a mailbox with its password sealed and never returned; an empty password keeps it; audited", async () => {
    const saved = await admin.ok(SAVE, { input: { name: "Sales", queueId, active: true, config: config(), imapPassword: "right password" } });
    const id = saved.saveMailbox.id;
    const row = await server.app.db.prisma.entryPoint.findUniqueOrThrow({ where: { id } });
    expect(row.credentials).not.toContain("right password");
    expect(JSON.stringify(saved)).not.toContain("right password");
    // Renamed without a password: the stored one still works.
    await admin.ok(SAVE, { id, input: { name: "Sales PL", queueId, active: true, config: config() } });
    expect((await admin.ok(TEST, { id, input: { name: "Sales PL", queueId, active: true, config: config() } })).testMailbox.imap.ok).toBe(true);
    const audit = await admin.ok(`{ auditLog(action: "mailbox.") { action targetId } }`);
    expect(audit.auditLog.map((a: { action: string }) => a.action).sort()).toEqual(["mailbox.created", "mailbox.updated"]);
    const bad = await admin.gql(SAVE, {
      input: { name: "X", queueId, active: true, config: { ...config(), fromAddress: "not an address" }, imapPassword: "p" },
    });
    expect(bad.errors![0].extensions!.code).toBe("INVALID_INPUT");
  });

  it("never sends a saved password to another server: it must be typed again, and nothing connects there", async () => {
    // "Another host": a listener that notes every connection and whatever it is sent.
    const seen: string[] = [];
    const sockets = new Set<Socket>();
    const other = createServer((socket) => {
      sockets.add(socket);
      seen.push("connected");
      socket.on("data", (d) => seen.push(d.toString()));
      socket.end();
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const port = (other.address() as AddressInfo).port;
    try {
      const smtp = { host: "127.0.0.1", port: 1, security: "none", user: "sales" };
      const saved = await admin.ok(SAVE, {
        input: { name: "Guarded", queueId, active: true, config: { ...config(), smtp }, imapPassword: "right password", smtpPassword: "smtp secret" },
      });
      const id = saved.saveMailbox.id;
      const input = (c: Record<string, unknown>) => ({ name: "Guarded", queueId, active: true, config: c });
      const refused = async (query: string, c: Record<string, unknown>, field: string) => {
        const r = await admin.gql(query, { id, input: input(c) });
        expect(r.errors?.[0].extensions).toMatchObject({
          code: "INVALID_INPUT",
          fields: [expect.objectContaining({ path: field, code: "required_for_new_server" })],
        });
      };
      for (const query of [TEST, SAVE]) {
        await refused(query, { ...config({ host: "127.0.0.1", port }), smtp }, "input.imapPassword");
        await refused(query, { ...config({ user: "someone-else" }), smtp }, "input.imapPassword");
        await refused(query, { ...config(), smtp: { ...smtp, port } }, "input.smtpPassword");
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual([]);
      const row = await server.app.db.prisma.entryPoint.findUniqueOrThrow({ where: { id } });
      expect(row.config).toMatchObject({ imap: { host: dovecot.host, port: dovecot.port, user: "sales" }, smtp: { port: 1 } });
      // Unchanged servers still use the saved password; a typed one goes wherever the admin says.
      expect((await admin.ok(TEST, { id, input: input({ ...config(), smtp: null }) })).testMailbox.imap.ok).toBe(true);
      const typed = await admin.ok(TEST, { id, input: { ...input({ ...config({ host: "127.0.0.1", port }), smtp: null }), imapPassword: "a typed one" } });
      expect(typed.testMailbox.imap.ok).toBe(false);
      expect(seen[0]).toBe("connected");
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => other.close(r));
    }
  });

  it("agents and supervisors can neither see nor test mailboxes", async () => {
    for (const role of ["AGENT", "SUPERVISOR"] as const) {
      const u = await makeUser(server.app, org, role);
      const s = new TestSession(server.url);
      await s.signIn(u.username, PASSWORD);
      expect((await s.gql(`{ mailboxes { id } }`)).errors![0].extensions!.code).toBe("FORBIDDEN");
      const r = await s.gql(TEST, { input: { name: "x", queueId, active: true, config: config(), imapPassword: "right password" } });
      expect(r.errors![0].extensions!.code).toBe("FORBIDDEN");
    }
  });
});
