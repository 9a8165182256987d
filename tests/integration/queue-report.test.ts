// The queues/calls report on the real database. A chat through the product's own routing (queued,
// offered, answered, transferred to another queue, ended) is counted once per queue as soon as it
// ends, and counting it again changes nothing. Fixture days of calls (written as the product writes
// them) around the clocks going forward in Warsaw are checked against figures worked out by hand:
// a call across midnight, the 23-hour day, a transfer, an overflow, abandons inside and outside the
// short-abandon and service-level thresholds. The rows kept current one call at a time equal a
// rebuild from the events; a team lead sees only their queues and agents; every figure lists its calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChat } from "../../domain/chat/start-chat.ts";
import { transferInteraction } from "../../domain/chat/agent-actions.ts";
import { createCase } from "../../domain/cases/create-case.ts";
import { applyInteraction, rebuildQueueIntervals } from "../../domain/reports/queue-intervals.ts";
import { queueReportCalls } from "../../domain/reports/queue-report-calls.ts";
import { queueReport } from "../../domain/reports/queue-report.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { endInteraction } from "../../domain/routing/end-interaction.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeTeam, makeUser, makeWidget, ready } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
});
afterAll(() => server?.close());
const db = () => server.app.db.prisma;

describe("a chat through the product", () => {
  it("counts once in each queue it went through, as soon as it ends; applying it again changes nothing", async () => {
    const org = await makeOrg(server.app);
    const anna = await makeUser(server.app, org, "AGENT");
    const boris = await makeUser(server.app, org, "AGENT");
    const first = await makeQueue(server.app, org, [{ userId: anna.id }]);
    const second = await makeQueue(server.app, org, [{ userId: boris.id }]);
    const widget = await makeWidget(server.app, org, first.id);
    await ready(server.app, org, anna.id, boris.id);
    const deps = server.app.deps;

    const started = await startChat(widget.key, { name: "Visitor", email: "v@example.com", message: "Hello" }, deps);
    const visitorId = deps.tokens.verify(started.token)!.slice("visitor:".length);
    const interaction = await db().interaction.findFirstOrThrow({ where: { visitorId }, include: { queueItem: true } });
    await server.workers.router.pass();
    await acceptOffer(await asViewer(server.app, anna.id), interaction.queueItem!.id, deps);
    await transferInteraction(await asViewer(server.app, anna.id), { interactionId: interaction.id, toQueueId: second.id, note: "" }, deps);
    await server.workers.router.pass();
    await acceptOffer(await asViewer(server.app, boris.id), interaction.queueItem!.id, deps);
    await endInteraction(interaction.id, "AGENT", deps);

    // The reporting listener counts it after the end commits.
    await expect.poll(() => db().queueCallFact.count({ where: { interactionId: interaction.id } }), { timeout: 5000 }).toBe(2);
    const rows = () => db().queueInterval.findMany({ where: { organizationId: org.id }, orderBy: [{ queueId: "asc" }, { agentId: "asc" }] });
    const before = await rows();
    expect(await applyInteraction(interaction.id, deps)).toBe(false);
    expect(await rows()).toEqual(before);

    const admin = await makeUser(server.app, org, "ADMIN");
    const report = await queueReport(await asViewer(server.app, admin.id), { interval: "DAY" }, deps);
    const byQueue = Object.fromEntries(report.queues.map((q) => [q.queueId, q]));
    expect(byQueue[first.id]).toMatchObject({ offered: 1, answered: 1, transferred: 1, offers: 1, abandoned: 0 });
    expect(byQueue[second.id]).toMatchObject({ offered: 1, answered: 1, transferred: 0, offers: 1 });
    expect(report.total).toMatchObject({ offered: 2, answered: 2, transferred: 1 });
  });
});

describe("fixture days around the clocks going forward (Warsaw, 29 March 2026)", () => {
  let org: TestOrg;
  let sales: { id: string };
  let backup: { id: string };
  const agents: Record<string, string> = {};
  const calls: Record<string, string> = {};
  const s = (iso: string) => new Date(iso);

  /** A call as the product records it: its case, the interaction and its steps. */
  async function call(name: string, steps: [type: string, at: string, queueId?: string | null, agent?: string | null, data?: Record<string, unknown>][]) {
    const arrived = s(steps[0][1]);
    const ended = s(steps.at(-1)![1]);
    const abandoned = steps.at(-1)![0] === "abandoned";
    const id = await db().$transaction(async (tx) => {
      const kase = await createCase(tx, { organizationId: org.id, channel: "VOICE", subject: name, contactId: null, queueId: sales.id, now: arrived });
      const i = await tx.interaction.create({
        data: {
          organizationId: org.id,
          caseId: kase.id,
          channel: "VOICE",
          queueId: steps.findLast((x) => x[0] === "queued")![2]!,
          state: abandoned ? "ABANDONED" : "ENDED",
          arrivedAt: arrived,
          endedAt: ended,
          endedBy: abandoned ? "CONTACT" : "AGENT",
        },
      });
      await tx.interactionEvent.createMany({
        data: steps.map(([type, at, queueId, agent, data]) => ({
          organizationId: org.id,
          interactionId: i.id,
          type,
          at: s(at),
          queueId: queueId ?? null,
          agentId: agent ? agents[agent] : null,
          data: (data ?? {}) as object,
        })),
      });
      return i.id;
    });
    calls[name] = id;
    return id;
  }

  beforeAll(async () => {
    org = await makeOrg(server.app);
    await db().organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    for (const n of ["a1", "a2", "a3", "b1"]) agents[n] = (await makeUser(server.app, org, "AGENT", { name: `Agent ${n}` })).id;
    sales = await makeQueue(server.app, org, [{ userId: agents.a1 }, { userId: agents.a2 }, { userId: agents.a3 }]);
    backup = await makeQueue(server.app, org, [{ userId: agents.b1 }]);
    await db().queue.update({ where: { id: sales.id }, data: { serviceLevelSeconds: 20, shortAbandonSeconds: 5, serviceLevelPercent: 80 } });
    await db().queue.update({ where: { id: backup.id }, data: { serviceLevelSeconds: 30, serviceLevelPercent: 90 } });
    const Q = sales.id;
    const B = backup.id;
    // 28 March 23:59:50 (UTC+1): answered 15 s later, after midnight; talks until 00:10.
    await call("midnight", [
      ["queued", "2026-03-28T22:59:50Z", Q],
      ["offered", "2026-03-28T23:00:00Z", Q, "a1"],
      ["accepted", "2026-03-28T23:00:05Z", Q, "a1"],
      ["ended", "2026-03-28T23:10:00Z"],
    ]);
    // 29 March 03:10 (UTC+2 since 02:00 became 03:00): hangs up after 3 s — a short abandon, within the target.
    await call("short", [
      ["queued", "2026-03-29T01:10:00Z", Q],
      ["abandoned", "2026-03-29T01:10:03Z", null, null, { by: "CONTACT" }],
    ]);
    // 10:00: offered twice (the first agent lets it time out), answered after 40 s, passed to a colleague.
    await call("transfer", [
      ["queued", "2026-03-29T08:00:00Z", Q],
      ["offered", "2026-03-29T08:00:01Z", Q, "a1"],
      ["offer_timeout", "2026-03-29T08:00:21Z", Q, "a1"],
      ["offered", "2026-03-29T08:00:35Z", Q, "a2"],
      ["accepted", "2026-03-29T08:00:40Z", Q, "a2"],
      ["transferred", "2026-03-29T08:03:00Z", Q, "a3", { from: agents.a2, to: agents.a3 }],
      ["ended", "2026-03-29T08:05:40Z"],
    ]);
    // 12:00: waits 60 s, overflows to the backup queue, answered there 10 s later.
    await call("overflow", [
      ["queued", "2026-03-29T10:00:00Z", Q],
      ["overflowed", "2026-03-29T10:01:00Z", Q, null, { reason: "MAX_WAIT", to: B }],
      ["queued", "2026-03-29T10:01:00Z", B],
      ["offered", "2026-03-29T10:01:05Z", B, "b1"],
      ["accepted", "2026-03-29T10:01:10Z", B, "b1"],
      ["ended", "2026-03-29T10:03:10Z"],
    ]);
    // 23:30: hangs up after 30 s — abandoned, past the target.
    await call("late", [
      ["queued", "2026-03-29T21:30:00Z", Q],
      ["abandoned", "2026-03-29T21:30:30Z", null, null, { by: "CONTACT" }],
    ]);
    for (const id of Object.values(calls)) await applyInteraction(id, server.app.deps);
  });

  const period = { from: s("2026-03-27T23:00:00Z"), to: s("2026-03-29T22:00:00Z") }; // 28 and 29 March in Warsaw
  const deps = () => ({ db: db(), now: () => s("2026-04-01T10:00:00Z") });
  const admin = async () => asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);

  it("counts each day's calls in the interval they entered the queue, with the figures worked out by hand", async () => {
    const report = await queueReport(await admin(), { ...period, interval: "DAY", queueIds: [sales.id] }, deps());
    expect(report.intervals.map((i) => [i.key, (i.end.getTime() - i.start.getTime()) / 3_600_000])).toEqual([
      ["2026-03-28", 24],
      ["2026-03-29", 23],
    ]);
    const [sat, sun] = report.intervals;
    // The call across midnight is Saturday's, with its whole talk.
    expect(sat).toMatchObject({ offered: 1, answered: 1, answeredInSl: 1, serviceLevel: 1, asa: 15, talkSeconds: 595, abandoned: 0 });
    // Sunday: 4 offered (short, transfer, overflow, late); answered 1 (after 40 s); 2 abandoned, 1 of them short.
    expect(sun).toMatchObject({
      offered: 4,
      answered: 1,
      answeredInSl: 0,
      abandoned: 2,
      shortAbandoned: 1,
      abandonedInSl: 1,
      transferred: 1,
      offers: 2,
      waitMax: 60,
    });
    expect(sun.serviceLevel).toBe(0);
    expect(sun.abandonRate).toBeCloseTo(1 / 3);
    expect(sun.averageWait).toBeCloseTo((3 + 40 + 60 + 30) / 4);
    expect(sun.asa).toBe(40);
    expect(sun.averageTalk).toBe(300);
    expect(sun.offersPerCall).toBe(0.5);
    expect(report.serviceLevelTarget).toBe(80);
  });

  it("has 23 hourly rows on the day the clocks go forward, the 03:10 call in the hour starting 03:00", async () => {
    const report = await queueReport(await admin(), { from: s("2026-03-28T23:00:00Z"), to: period.to, interval: "HOUR" }, deps());
    expect(report.intervals).toHaveLength(23);
    expect(report.intervals[2]).toMatchObject({ key: "2026-03-29T01:00:00.000Z", offered: 1, abandoned: 1 });
    // Both queues, the overflowed call once in each; targets differ, so there is no common one.
    expect(report.total).toMatchObject({ offered: 5, answered: 2 });
    expect(report.serviceLevelTarget).toBeNull();
    expect(report.queues.find((q) => q.queueId === backup.id)).toMatchObject({ offered: 1, answered: 1, answeredInSl: 1, asa: 10 });
  });

  it("keeps the same rows call by call as a rebuild from the events", async () => {
    const rows = () => db().queueInterval.findMany({ where: { organizationId: org.id }, orderBy: [{ bucket: "asc" }, { queueId: "asc" }, { agentId: "asc" }] });
    const incremental = await rows();
    expect(incremental.length).toBeGreaterThan(0);
    const rebuilt = await rebuildQueueIntervals(org.id, { from: s("2026-03-27T00:00:00Z"), to: s("2026-03-31T00:00:00Z") }, { db: db() }, { batch: 2 });
    expect(rebuilt).toEqual({ interactions: 5, facts: 6 });
    expect(await rows()).toEqual(incremental);
    for (const id of Object.values(calls)) expect(await applyInteraction(id, server.app.deps)).toBe(false);
  });

  it("keeps the rows summed over the agents equal to the per-agent rows, call by call and rebuilt", async () => {
    const totals = () =>
      db().queueIntervalTotal.findMany({ where: { organizationId: org.id }, orderBy: [{ bucket: "asc" }, { queueId: "asc" }, { channel: "asc" }] });
    const summed = async () => {
      const sums = new Map<string, Record<string, unknown>>();
      for (const r of await db().queueInterval.findMany({ where: { organizationId: org.id } })) {
        const { agentId: _agent, ...row } = r;
        const key = `${+r.bucket}|${r.queueId}|${r.channel}`;
        const o = sums.get(key) as typeof row | undefined;
        sums.set(
          key,
          !o
            ? row
            : {
                ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "number" ? (o[k as keyof typeof o] as number) + v : v])),
                waitMax: Math.max(o.waitMax, row.waitMax),
                talkMax: Math.max(o.talkMax, row.talkMax),
              },
        );
      }
      return [...sums.values()];
    };
    const incremental = await totals();
    expect(incremental.length).toBeGreaterThan(0);
    // The totals keep the figures the report reads without an agent filter (not the calls-in-detail spreads).
    const columns = Object.keys(incremental[0]);
    const expected = (await summed()).map((row) => Object.fromEntries(columns.map((k) => [k, row[k]])));
    expect(incremental).toEqual(expect.arrayContaining(expected));
    expect(incremental.length).toBe(expected.length);
    await rebuildQueueIntervals(org.id, { from: s("2026-03-27T00:00:00Z"), to: s("2026-03-31T00:00:00Z") }, { db: db() });
    expect(await totals()).toEqual(incremental);
  });

  it("lists the calls behind a figure, each with its case", async () => {
    const viewer = await admin();
    const sunday = { from: s("2026-03-28T23:00:00Z"), to: period.to, queueIds: [sales.id] };
    const abandoned = await queueReportCalls(viewer, { ...sunday, figure: "ABANDONED" }, deps());
    expect(abandoned.total).toBe(2);
    expect(abandoned.calls.map((c) => [c.waitSeconds, c.shortAbandon])).toEqual([
      [3, true],
      [30, false],
    ]);
    const kase = await db().case.findUniqueOrThrow({ where: { id: abandoned.calls[0].caseId } });
    expect(abandoned.calls[0].caseNumber).toBe(kase.number);
    const transferred = await queueReportCalls(viewer, { ...sunday, figure: "TRANSFERRED" }, deps());
    expect(transferred.calls.map((c) => [c.interactionId, c.agentName, c.offers])).toEqual([[calls.transfer, "Agent a2", 2]]);
  });

  it("shows a team lead only their team's queues and agents; an agent filter counts that agent's answered calls", async () => {
    const lead = await makeUser(server.app, org, "SUPERVISOR");
    const team = await makeTeam(server.app, org, [{ userId: lead.id, lead: true }, { userId: agents.a2 }]);
    const viewer = await asViewer(server.app, lead.id);
    const report = await queueReport(viewer, { ...period, interval: "DAY" }, deps());
    expect(report.scope.queues.map((q) => q.id)).toEqual([sales.id]);
    expect(report.scope.teams.map((t) => t.id)).toEqual([team.id]);
    expect(report.total.offered).toBe(5);
    const mine = await queueReport(viewer, { ...period, interval: "DAY", agentId: agents.a2 }, deps());
    expect(mine.total).toMatchObject({ offered: 1, answered: 1, abandoned: 0, transferred: 1 });
    const teams = await queueReport(viewer, { ...period, interval: "DAY", teamId: team.id }, deps());
    expect(teams.total.answered).toBe(1);
    await expect(queueReport(viewer, { ...period, interval: "DAY", queueIds: [backup.id] }, deps())).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(queueReport(viewer, { ...period, interval: "DAY", agentId: agents.b1 }, deps())).rejects.toBeInstanceOf(DomainError);
  });

  it("is refused to an agent, and 15-minute intervals cover at most 7 days", async () => {
    await expect(queueReport(await asViewer(server.app, agents.a1), { interval: "DAY" }, deps())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      queueReport(await admin(), { from: s("2026-03-01T00:00:00Z"), to: s("2026-03-20T00:00:00Z"), interval: "QUARTER_HOUR" }, deps()),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});
