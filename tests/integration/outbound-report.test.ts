// The Outbound calls report on the real database: a fixture day of calls out (an agent's own, a
// call-back, a campaign's answered, machine, abandoned and busy calls; one across midnight) on the
// organisation's clock, checked against figures worked out by hand; counting one again changes
// nothing, the rows kept current one call at a time equal a rebuild, and a team lead sees only
// their agents' own calls.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { applyOutboundCall, rebuildOutboundIntervals } from "../../domain/reports/outbound-intervals.ts";
import { outboundReportList } from "../../domain/reports/outbound-report-list.ts";
import { outboundReport } from "../../domain/reports/outbound-report.ts";
import { runReport } from "../../domain/reports/saved-report-run.ts";
import type { OutboundParameters } from "../../domain/reports/saved-report-input.ts";
import { reportFile } from "../../lib/report-files.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeTeam, makeUser, signedInUser } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
}, 240_000);
afterAll(() => server?.close());
const db = () => server.app.db.prisma;

interface CallOut {
  agent: string | null;
  /** Seconds from the start: answered (null: never), ended. */
  answered: number | null;
  ended: number;
  sipCode?: number | null;
  data?: Record<string, unknown>;
  queue?: boolean;
  attempt?: { amdResult?: string; outcome: "REACHED" | "MACHINE" | "ABANDONED" | "BUSY" };
}

describe("a fixture day of calls out (Warsaw, 10 March 2026)", () => {
  let org: TestOrg;
  let queue: { id: string };
  let campaignId: string;
  const agents: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const deps = () => ({ db: db(), now: () => new Date("2026-03-12T12:00:00Z") });

  async function callOut(name: string, start: string, c: CallOut) {
    const t0 = Date.parse(start);
    const at = (s: number) => new Date(t0 + s * 1000);
    ids[name] = await db().$transaction(async (tx) => {
      const kase = await createCase(tx, {
        organizationId: org.id,
        channel: "VOICE",
        subject: name,
        contactId: null,
        queueId: c.queue ? queue.id : null,
        now: at(0),
      });
      const i = await tx.interaction.create({
        data: {
          organizationId: org.id,
          caseId: kase.id,
          channel: "VOICE",
          direction: "OUTBOUND",
          queueId: c.queue ? queue.id : null,
          agentId: c.agent ? agents[c.agent] : null,
          state: "ENDED",
          arrivedAt: at(0),
          endedAt: at(c.ended),
          data: { phone: "+48221234567", ...c.data } as object,
        },
      });
      await tx.call.create({
        data: {
          organizationId: org.id,
          interactionId: i.id,
          state: "ENDED",
          createdAt: at(0),
          answeredAt: c.answered === null ? null : at(c.answered),
          endedAt: at(c.ended),
          sipCode: c.sipCode ?? (c.answered === null ? null : 200),
          remoteNumber: "+48221234567",
        },
      });
      if (c.attempt) {
        const contact = await tx.campaignContact.findFirstOrThrow({ where: { campaignId } });
        await tx.campaignAttempt.create({
          data: {
            organizationId: org.id,
            campaignId,
            contactId: contact.id,
            mode: "PREDICTIVE",
            interactionId: i.id,
            agentId: c.agent ? agents[c.agent] : null,
            startedAt: at(0),
            endedAt: at(c.ended),
            amdResult: c.attempt.amdResult ?? null,
            outcome: c.attempt.outcome,
          },
        });
      }
      return i.id;
    });
  }

  beforeAll(async () => {
    org = await makeOrg(server.app);
    await db().organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    for (const n of ["a1", "a2"]) agents[n] = (await makeUser(server.app, org, "AGENT", { name: `Agent ${n}` })).id;
    queue = await makeQueue(server.app, org, [{ userId: agents.a1 }, { userId: agents.a2 }]);
    const list = await db().contactList.create({
      data: { organizationId: org.id, name: "List", status: "READY", fieldNames: [], entries: { create: [{ row: 2, phone: "+48221234567", name: "P" }] } },
      include: { entries: true },
    });
    const campaign = await db().campaign.create({
      data: {
        organizationId: org.id,
        name: "Spring offer",
        queueId: queue.id,
        mode: "PREDICTIVE",
        contacts: { create: [{ entryId: list.entries[0].id, phone: "+48221234567", sortKey: 0 }] },
      },
    });
    campaignId = campaign.id;
    const camp = { data: { campaignId }, queue: true };
    // 10:00 Warsaw: a1 calls a customer; answered after 10 s, talk 2 minutes.
    await callOut("manual", "2026-03-10T09:00:00Z", { agent: "a1", answered: 10, ended: 130 });
    // 10:10: a1 calls again; busy after 4 s.
    await callOut("busy", "2026-03-10T09:10:00Z", { agent: "a1", answered: null, ended: 4, sipCode: 486 });
    // 10:20: a1 hangs up after 25 s of ringing (no answer from the network: cancelled).
    await callOut("cancel", "2026-03-10T09:20:00Z", { agent: "a1", answered: null, ended: 25 });
    // 11:00: a call-back asked for in the IVR, made by a2; answered after 6 s, talk 60 s.
    await callOut("callback", "2026-03-10T10:00:00Z", { agent: "a2", answered: 6, ended: 66, queue: true, data: { callback: true, requestedVia: "IVR" } });
    // 12:00–12:03: the campaign: a2 reached someone (ring 20 s, talk 240 s); a machine; one abandoned; 404.
    await callOut("reached", "2026-03-10T11:00:00Z", { ...camp, agent: "a2", answered: 20, ended: 260, attempt: { amdResult: "HUMAN", outcome: "REACHED" } });
    await callOut("machine", "2026-03-10T11:01:00Z", { ...camp, agent: null, answered: 12, ended: 15, attempt: { amdResult: "MACHINE", outcome: "MACHINE" } });
    await callOut("abandoned", "2026-03-10T11:02:00Z", { ...camp, agent: null, answered: 8, ended: 10, attempt: { amdResult: "HUMAN", outcome: "ABANDONED" } });
    await callOut("wrong", "2026-03-10T11:03:00Z", { ...camp, agent: null, answered: null, ended: 1, sipCode: 404 });
    // 23:59:50 Warsaw: placed on the 10th, answered and ended on the 11th: counted on the 10th.
    await callOut("midnight", "2026-03-10T22:59:50Z", { agent: "a1", answered: 15, ended: 75 });
    for (const id of Object.values(ids)) await applyOutboundCall(id, deps());
  });

  const period = { from: new Date("2026-03-09T23:00:00Z"), to: new Date("2026-03-10T23:00:00Z") };
  const manager = async () => asViewer(server.app, (await makeUser(server.app, org, "MANAGER")).id);

  it("counts the day's calls by how they ended, with ringing and talk", async () => {
    const r = await outboundReport(await manager(), { ...period, interval: "HOUR" }, deps());
    expect(r.total).toMatchObject({ calls: 9, answered: 4, machine: 1, abandoned: 1, busy: 1, noAnswer: 0, failed: 1, invalidNumber: 1, cancelled: 1 });
    // Talk: 120 + 60 + 240 + 60; ringing to the answer: 10 + 6 + 20 + 15.
    expect(r.total.talkTotal).toBe(480);
    expect(r.total.talkAvg).toBe(120);
    expect(r.total.talkMax).toBe(240);
    expect(r.total.ringAvg).toBeCloseTo(51 / 4);
    expect(r.total.answerRate).toBeCloseTo(4 / 9);
    expect(r.total.abandonRate).toBeCloseTo(1 / 5);
    const hour = (h: number) => r.intervals.find((i) => i.start.getTime() === Date.parse(`2026-03-10T${String(h - 1).padStart(2, "0")}:00:00Z`))!;
    expect(hour(10)).toMatchObject({ calls: 3, answered: 1, busy: 1, cancelled: 1 });
    expect(hour(12)).toMatchObject({ calls: 4, answered: 1, machine: 1, abandoned: 1, failed: 1 });
    expect(hour(23)).toMatchObject({ calls: 1, answered: 1 });
    expect(r.kinds.map((k) => [k.kind, k.calls])).toEqual(
      [
        ["CAMPAIGN", 4],
        ["MANUAL", 4],
        ["CALLBACK", 1],
      ].sort((a, b) => Number(b[1]) - Number(a[1])),
    );
    expect(r.campaigns).toEqual([expect.objectContaining({ name: "Spring offer", calls: 4, answered: 1 })]);
    const byAgent = Object.fromEntries(r.agents.map((a) => [a.agentId ?? "nobody", a.calls]));
    expect(byAgent).toEqual({ [agents.a1]: 4, [agents.a2]: 2, nobody: 3 });
  });

  it("lists the calls behind a figure, narrowed by the row", async () => {
    const viewer = await manager();
    const failed = await outboundReportList(viewer, { ...period, figure: "FAILED" }, deps());
    expect(failed.calls.map((c) => [c.result, c.sipCode, c.campaignName])).toEqual([["INVALID_NUMBER", 404, "Spring offer"]]);
    const mine = await outboundReportList(viewer, { ...period, figure: "CALLS", row: { agentId: agents.a1 } }, deps());
    expect(mine.total).toBe(4);
    const nobody = await outboundReportList(viewer, { ...period, figure: "CALLS", row: { agentId: null } }, deps());
    expect(nobody.calls.map((c) => c.result).sort()).toEqual(["ABANDONED", "INVALID_NUMBER", "MACHINE"]);
    const callbacks = await outboundReportList(viewer, { ...period, figure: "ANSWERED", row: { rowKind: "CALLBACK" } }, deps());
    expect(callbacks.calls).toEqual([expect.objectContaining({ kind: "CALLBACK", agentName: "Agent a2", talkSeconds: 60, ringSeconds: 6 })]);
    const campaign = await outboundReport(viewer, { ...period, interval: "DAY", campaignId }, deps());
    expect(campaign.total.calls).toBe(4);
  });

  it("counts a call once however often it is applied, and a rebuild gives the same rows", async () => {
    const before = await db().outboundInterval.findMany({
      where: { organizationId: org.id },
      orderBy: [{ bucket: "asc" }, { kind: "asc" }, { agentId: "asc" }],
    });
    expect(await applyOutboundCall(ids.manual, deps())).toBe(false);
    const result = await rebuildOutboundIntervals(org.id, { from: new Date("2026-03-09T00:00:00Z"), to: new Date("2026-03-12T00:00:00Z") }, deps());
    expect(result.facts).toBe(9);
    const after = await db().outboundInterval.findMany({
      where: { organizationId: org.id },
      orderBy: [{ bucket: "asc" }, { kind: "asc" }, { agentId: "asc" }],
    });
    expect(after).toEqual(before);
  });

  it("answers over GraphQL, refuses an agent, and downloads as XLSX and CSV", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const vars = { from: period.from.toISOString(), to: period.to.toISOString() };
    const data = await session.ok<{
      outboundReport: { total: { calls: number; abandonRate: number }; agents: { name: string | null }[]; campaignOptions: { name: string }[] };
    }>(
      `query($from: DateTime, $to: DateTime) { outboundReport(from: $from, to: $to, interval: DAY) { total { calls abandonRate } agents { name } campaignOptions { name } } }`,
      vars,
    );
    expect(data.outboundReport.total).toEqual({ calls: 9, abandonRate: 0.2 });
    expect(data.outboundReport.agents.map((a) => a.name)).toEqual(["Agent a1", "Agent a2", null]);
    expect(data.outboundReport.campaignOptions).toEqual([{ name: "Spring offer" }]);
    const cells = await session.ok<{ outboundReportList: { total: number; calls: { result: string }[] } }>(
      `query($from: DateTime, $to: DateTime) { outboundReportList(from: $from, to: $to, figure: CALLS, rowAgentNone: true, rowKind: CAMPAIGN) { total calls { result } } }`,
      vars,
    );
    expect(cells.outboundReportList.total).toBe(3);
    const { session: agent } = await signedInUser(server.app, server.url, org, "AGENT");
    expect((await agent.gql(`query { outboundReport(interval: DAY) { total { calls } } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const q = new URLSearchParams({ ...vars, interval: "DAY" });
    const get = (path: string) => fetch(`${server.url}${path}?${q}`, { headers: { cookie: session.cookie } });
    const res = await get("/api/reports/outbound.xlsx");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="calls-out-2026-03-09-day.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["Calls out", "Per kind", "Per campaign", "Per agent"]);
    const rows = (n: number) =>
      Array.from(book.worksheets[n].getSheetValues())
        .filter((r) => r)
        .map((r) => Array.from(r as unknown[]).slice(1));
    expect(rows(0)[0].slice(0, 5)).toEqual(["Interval", "Start", "Calls", "Answered", "Answer rate"]);
    expect(
      rows(0)
        .find((r) => r[0] === "Total")!
        .slice(2, 4),
    ).toEqual([9, 4]);
    expect(rows(2)[1].slice(0, 3)).toEqual(["Spring offer", 4, 1]);
    expect(
      rows(3)
        .slice(1, 4)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ["Agent a1", 4],
      ["Agent a2", 2],
      ["No agent", 3],
    ]);
    const csv = Buffer.from(await (await get("/api/reports/outbound.csv")).arrayBuffer()).toString("utf8");
    expect(csv.startsWith("\uFEFFInterval,Calls,Answered,Answer rate,Avg. ringing,Avg. talk,")).toBe(true);
    expect(csv).toMatch(/\r\nTotal,9,4,44,0:00:13,0:02:00,0:04:00,0:08:00,1,1,20,1,0,1,1\r\n/);
  });

  it("saves as a report of its own kind, with a campaign and a kind of call", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const SAVE = `mutation($i: SavedReportInput!) { saveReport(input: $i) { id kind parameters } }`;
    const bad = await session.gql(SAVE, { i: { name: "Calls", kind: "OUTBOUND", parameters: { period: "LAST_WEEK", kind: "SOMETIMES" } } });
    expect(bad.errors?.[0].extensions?.code).toBe("INVALID_INPUT");
    const { saveReport: saved } = await session.ok<{ saveReport: { kind: string; parameters: OutboundParameters } }>(SAVE, {
      i: { name: "Spring offer daily", kind: "OUTBOUND", parameters: { period: "LAST_7_DAYS", interval: "DAY", campaignId, kind: "CAMPAIGN" } },
    });
    expect(saved.kind).toBe("OUTBOUND");
    const viewer = await manager();
    const run = await runReport(viewer, { kind: "OUTBOUND", parameters: saved.parameters }, "Europe/Warsaw", deps());
    expect(run.kind === "OUTBOUND" && [run.report.from.toISOString(), run.report.total.calls, run.report.total.machine]).toEqual([
      "2026-03-04T23:00:00.000Z",
      4,
      1,
    ]);
    expect(reportFile(run, "pl").baseName).toBe("calls-out-2026-03-04-day");
    expect(reportFile(run, "ru").csv()).toContain("\r\nИтого,4,1,");
  });

  it("shows a team lead their agents' own calls and their queues' calls, not another agent's own calls", async () => {
    const lead = await makeUser(server.app, org, "SUPERVISOR");
    const other = await makeUser(server.app, org, "AGENT", { name: "Outsider" });
    await makeTeam(server.app, org, [{ userId: lead.id, lead: true }, { userId: agents.a1 }]);
    // The outsider's own call is not the lead's to see.
    await callOut("outsider", "2026-03-10T12:00:00Z", { agent: null, answered: 5, ended: 10 });
    await db().interaction.update({ where: { id: ids.outsider }, data: { agentId: other.id } });
    await applyOutboundCall(ids.outsider, deps());
    const viewer = await asViewer(server.app, lead.id);
    const r = await outboundReport(viewer, { ...period, interval: "DAY" }, deps());
    expect(r.agents.some((a) => a.agentId === other.id)).toBe(false);
    expect(r.total.calls).toBe(9);
  });
});
