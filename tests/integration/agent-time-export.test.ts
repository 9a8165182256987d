// The agents' timesheet as files and as a saved, scheduled report: a fixture day of one agent
// (two sign-ins, a lunch pause, wrap-up, a 20-minute call with 5 minutes on hold) downloaded as
// XLSX and CSV by her team lead, every figure computed by hand; another team's agent is not in
// the lead's file, nor may the lead ask for that team. Saved as AGENT_TIME, it is listed and the
// sending job mails it with the timesheet attached.
import ExcelJS from "exceljs";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_NAMES } from "../../lib/jobs/sweep-jobs.ts";
import { type TestOrg, makeOrg, makeTeam, makeUser, signedInUser } from "../factories/index.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { type TestServer, type TestSession, startTestServer } from "../support/test-server.ts";

let smtp: SmtpSink;
let server: TestServer;
let org: TestOrg;
let lead: { user: { id: string }; session: TestSession };
let ada: { id: string; username: string };
let teamId: string;
let otherTeamId: string;
const db = () => server.app.db.prisma;
// 1 December 2026 in Warsaw (UTC+1): 23:00 UTC the day before to 23:00 UTC.
const FROM = "2026-11-30T23:00:00.000Z";
const TO = "2026-12-01T23:00:00.000Z";
const utc = (hm: string) => new Date(`2026-12-01T${hm}:00.000Z`);

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ SMTP_URL: smtp.url, ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  lead = await signedInUser(server.app, server.url, org, "SUPERVISOR");
  ada = await makeUser(server.app, org, "AGENT", { name: "=Ada Żak" });
  const bob = await makeUser(server.app, org, "AGENT", { name: "Bob Other" });
  teamId = (await makeTeam(server.app, org, [{ userId: lead.user.id, lead: true }, { userId: ada.id }])).id;
  otherTeamId = (await makeTeam(server.app, org, [{ userId: bob.id }])).id;
  const organizationId = org.id;
  const lunch = await db().pauseCode.create({ data: { organizationId, name: "Lunch", translations: { pl: "Obiad" } } });
  const state = (userId: string, s: "READY" | "PAUSE" | "WRAP_UP" | "OFFLINE", from: string, to: string | null, pauseCodeId: string | null = null) => ({
    organizationId,
    userId,
    state: s,
    pauseCodeId,
    source: "AGENT" as const,
    startedAt: utc(from),
    endedAt: to ? utc(to) : null,
  });
  await db().agentStateChange.createMany({
    data: [
      state(ada.id, "READY", "07:00", "09:00"),
      state(ada.id, "PAUSE", "09:00", "09:30", lunch.id),
      state(ada.id, "READY", "09:30", "10:00"),
      state(ada.id, "WRAP_UP", "10:00", "10:10"),
      state(ada.id, "OFFLINE", "10:10", "12:00"),
      state(ada.id, "READY", "12:00", "12:50"),
      state(ada.id, "OFFLINE", "12:50", null),
      state(bob.id, "READY", "07:00", "15:00"),
    ],
  });
  const process = await db().process.findFirstOrThrow({ where: { organizationId } });
  const status = await db().caseStatus.findFirstOrThrow({ where: { processId: process.id } });
  const kase = await db().case.create({ data: { organizationId, number: 1, subject: "call", processId: process.id, statusId: status.id, channel: "VOICE" } });
  const interaction = await db().interaction.create({ data: { organizationId, caseId: kase.id, channel: "VOICE", state: "ENDED", agentId: ada.id } });
  await db().call.create({
    data: {
      organizationId,
      interactionId: interaction.id,
      state: "ENDED",
      createdAt: utc("07:30"),
      answeredAt: utc("07:30"),
      endedAt: utc("07:50"),
      parties: { create: [{ role: "CALLEE", userId: ada.id, joinedAt: utc("07:30"), leftAt: utc("07:50") }] },
    },
  });
  await db().interactionEvent.createMany({
    data: [
      { type: "held", at: utc("07:35") },
      { type: "resumed", at: utc("07:40") },
    ].map((e) => ({ ...e, organizationId, interactionId: interaction.id, agentId: ada.id })),
  });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

const download = (session: TestSession, path: string) => fetch(server.url + path, { headers: { cookie: session.cookie } });
const day = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;
// A duration cell ([h]:mm:ss) reads back as a date counted from Excel's day 0 (30 Dec 1899).
const hms = (cell: ExcelJS.CellValue) => Math.round(cell instanceof Date ? (cell.getTime() - Date.UTC(1899, 11, 30)) / 1000 : (cell as number) * 86_400);

describe("the timesheet as a file", () => {
  it("XLSX: the day and the period summary of the lead's agents, with real numbers", async () => {
    const res = await download(lead.session, `/api/reports/agents.xlsx?${day}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="agent-time-2026-11-30.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["Timesheet", "Period summary"]);
    const [sheet, summary] = book.worksheets;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 4)).toEqual(["Day", "Agent", "Login", "Signed in"]);
    expect(header).toContain("Pause: Lunch");
    const rows = sheet.getSheetValues().filter((r) => r && (r as unknown[])[1] instanceof Date) as ExcelJS.CellValue[][];
    // The lead's team: Ada and the lead (a supervisor takes calls too); Bob is in another team.
    expect(rows.map((r) => r[2]).sort()).toEqual(["=Ada Żak", expect.stringMatching(/^Test supervisor/)]);
    const row = rows.find((r) => r[2] === "=Ada Żak")!;
    const col = (h: string) => row[header.indexOf(h) + 1];
    expect(col("Day")).toEqual(new Date("2026-12-01T00:00:00.000Z"));
    expect(hms(col("Signed in"))).toBe(4 * 3600); // 3:10 + 0:50
    expect(col("Sign-ins")).toBe(2);
    expect(col("First sign-in")).toEqual(new Date("2026-12-01T08:00:00.000Z")); // 08:00 on Warsaw's clock
    expect(col("Last sign-out")).toEqual(new Date("2026-12-01T13:50:00.000Z"));
    expect(hms(col("Longest sign-in"))).toBe(3 * 3600 + 600);
    expect(hms(col("Shortest sign-in"))).toBe(50 * 60);
    expect(hms(col("Average sign-in"))).toBe(2 * 3600);
    expect(hms(col("Ready"))).toBe(3 * 3600 + 20 * 60);
    expect(hms(col("On calls"))).toBe(20 * 60);
    expect(hms(col("On hold"))).toBe(5 * 60);
    expect(hms(col("Wrap-up"))).toBe(10 * 60);
    expect(hms(col("Pause"))).toBe(30 * 60);
    expect(hms(col("Pause: Lunch"))).toBe(30 * 60);
    expect(col("Occupancy")).toBeCloseTo(1800 / 12_600); // (talk + wrap-up) ÷ (Ready + wrap-up)
    expect(col("Utilisation")).toBeCloseTo(1800 / 14_400); // (talk + wrap-up) ÷ signed in
    expect(sheet.getRow(1).getCell(header.indexOf("Occupancy") + 1).numFmt).toBe("0.0%");
    // The summary: the same figures for the period, one row per agent.
    const total = summary.getSheetValues().find((r) => r && (r as unknown[])[1] === "=Ada Żak") as ExcelJS.CellValue[];
    expect(total.slice(1, 3)).toEqual(["=Ada Żak", ada.username]);
    expect(hms(total[3])).toBe(4 * 3600);
  });

  it("CSV: the same rules as the queue report's (BOM, h:mm:ss, whole percent, formula guard)", async () => {
    const res = await download(lead.session, `/api/reports/agents.csv?${day}`);
    expect(res.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFFDay,Agent,Login,Signed in,Sign-ins,")).toBe(true);
    expect(text).toContain(`'=Ada Żak,${ada.username},4:00:00,2,`);
    expect(text).toContain(",3:10:00,0:50:00,2:00:00,3:20:00,0:20:00,0:05:00,0:10:00,0:30:00,0:00:00,0:00:00,14,13,0:30:00\r\n");
    expect(text).toContain("\r\nPeriod summary\r\nAgent,Login,Signed in,");
    expect(text).not.toContain("Bob Other");
  });

  it("refuses another team, someone without reports.read, and no session", async () => {
    const res = await download(lead.session, `/api/reports/agents.csv?${day}&teamId=${otherTeamId}`);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("teamId");
    const agent = await signedInUser(server.app, server.url, org, "AGENT");
    expect((await download(agent.session, `/api/reports/agents.xlsx?${day}`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/reports/agents.xlsx?${day}`)).status).toBe(401);
  });
});

const SAVE = `mutation($i: SavedReportInput!) { saveReport(input: $i) { id kind parameters } }`;

describe("saved and scheduled", () => {
  it("saves the agents' time with its team, lists it, and the job mails the timesheet", async () => {
    const input = {
      name: "Day shift time",
      kind: "AGENT_TIME",
      parameters: { period: "YESTERDAY", teamId },
      schedule: "DAILY",
      sendHour: 7,
      recipients: ["boss@example.com"],
      format: "CSV",
    };
    const { saveReport: saved } = await lead.session.ok(SAVE, { i: input });
    expect(saved).toMatchObject({ kind: "AGENT_TIME", parameters: { period: "YESTERDAY", teamId } });
    expect((await lead.session.ok(`{ savedReports { id kind } }`)).savedReports).toEqual([{ id: saved.id, kind: "AGENT_TIME" }]);
    const refused = await lead.session.gql(SAVE, { i: { ...input, name: "Not mine", parameters: { period: "YESTERDAY", teamId: otherTeamId } } });
    expect((refused.errors?.[0].extensions?.fields as { path: string }[]).map((f) => f.path)).toEqual(["teamId"]);

    await db().savedReport.update({ where: { id: saved.id }, data: { nextSendAt: new Date(Date.now() - 60_000) } });
    const before = smtp.mails.length;
    expect(await server.workers.jobs.run(JOB_NAMES.scheduledReports)).toMatchObject({ ran: true, result: { sent: 1, failed: 0 } });
    const mail = await simpleParser(smtp.mails[before].raw);
    expect(mail.subject).toMatch(/^Day shift time: /);
    expect(mail.attachments[0].filename).toMatch(/^agent-time-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = mail.attachments[0].content.toString("utf8");
    expect(csv).toContain(`'=Ada Żak,${ada.username},`);
    expect(csv).not.toContain("Bob Other");
    expect(await db().savedReport.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ lastError: null });
  });
});
