// The queue report's calls in detail on the real database: fixture calls (written as the product
// writes them) with figures worked out by hand: answered calls' shortest/longest wait and talk,
// unanswered calls' time before hanging up and place in the queue then, calls per number dialled,
// per end reason and the IVR keys of the calls nobody answered; every row lists its calls. Also a
// caller hanging up through the product has their place in the queue noted on the `abandoned` step.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { rebuildQueueIntervals } from "../../domain/reports/queue-intervals.ts";
import { queueCallDetails } from "../../domain/reports/queue-call-details.ts";
import { queueReportCalls } from "../../domain/reports/queue-report-calls.ts";
import { endInteraction } from "../../domain/routing/end-interaction.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, signedInUser } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
});
afterAll(() => server?.close());
const db = () => server.app.db.prisma;

type Step = [type: string, at: string, queueId?: string | null, agent?: string | null, data?: Record<string, unknown>];

describe("calls in detail (1 December 2026, Warsaw)", () => {
  let org: TestOrg;
  let q: string;
  let admin: string;
  const agents: Record<string, string> = {};
  const period = { from: new Date("2026-11-30T23:00:00Z"), to: new Date("2026-12-01T23:00:00Z") };
  const period2 = { from: new Date("2026-12-01T00:00:00Z"), to: new Date("2026-12-02T00:00:00Z") };

  async function call(steps: Step[], state: "ENDED" | "ABANDONED" | "LEFT_MESSAGE") {
    const arrived = new Date(steps[0][1]);
    await db().$transaction(async (tx) => {
      const kase = await createCase(tx, { organizationId: org.id, channel: "VOICE", subject: "call", contactId: null, queueId: q, now: arrived });
      const i = await tx.interaction.create({
        data: { organizationId: org.id, caseId: kase.id, channel: "VOICE", queueId: q, state, arrivedAt: arrived, endedAt: new Date(steps.at(-1)![1]) },
      });
      await tx.interactionEvent.createMany({
        data: steps.map(([type, at, queueId, agent, data]) => ({
          organizationId: org.id,
          interactionId: i.id,
          type,
          at: new Date(at),
          queueId: queueId ?? null,
          agentId: agent ? agents[agent] : null,
          data: (data ?? {}) as object,
        })),
      });
    });
  }
  const arrived = (at: string, dialled: string): Step => ["arrived", at, null, null, { entryPoint: "00000000-0000-7000-8000-000000000001", dialled }];
  const key = (at: string, value: string): Step => ["ivr", at, null, null, { node: "n", step: "menu", what: "chose", value }];

  beforeAll(async () => {
    org = await makeOrg(server.app);
    await db().organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    for (const n of ["a1", "a2"]) agents[n] = (await makeUser(server.app, org, "AGENT")).id;
    admin = (await makeUser(server.app, org, "ADMIN")).id;
    q = (await makeQueue(server.app, org, [{ userId: agents.a1 }, { userId: agents.a2 }])).id;
    await db().queue.update({ where: { id: q }, data: { serviceLevelSeconds: 20, shortAbandonSeconds: 5 } });
    const N1 = "+48221111111";
    const N2 = "+48222222222";
    // 1: N1, keys 1 › 3, waits 10 s, talks 100 s, the customer hangs up.
    await call([arrived("2026-12-01T09:00:00Z", N1), key("2026-12-01T09:00:05Z", "1"), key("2026-12-01T09:00:08Z", "3"), ["queued", "2026-12-01T09:00:10Z", q],
      ["accepted", "2026-12-01T09:00:20Z", q, "a1"], ["ended", "2026-12-01T09:02:00Z", null, "a1", { by: "CONTACT" }]], "ENDED");
    // 2: N1, waits 30 s, talks 40 s, the agent hangs up.
    await call([arrived("2026-12-01T10:00:00Z", N1), ["queued", "2026-12-01T10:00:00Z", q],
      ["accepted", "2026-12-01T10:00:30Z", q, "a2"], ["ended", "2026-12-01T10:01:10Z", null, "a2", { by: "AGENT" }]], "ENDED");
    // 3: N2, keys 2, hangs up after 45 s waiting, third in the queue.
    await call([arrived("2026-12-01T11:00:00Z", N2), key("2026-12-01T11:00:03Z", "2"), ["queued", "2026-12-01T11:00:05Z", q],
      ["abandoned", "2026-12-01T11:00:50Z", null, null, { by: "CONTACT", place: 3 }]], "ABANDONED");
    // 4: N2, keys 2, hangs up after 15 s waiting, first in the queue.
    await call([arrived("2026-12-01T12:00:00Z", N2), key("2026-12-01T12:00:01Z", "2"), ["queued", "2026-12-01T12:00:05Z", q],
      ["abandoned", "2026-12-01T12:00:20Z", null, null, { by: "CONTACT", place: 1 }]], "ABANDONED");
    // 5: N1, keys 1 › 3, overflows to voicemail after 60 s and leaves a message.
    await call([arrived("2026-12-01T13:00:00Z", N1), key("2026-12-01T13:00:02Z", "1"), key("2026-12-01T13:00:03Z", "3"), ["queued", "2026-12-01T13:00:05Z", q],
      ["overflowed", "2026-12-01T13:01:05Z", q, null, { reason: "MAX_WAIT", to: null }], ["ivr_started", "2026-12-01T13:01:05Z", null, null, { overflow: "VOICEMAIL", reason: "MAX_WAIT" }],
      ["left_message", "2026-12-01T13:01:40Z", null, null, { seconds: 30 }]], "LEFT_MESSAGE");
    await rebuildQueueIntervals(org.id, period2, server.app.deps);
  });

  it("has the figures worked out by hand", async () => {
    const viewer = await asViewer(server.app, admin);
    const d = await queueCallDetails(viewer, period, server.app.deps);
    expect(d.answered).toEqual({
      calls: 2,
      wait: { total: 40, average: 20, min: 10, max: 30 },
      talk: { total: 140, average: 70, min: 40, max: 100 },
    });
    expect(d.unanswered).toEqual({
      calls: 3,
      abandoned: 2,
      hangUpWait: { total: 60, average: 30, min: 15, max: 45 },
      place: { total: 4, average: 2, min: 1, max: 3, known: 2 },
    });
    expect(d.byNumber).toEqual([
      { value: "+48221111111", offered: 3, answered: 2, abandoned: 0, serviceLevel: 1 / 3 },
      { value: "+48222222222", offered: 2, answered: 0, abandoned: 2, serviceLevel: 0 },
    ]);
    expect(Object.fromEntries(d.byReason.map((r) => [r.value, r.offered]))).toEqual({ ABANDONED: 2, CUSTOMER_HUNG_UP: 1, AGENT_HUNG_UP: 1, VOICEMAIL: 1 });
    expect(d.ivrPaths.map((r) => [r.value, r.offered])).toEqual([["2", 2], ["1 › 3", 1]]);
  });

  it("lists the calls behind a row", async () => {
    const viewer = await asViewer(server.app, admin);
    const byNumber = await queueReportCalls(viewer, { ...period, figure: "OFFERED", detail: { dimension: "NUMBER", value: "+48222222222" } }, server.app.deps);
    expect(byNumber.calls.map((c) => c.waitSeconds)).toEqual([45, 15]);
    const reason = await queueReportCalls(viewer, { ...period, figure: "OFFERED", detail: { dimension: "END_REASON", value: "VOICEMAIL" } }, server.app.deps);
    expect(reason.total).toBe(1);
    const path = await queueReportCalls(viewer, { ...period, figure: "OFFERED", detail: { dimension: "IVR_PATH", value: "1 › 3" } }, server.app.deps);
    expect(path.total).toBe(2);
    const unanswered = await queueReportCalls(viewer, { ...period, figure: "UNANSWERED", detail: { dimension: "IVR_PATH", value: "1 › 3" } }, server.app.deps);
    expect(unanswered.total).toBe(1); // the row of the key paths counts the calls nobody answered
  });

  it("is the third sheet of the queue report's XLSX and the end of its CSV", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const q = new URLSearchParams({ from: period.from.toISOString(), to: period.to.toISOString(), interval: "DAY" });
    const get = async (f: string) => Buffer.from(await (await fetch(`${server.url}/api/reports/queues.${f}?${q}`, { headers: { cookie: session.cookie } })).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await get("xlsx")) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Queues", "Per queue", "Calls in detail"]);
    const rows = Array.from(book.worksheets[2].getSheetValues()).slice(1).map((r) => (r as unknown[] | undefined)?.slice(1) ?? []);
    expect(rows[1]).toEqual(["Answered calls", 2]);
    const wait = rows.find((r) => r[0] === "Wait")!;
    expect(wait.slice(1).map((c) => Math.round(((c as Date).getTime() - Date.UTC(1899, 11, 30)) / 1000))).toEqual([40, 20, 10, 30]);
    expect(book.worksheets[2].getRow(rows.indexOf(wait) + 1).getCell(2).numFmt).toBe("[h]:mm:ss");
    expect(rows.find((r) => r[0] === "Abandoned")!.slice(1, 4)).toEqual([2, 0, 2]); // the end reason's row
    const csv = (await get("csv")).toString("utf8");
    expect(csv).toContain("\r\nCalls in detail\r\nAnswered calls,2\r\n");
    expect(csv).toContain("\r\nWait,0:00:40,0:00:20,0:00:10,0:00:30\r\n");
    expect(csv).toContain("\r\n'+48222222222,2,0,2,0\r\n"); // guarded: a leading + could start a formula
  });

  it("covers a period of a month as the report does, not only a week", async () => {
    const viewer = await asViewer(server.app, admin);
    const month = { from: new Date(period.from.getTime() - 30 * 86_400_000), to: period.to };
    expect((await queueCallDetails(viewer, month, server.app.deps)).answered.calls).toBe(2);
    expect((await queueReportCalls(viewer, { ...month, figure: "OFFERED" }, server.app.deps)).total).toBe(5);
  });

  it("answers over GraphQL, the calls of a row too", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const vars = { from: period.from.toISOString(), to: period.to.toISOString() };
    const data = await session.ok<{ queueCallDetails: Record<string, unknown> }>(
      `query($from: DateTime, $to: DateTime) { queueCallDetails(from: $from, to: $to) {
        answeredCalls answeredWait { total average min max } hangUpPlace { average } hangUpPlaceKnown byNumber { value offered serviceLevel } byReason { value } ivrPaths { value offered } } }`,
      vars,
    );
    expect(data.queueCallDetails).toMatchObject({
      answeredCalls: 2,
      answeredWait: { total: 40, average: 20, min: 10, max: 30 },
      hangUpPlace: { average: 2 },
      hangUpPlaceKnown: 2,
      ivrPaths: [{ value: "2", offered: 2 }, { value: "1 › 3", offered: 1 }],
    });
    const calls = await session.ok<{ queueReportCalls: { total: number } }>(
      `query($from: DateTime, $to: DateTime) { queueReportCalls(from: $from, to: $to, figure: UNANSWERED, detailDimension: END_REASON, detailValue: "ABANDONED") { total } }`,
      vars,
    );
    expect(calls.queueReportCalls.total).toBe(2);
  });
});

describe("a caller hanging up in the queue", () => {
  it("has their place noted on the abandoned step", async () => {
    const org = await makeOrg(server.app);
    const q = await makeQueue(server.app, org, []);
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const at = new Date(Date.now() - (10 - n) * 1000);
      const kase = await createCase(db(), { organizationId: org.id, channel: "VOICE", subject: "c", contactId: null, queueId: q.id, now: at });
      const i = await db().interaction.create({ data: { organizationId: org.id, caseId: kase.id, channel: "VOICE", queueId: q.id, state: "QUEUED", arrivedAt: at } });
      await db().queueItem.create({ data: { organizationId: org.id, queueId: q.id, interactionId: i.id, channel: "VOICE", enqueuedAt: at } });
      ids.push(i.id);
    }
    await endInteraction(ids[2], "CONTACT", server.app.deps);
    const e = await db().interactionEvent.findFirstOrThrow({ where: { interactionId: ids[2], type: "abandoned" } });
    expect(e.data).toEqual({ by: "CONTACT", place: 3 });
  });
});
