// The cases report on the real database. Fixture cases written through the product's own paths
// (created, their status changed by a supervisor) around the clocks going forward in Warsaw
// (29 March 2026, a 23-hour day), checked against figures worked out by hand: created, resolved
// (a case resolved twice counts twice), the backlog by status at each day's end, first-response
// and resolution breaches and overdue deadlines in the day each fell due. The status spans kept
// current one change at a time equal a rebuild; every figure lists its cases.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { rebuildCaseStatusSpans } from "../../domain/cases/status-spans.ts";
import { updateCase } from "../../domain/cases/update-case.ts";
import { caseReportCases } from "../../domain/reports/case-report-cases.ts";
import { caseReport } from "../../domain/reports/case-report.ts";
import { runReport } from "../../domain/reports/saved-report-run.ts";
import { reportFile } from "../../lib/report-files.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, signedInUser } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
}, 240_000);
afterAll(() => server?.close());
const db = () => server.app.db.prisma;
const s = (iso: string) => new Date(iso);

describe("fixture cases around the clocks going forward (Warsaw, 29 March 2026)", () => {
  let org: TestOrg;
  let adminId: string;
  let sales: { id: string };
  const ids: Record<string, string> = {};
  const status: Record<string, string> = {};
  // 28, 29 (23 hours) and 30 March in Warsaw.
  const period = { from: s("2026-03-27T23:00:00Z"), to: s("2026-03-30T22:00:00Z") };
  const deps = () => ({ ...server.app.deps, now: () => s("2026-04-02T10:00:00Z") });

  async function make(name: string, queueId: string, at: string) {
    const kase = await db().$transaction((tx) => createCase(tx, { organizationId: org.id, channel: "EMAIL", subject: name, contactId: null, queueId, now: s(at) }));
    ids[name] = kase.id;
  }
  async function move(name: string, category: string, at: string) {
    const viewer = await asViewer(server.app, adminId);
    await updateCase(viewer, { caseId: ids[name], statusId: status[category] }, { ...server.app.deps, now: () => s(at) });
  }

  beforeAll(async () => {
    org = await makeOrg(server.app);
    adminId = (await makeUser(server.app, org, "ADMIN")).id;
    await db().organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    sales = await makeQueue(server.app, org, []);
    const backup = await makeQueue(server.app, org, []);
    await make("A", sales.id, "2026-03-28T10:00:00Z");
    const kase = await db().case.findUniqueOrThrow({ where: { id: ids.A } });
    for (const st of await db().caseStatus.findMany({ where: { processId: kase.processId }, orderBy: { sortOrder: "asc" } })) status[st.category] ??= st.id;
    await make("C", sales.id, "2026-03-28T23:30:00Z"); // 00:30 on the 29th in Warsaw
    await make("B", sales.id, "2026-03-29T22:30:00Z"); // 00:30 on the 30th (summer time)
    await make("D", backup.id, "2026-03-28T09:00:00Z");
    await move("A", "OPEN", "2026-03-28T12:00:00Z");
    await move("C", "PENDING", "2026-03-29T10:00:00Z");
    await move("A", "RESOLVED", "2026-03-29T22:30:00Z");
    await move("C", "CLOSED", "2026-03-30T08:00:00Z");
    await move("C", "OPEN", "2026-03-30T09:00:00Z");
    await move("C", "RESOLVED", "2026-03-30T10:00:00Z");
    await move("A", "CLOSED", "2026-03-30T12:00:00Z");
    // The clocks as they stood (written last: a status change moves them on).
    const set = (name: string, data: Record<string, Date | null>) => db().case.update({ where: { id: ids[name] }, data });
    await set("A", { slaFirstResponseDueAt: s("2026-03-28T11:00:00Z"), slaFirstRespondedAt: s("2026-03-28T11:30:00Z"), slaResolutionDueAt: s("2026-03-29T21:00:00Z"), deadline: s("2026-03-28T20:00:00Z") });
    await set("B", { slaFirstResponseDueAt: s("2026-03-30T21:59:00Z"), slaFirstRespondedAt: null, slaResolutionDueAt: s("2026-03-31T10:00:00Z"), deadline: s("2026-03-30T08:00:00Z") });
    await set("C", { slaFirstResponseDueAt: s("2026-03-29T01:00:00Z"), slaFirstRespondedAt: s("2026-03-29T00:50:00Z"), slaResolutionDueAt: s("2026-03-30T20:00:00Z"), deadline: s("2026-03-30T12:00:00Z") });
  });

  it("counts each day on the organisation's clock, the 23-hour day included", async () => {
    const viewer = await asViewer(server.app, adminId);
    const r = await caseReport(viewer, { ...period, interval: "DAY", queueIds: [sales.id] }, deps());
    expect(r.intervals.map((i) => [i.key, i.start.toISOString(), i.end.toISOString()])).toEqual([
      ["2026-03-28", "2026-03-27T23:00:00.000Z", "2026-03-28T23:00:00.000Z"],
      ["2026-03-29", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
      ["2026-03-30", "2026-03-29T22:00:00.000Z", "2026-03-30T22:00:00.000Z"],
    ]);
    const pick = (i: (typeof r.intervals)[number]) => [i.CREATED, i.RESOLVED, i.FIRST_RESPONSE_BREACHED, i.RESOLUTION_BREACHED, i.OVERDUE];
    expect(r.intervals.map(pick)).toEqual([
      [1, 0, 1, 0, 1], // A created; A answered late; A's deadline passed (closed on the 30th)
      [1, 0, 0, 1, 0], // C created (00:30, not the 28th as in UTC); A resolved after its due time
      [1, 3, 1, 0, 1], // B created (00:30 summer time); A resolved, C closed and resolved again; B unanswered; B overdue
    ]);
    expect(r.total).toEqual({ CREATED: 3, RESOLVED: 3, FIRST_RESPONSE_BREACHED: 2, RESOLUTION_BREACHED: 1, OVERDUE: 2 });
    expect(r.intervals.map((i) => i.backlog)).toEqual([{ [status.OPEN]: 1 }, { [status.OPEN]: 1, [status.PENDING]: 1 }, { [status.NEW]: 1 }]);
    expect(r.statuses.map((x) => x.category)).toEqual(["NEW", "OPEN", "PENDING"]);
  });

  it("without a queue chosen counts every queue's cases; by week and month", async () => {
    const viewer = await asViewer(server.app, adminId);
    const all = await caseReport(viewer, { ...period, interval: "DAY" }, deps());
    expect(all.total.CREATED).toBe(4);
    expect(all.intervals.map((i) => i.backlogTotal)).toEqual([2, 3, 2]);
    const week = await caseReport(viewer, { ...period, interval: "WEEK", queueIds: [sales.id] }, deps());
    expect(week.intervals.map((i) => [i.key, i.CREATED, i.RESOLVED, i.backlogTotal])).toEqual([
      ["2026-03-23", 2, 0, 2],
      ["2026-03-30", 1, 3, 1],
    ]);
  });

  it("lists the cases behind a figure, and the backlog of one status", async () => {
    const viewer = await asViewer(server.app, adminId);
    const resolved = await caseReportCases(viewer, { ...period, interval: "DAY", queueIds: [sales.id], figure: "RESOLVED", intervalStart: s("2026-03-29T22:00:00Z") }, deps());
    expect(resolved.total).toBe(3);
    expect(resolved.cases.map((c) => c.caseId)).toEqual([ids.A, ids.C, ids.C]);
    const pending = await caseReportCases(
      viewer,
      { ...period, interval: "DAY", queueIds: [sales.id], figure: "BACKLOG", intervalStart: s("2026-03-28T23:00:00Z"), statusId: status.PENDING },
      deps(),
    );
    expect(pending.cases.map((c) => [c.caseId, c.at.toISOString()])).toEqual([[ids.C, "2026-03-29T22:00:00.000Z"]]);
    const overdue = await caseReportCases(viewer, { ...period, interval: "DAY", queueIds: [sales.id], figure: "OVERDUE" }, deps());
    expect(overdue.cases.map((c) => c.caseId)).toEqual([ids.A, ids.B]);
  });

  it("answers over GraphQL with the statuses' names and the cases behind a cell", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const vars = { from: period.from.toISOString(), to: period.to.toISOString(), queueIds: [sales.id] };
    const data = await session.ok<{ caseReport: { total: { created: number; resolved: number }; intervals: { backlogTotal: number }[]; statuses: { name: string }[] } }>(
      `query($from: DateTime, $to: DateTime, $queueIds: [ID!]) { caseReport(from: $from, to: $to, queueIds: $queueIds, interval: DAY) {
        total { created resolved } intervals { backlogTotal } statuses { name } } }`,
      vars,
    );
    expect(data.caseReport.total).toEqual({ created: 3, resolved: 3 });
    expect(data.caseReport.intervals.map((i) => i.backlogTotal)).toEqual([1, 2, 1]);
    const cells = await session.ok<{ caseReportCases: { total: number; cases: { number: number }[] } }>(
      `query($from: DateTime, $to: DateTime, $queueIds: [ID!]) { caseReportCases(from: $from, to: $to, queueIds: $queueIds, interval: DAY, figure: CREATED) { total cases { number } } }`,
      vars,
    );
    expect(cells.caseReportCases.total).toBe(3);
  });

  it("downloads as XLSX (counts and the backlog by status) and CSV, refused without reports.read", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const q = new URLSearchParams({ from: period.from.toISOString(), to: period.to.toISOString(), queueId: sales.id, interval: "DAY" });
    const res = await fetch(`${server.url}/api/reports/cases.xlsx?${q}`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="cases-2026-03-27-day.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["Cases", "Backlog by status"]);
    const values = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    const [counts, backlog] = book.worksheets.map(values);
    expect(counts[0]).toEqual(["Interval", "Start", "Created", "Resolved", "First response missed", "Resolution missed", "Past deadline", "Backlog"]);
    expect(counts.slice(1, 5).map((r) => r.slice(2))).toEqual([
      [1, 0, 1, 0, 1, 1],
      [1, 0, 0, 1, 0, 2],
      [1, 3, 1, 0, 1, 1],
      [3, 3, 2, 1, 2, 1], // the whole period; its backlog is the one at its end
    ]);
    // The start of each day as the organisation's wall clock (a date without a zone).
    expect((counts[2][1] as Date).toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(backlog[0].slice(2)).toEqual(["New", "Open", "Waiting for customer", "Backlog"]);
    expect(backlog[2].slice(2)).toEqual([0, 1, 1, 2]);

    const csv = Buffer.from(await (await fetch(`${server.url}/api/reports/cases.csv?${q}`, { headers: { cookie: session.cookie } })).arrayBuffer()).toString("utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFInterval,Created,Resolved,First response missed,Resolution missed,Past deadline,Backlog,New,Open,Waiting for customer");
    expect(csv).toContain("\r\nWhole period,3,3,2,1,2,1,1,0,0");
    q.set("interval", "HOUR");
    expect((await fetch(`${server.url}/api/reports/cases.csv?${q}`, { headers: { cookie: session.cookie } })).status).toBe(422);
    const { session: agent } = await signedInUser(server.app, server.url, org, "AGENT");
    expect((await fetch(`${server.url}/api/reports/cases.csv`, { headers: { cookie: agent.cookie } })).status).toBe(403);
  });

  it("saves as a report of its own kind, run for the period before the day it is sent", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const SAVE = `mutation($i: SavedReportInput!) { saveReport(input: $i) { id kind parameters } }`;
    const bad = await session.gql(SAVE, { i: { name: "Hourly cases", kind: "CASES", parameters: { period: "LAST_WEEK", interval: "HOUR" } } });
    expect(bad.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    const { saveReport: saved } = await session.ok(SAVE, { i: { name: "Cases by week", kind: "CASES", parameters: { period: "LAST_MONTH", interval: "WEEK", queueId: sales.id } } });
    expect(saved.kind).toBe("CASES");
    const viewer = await asViewer(server.app, adminId);
    const run = await runReport(viewer, { kind: "CASES", parameters: saved.parameters }, "Europe/Warsaw", deps());
    expect(run.kind === "CASES" && [run.report.interval, run.report.from.toISOString(), run.report.total.CREATED]).toEqual(["WEEK", "2026-02-28T23:00:00.000Z", 3]);
    expect(reportFile(run, "pl").baseName).toBe("cases-2026-02-28-week");
    expect(reportFile(run, "pl").csv()).toContain("\r\nCały okres,3,3,2,2,2,1,1,0,0"); // B missed its resolution on the 31st
  });

  it("is refused without reports.read", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    await expect(caseReport(await asViewer(server.app, agent.id), { ...period, interval: "DAY" }, deps())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the spans kept one change at a time equal a rebuild from the history", async () => {
    const spans = () => db().caseStatusSpan.findMany({ where: { organizationId: org.id }, select: { caseId: true, statusId: true, fromAt: true, toAt: true }, orderBy: [{ caseId: "asc" }, { fromAt: "asc" }] });
    const live = await spans();
    expect(live.filter((x) => x.caseId === ids.C).map((x) => x.statusId)).toEqual([status.NEW, status.PENDING, status.CLOSED, status.OPEN, status.RESOLVED]);
    expect(await rebuildCaseStatusSpans(org.id, { db: db() })).toBe(4);
    expect(await spans()).toEqual(live);
  });
});
