// Saved and scheduled reports through the API as the browser uses it, and the sending job against
// a real SMTP server: a team lead saves a queue report with a schedule and sees only their own; an
// agent, another lead and another organisation are refused; bad recipients and queues outside the
// lead's scope are refused field by field. The due report goes out once per recipient with a
// readable XLSX, and not again; an owner who lost reports.read gets nothing sent, in words.
import ExcelJS from "exceljs";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendScheduledReports } from "../../domain/reports/send-scheduled-reports.ts";
import { smtpMailer } from "../../lib/adapters/mailer.ts";
import { JOB_NAMES } from "../../lib/jobs/sweep-jobs.ts";
import { composeReportMail } from "../../lib/saved-report-mail.ts";
import { type TestOrg, makeOrg, makeQueue, makeTeam, makeUser, signedInUser } from "../factories/index.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { type TestServer, type TestSession, startTestServer } from "../support/test-server.ts";

let smtp: SmtpSink;
let server: TestServer;
let org: TestOrg;
let queueId: string;
let otherQueueId: string;
let lead: { user: { id: string }; session: TestSession };

const SAVE = `mutation($id: ID, $i: SavedReportInput!) { saveReport(id: $id, input: $i) { id name schedule weekday sendHour recipients format nextSendAt parameters owner { id } } }`;
const LIST = `query($all: Boolean) { savedReports(all: $all) { id name lastSentAt lastError } }`;
const DELETE = `mutation($id: ID!) { deleteSavedReport(id: $id) }`;
const db = () => server.app.db.prisma;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url, ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  lead = await signedInUser(server.app, server.url, org, "SUPERVISOR");
  const agent = await makeUser(server.app, org, "AGENT");
  await makeTeam(server.app, org, [{ userId: lead.user.id, lead: true }, { userId: agent.id }]);
  queueId = (await makeQueue(server.app, org, [{ userId: agent.id }])).id;
  otherQueueId = (await makeQueue(server.app, org, [])).id;
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const weekly = (over: Record<string, unknown> = {}) => ({
  name: "Sales weekly",
  kind: "QUEUES",
  parameters: { period: "LAST_WEEK", interval: "DAY", queueId },
  schedule: "WEEKLY",
  weekday: 1,
  sendHour: 7,
  recipients: ["Boss@Example.com", "team@example.com"],
  format: "XLSX",
  ...over,
});

describe("saving reports", () => {
  it("keeps a lead's report for them alone, with its next send time, audit-logged", async () => {
    const { saveReport: saved } = await lead.session.ok(SAVE, { i: weekly() });
    expect(saved).toMatchObject({ name: "Sales weekly", schedule: "WEEKLY", weekday: 1, recipients: ["boss@example.com", "team@example.com"], owner: { id: lead.user.id } });
    // Monday, 07:00 in Warsaw (05:00 or 06:00 UTC), within the coming week.
    const next = new Date(saved.nextSendAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect([5, 6]).toContain(next.getUTCHours());
    expect(await lead.session.ok(LIST)).toMatchObject({ savedReports: [{ id: saved.id, name: "Sales weekly" }] });
    expect(await db().auditLog.count({ where: { organizationId: org.id, action: "saved_report.created", targetId: saved.id } })).toBe(1);

    const other = await signedInUser(server.app, server.url, org, "SUPERVISOR");
    expect((await other.session.ok(LIST)).savedReports).toEqual([]);
    expect((await other.session.gql(DELETE, { id: saved.id })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect((await other.session.gql(SAVE, { id: saved.id, i: weekly({ name: "Mine now" }) })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const agent = await signedInUser(server.app, server.url, org, "AGENT");
    expect((await agent.session.gql(LIST)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const stranger = await signedInUser(server.app, server.url, await makeOrg(server.app), "ADMIN");
    expect((await stranger.session.ok(LIST, { all: true })).savedReports).toEqual([]);
    const admin = await signedInUser(server.app, server.url, org, "ADMIN");
    expect((await admin.session.ok(LIST, { all: true })).savedReports.map((r: { id: string }) => r.id)).toEqual([saved.id]);
    expect((await admin.session.ok(LIST)).savedReports).toEqual([]);

    // Changing it: no schedule, so nothing is to be sent.
    const { saveReport: changed } = await lead.session.ok(SAVE, { id: saved.id, i: weekly({ schedule: "NONE", recipients: [] }) });
    expect(changed).toMatchObject({ id: saved.id, schedule: "NONE", weekday: null, nextSendAt: null });
    expect(await db().auditLog.count({ where: { organizationId: org.id, action: "saved_report.updated", targetId: saved.id } })).toBe(1);
    expect(await lead.session.ok(DELETE, { id: saved.id })).toEqual({ deleteSavedReport: true });
    expect((await lead.session.ok(LIST)).savedReports).toEqual([]);
  });

  it("refuses bad recipients, too many, a missing weekday, a queue outside the lead's, and a name used twice", async () => {
    const fields = async (i: Record<string, unknown>) => {
      const r = await lead.session.gql(SAVE, { i });
      expect(r.errors?.[0].extensions?.code, JSON.stringify(r.errors)).toMatch(/INVALID_INPUT|CONFLICT/);
      return (r.errors![0].extensions!.fields as { path: string }[]).map((f) => f.path);
    };
    expect(await fields(weekly({ name: "A", recipients: ["not-an-address"] }))).toEqual(["input.recipients.0"]);
    expect(await fields(weekly({ name: "B", recipients: Array.from({ length: 11 }, (_, n) => `r${n}@example.com`) }))).toEqual(["input.recipients"]);
    expect(await fields(weekly({ name: "C", weekday: null }))).toEqual(["input.weekday"]);
    expect(await fields(weekly({ name: "D", recipients: [] }))).toEqual(["input.recipients"]);
    expect(await fields(weekly({ name: "E", parameters: { period: "LAST_WEEK", queueId: otherQueueId } }))).toEqual(["queueIds"]);
    expect(await fields(weekly({ name: "F", parameters: { period: "SOMETIME" } }))).toEqual(["input.parameters.period"]);
    await lead.session.ok(SAVE, { i: weekly({ name: "Twice" }) });
    expect(await fields(weekly({ name: "Twice" }))).toEqual(["input.name"]);
  });
});

describe("the sending job", () => {
  it("e-mails a due report once to each recipient, with the XLSX attached, and moves its next send on", async () => {
    const { saveReport: saved } = await lead.session.ok(SAVE, { i: weekly({ name: "Daily", schedule: "DAILY", parameters: { period: "LAST_7_DAYS", queueId } }) });
    await db().savedReport.update({ where: { id: saved.id }, data: { nextSendAt: new Date(Date.now() - 60_000) } });
    const before = smtp.mails.length;
    expect(await server.workers.jobs.run(JOB_NAMES.scheduledReports)).toMatchObject({ ran: true, result: { sent: 1, failed: 0 } });
    expect(await server.workers.jobs.run(JOB_NAMES.scheduledReports)).toMatchObject({ ran: true, result: { sent: 0, failed: 0 } });
    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => m.to).sort()).toEqual([["boss@example.com"], ["team@example.com"]]);

    const mail = await simpleParser(mails[0].raw);
    expect(mail.subject).toMatch(/^Daily: /);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toMatch(/^queues-.*-day\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(mail.attachments[0].content as unknown as ArrayBuffer);
    // The owner's language (Polish, the factory's default) and eight days: seven and the total.
    expect(book.worksheets.map((w) => w.name)).toEqual(["Queues", "Per queue", "Calls in detail"]);
    expect(book.worksheets[0].rowCount).toBeGreaterThanOrEqual(9);

    const row = await db().savedReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.lastSentAt).not.toBeNull();
    expect(row.lastError).toBeNull();
    expect(row.nextSendAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("sends nothing for an owner who may no longer read reports, and says why", async () => {
    const owner = await signedInUser(server.app, server.url, org, "SUPERVISOR");
    const { saveReport: saved } = await owner.session.ok(SAVE, { i: weekly({ name: "Demoted", schedule: "DAILY", parameters: { period: "YESTERDAY" } }) });
    const agentRole = await db().role.findFirstOrThrow({ where: { organizationId: org.id, permissions: { has: "agents.work" }, NOT: { permissions: { has: "reports.read" } } } });
    await db().user.update({ where: { id: owner.user.id }, data: { roleId: agentRole.id } });
    await db().savedReport.update({ where: { id: saved.id }, data: { nextSendAt: new Date(Date.now() - 60_000) } });
    const before = smtp.mails.length;
    expect(await server.workers.jobs.run(JOB_NAMES.scheduledReports)).toMatchObject({ ran: true, result: { sent: 0, failed: 1 } });
    expect(smtp.mails.length).toBe(before);
    const row = await db().savedReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row).toMatchObject({ lastSentAt: null, lastError: "The report's owner may no longer read reports" });
    expect(row.nextSendAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("without a mail server, records why once and waits for the next send time instead of retrying", async () => {
    const { saveReport: saved } = await lead.session.ok(SAVE, { i: weekly({ name: "No SMTP", schedule: "DAILY" }) });
    await db().savedReport.update({ where: { id: saved.id }, data: { nextSendAt: new Date(Date.now() - 60_000) } });
    const deps = { ...server.app.deps, mail: smtpMailer(undefined, "centrala@example.com", server.app.log) };
    expect(await sendScheduledReports(deps, composeReportMail)).toEqual({ sent: 0, failed: 1 });
    expect(await sendScheduledReports(deps, composeReportMail)).toEqual({ sent: 0, failed: 0 });
    const row = await db().savedReport.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.lastError).toBe("No mail server is set up (SMTP_URL)");
    expect(row.nextSendAt!.getTime()).toBeGreaterThan(Date.now());
  });
});
