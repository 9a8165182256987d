// The Chat and e-mail report on the real database: a fixture day of chats and an e-mail (written as
// the product writes them: case, interaction, steps, messages) on the organisation's clock, checked
// against figures worked out by hand; counting one again changes nothing, and the rows kept current
// one conversation at a time equal a rebuild from the events.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../domain/cases/create-case.ts";
import { startChat } from "../../domain/chat/start-chat.ts";
import { endInteraction } from "../../domain/routing/end-interaction.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { applyConversation, rebuildConversationIntervals } from "../../domain/reports/conversation-intervals.ts";
import { conversationReportList } from "../../domain/reports/conversation-report-list.ts";
import { conversationReport } from "../../domain/reports/conversation-report.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeUser, makeWidget, ready, signedInUser } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
}, 240_000);
afterAll(() => server?.close());
const db = () => server.app.db.prisma;

describe("a chat through the product", () => {
  it("is counted by the reporting listener as soon as it ends", async () => {
    const org = await makeOrg(server.app);
    const anna = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: anna.id }]);
    const widget = await makeWidget(server.app, org, queue.id);
    await ready(server.app, org, anna.id);
    const deps = server.app.deps;
    const started = await startChat(widget.key, { name: "Visitor", email: "v@example.com", message: "Hello" }, deps);
    const visitorId = deps.tokens.verify(started.token)!.slice("visitor:".length);
    const interaction = await db().interaction.findFirstOrThrow({ where: { visitorId }, include: { queueItem: true } });
    await server.workers.router.pass();
    await acceptOffer(await asViewer(server.app, anna.id), interaction.queueItem!.id, deps);
    await endInteraction(interaction.id, "AGENT", deps);
    await expect.poll(() => db().conversationFact.findUnique({ where: { interactionId: interaction.id } }), { timeout: 5000 }).toMatchObject({
      queueId: queue.id,
      agentId: anna.id,
      answered: true,
      web: true,
      messagesFromContact: 1,
      firstResponseSeconds: null,
    });
    expect(await db().conversationInterval.count({ where: { organizationId: org.id } })).toBe(1);
  }, 120_000);
});

type Step = [type: string, seconds: number, agent?: string | null, data?: Record<string, unknown>];
type Msg = [author: "CONTACT" | "AGENT", seconds: number, agent?: string];

describe("a fixture day of chats and an e-mail (Warsaw, 10 March 2026)", () => {
  let org: TestOrg;
  let queue: { id: string };
  let widget: { id: string };
  const agents: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function conversation(name: string, channel: "CHAT" | "EMAIL", start: string, end: number, steps: Step[], messages: Msg[], closedAfter?: number) {
    const t0 = Date.parse(start);
    const at = (s: number) => new Date(t0 + s * 1000);
    ids[name] = await db().$transaction(async (tx) => {
      const kase = await createCase(tx, { organizationId: org.id, channel, subject: name, contactId: null, queueId: queue.id, now: at(0) });
      if (closedAfter !== undefined) await tx.case.update({ where: { id: kase.id }, data: { closedAt: at(closedAfter) } });
      const visitor = channel === "CHAT" ? await tx.visitor.create({ data: { organizationId: org.id, entryPointId: widget.id, name } }) : null;
      const rated = steps.find((s) => s[0] === "rated");
      const i = await tx.interaction.create({
        data: {
          organizationId: org.id,
          caseId: kase.id,
          channel,
          queueId: queue.id,
          visitorId: visitor?.id ?? null,
          state: "ENDED",
          arrivedAt: at(0),
          endedAt: at(end),
          rating: (rated?.[3]?.rating as number | undefined) ?? null,
        },
      });
      await tx.interactionEvent.createMany({
        data: steps.map(([type, s, agent, data]) => ({
          organizationId: org.id,
          interactionId: i.id,
          type,
          at: at(s),
          queueId: type === "queued" || type === "accepted" ? queue.id : null,
          agentId: agent ? agents[agent] : null,
          data: (data ?? {}) as object,
        })),
      });
      await tx.message.createMany({
        data: messages.map(([author, s, agent]) => ({
          organizationId: org.id,
          caseId: kase.id,
          interactionId: i.id,
          authorType: author,
          authorUserId: agent ? agents[agent] : null,
          body: "…",
          createdAt: at(s),
        })),
      });
      return i.id;
    });
  }

  beforeAll(async () => {
    org = await makeOrg(server.app);
    await db().organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    for (const n of ["a1", "a2"]) agents[n] = (await makeUser(server.app, org, "AGENT", { name: `Agent ${n}` })).id;
    queue = await makeQueue(server.app, org, [{ userId: agents.a1 }, { userId: agents.a2 }]);
    // First response within 2 minutes for chats, an hour for e-mails.
    await db().queue.update({
      where: { id: queue.id },
      data: { sla: { firstResponseMinutes: 2, resolutionMinutes: null, channels: { EMAIL: { firstResponseMinutes: 60, resolutionMinutes: null } } } },
    });
    widget = await makeWidget(server.app, org, queue.id);
    // 10:00 Warsaw: answered, first reply after 30 s (within 2 min), rated 5.
    await conversation("quick", "CHAT", "2026-03-10T09:00:00Z", 300, [["queued", 0], ["accepted", 10, "a1"], ["ended", 300, "a1"], ["rated", 310, null, { rating: 5, comment: "great" }]], [
      ["CONTACT", 0],
      ["AGENT", 30, "a1"],
      ["CONTACT", 40],
      ["AGENT", 50, "a1"],
    ]);
    // 10:05: first reply after 200 s (late), rated 2.
    await conversation("slow", "CHAT", "2026-03-10T09:05:00Z", 400, [["queued", 0], ["accepted", 20, "a2"], ["ended", 400, "a2"], ["rated", 401, null, { rating: 2, comment: "slow" }]], [
      ["CONTACT", 0],
      ["AGENT", 200, "a2"],
    ]);
    // 11:00: an e-mail, replied to after 30 min (within the hour); its case resolved 2 h after it came.
    await conversation("mail", "EMAIL", "2026-03-10T10:00:00Z", 1900, [["queued", 0], ["accepted", 600, "a1"], ["ended", 1900, "a1"]], [["CONTACT", 0], ["AGENT", 1800, "a1"]], 7200);
    // 12:00: nobody took it; the visitor left after a minute.
    await conversation("left", "CHAT", "2026-03-10T11:00:00Z", 60, [["queued", 0], ["abandoned", 60, null, { by: "CONTACT" }]], [["CONTACT", 0]]);
    for (const id of Object.values(ids)) expect(await applyConversation(id, server.app.deps)).toBe(true);
  }, 120_000);

  const period = { from: new Date("2026-03-09T23:00:00Z"), to: new Date("2026-03-10T23:00:00Z") };
  const deps = () => ({ db: db(), now: () => new Date("2026-03-20T10:00:00Z") });
  const admin = async () => asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);

  it("has the day's figures worked out by hand", async () => {
    const r = await conversationReport(await admin(), { ...period, interval: "DAY" }, deps());
    expect(r.intervals).toHaveLength(1);
    expect(r.total).toMatchObject({
      conversations: 4,
      answered: 3,
      responded: 3,
      firstResponseMax: 1800,
      // 2 of the 4 with a target answered within it (the one nobody took counts against it).
      firstResponseInTarget: 0.5,
      handlingTotal: 290 + 380 + 1300,
      resolved: 1,
      resolutionAvg: 7200,
      messagesFromContact: 5,
      messagesFromAgents: 4,
      rated: 2,
      ratingAvg: 3.5,
      ratings: [0, 1, 0, 0, 1],
    });
    expect(r.total.firstResponseAvg).toBeCloseTo((30 + 200 + 1800) / 3);
    expect(r.total.handlingAvg).toBeCloseTo(1970 / 3);
    expect(r.total.ratedShare).toBeCloseTo(2 / 3);
    expect(r.total.messagesPerConversation).toBeCloseTo(9 / 4);
    expect(r.channels.map((c) => [c.channel, c.conversations])).toEqual([
      ["CHAT_WEB", 3],
      ["EMAIL", 1],
    ]);
    const byAgent = Object.fromEntries(r.agents.map((a) => [a.agentId ?? "-", a.conversations]));
    expect(byAgent).toEqual({ [agents.a1]: 2, [agents.a2]: 1, "-": 1 });
    expect(r.queues).toHaveLength(1);

    const hours = await conversationReport(await admin(), { ...period, interval: "HOUR", channel: "CHAT" }, deps());
    expect(hours.intervals).toHaveLength(24);
    expect(hours.intervals[10]).toMatchObject({ conversations: 2, rated: 2 });
    expect(hours.total.conversations).toBe(3);
  });

  it("lists the conversations behind a figure: the total's, an agent's, nobody's, a channel's", async () => {
    const viewer = await admin();
    const list = (figure: Parameters<typeof conversationReportList>[1]["figure"], row = {}) =>
      conversationReportList(viewer, { ...period, figure, row }, deps()).then((l) => [l.total, l.conversations.map((c) => c.subject)]);
    expect(await list("CONVERSATIONS")).toEqual([4, ["quick", "slow", "mail", "left"]]);
    expect(await list("ANSWERED")).toEqual([3, ["quick", "slow", "mail"]]);
    expect(await list("LATE_RESPONSE")).toEqual([2, ["slow", "left"]]); // late, and never answered
    expect(await list("RESOLVED")).toEqual([1, ["mail"]]);
    expect(await list("RATED", { agentId: agents.a2 })).toEqual([1, ["slow"]]);
    expect(await list("CONVERSATIONS", { agentId: null })).toEqual([1, ["left"]]);
    expect(await list("CONVERSATIONS", { rowChannel: "EMAIL" })).toEqual([1, ["mail"]]);
    expect(await list("CONVERSATIONS", { rowChannel: "CHAT_WEB" })).toEqual([3, ["quick", "slow", "left"]]);
    // A month, as the report covers one.
    const month = { from: new Date(period.from.getTime() - 30 * 86_400_000), to: period.to };
    expect((await conversationReportList(viewer, { ...month, figure: "CONVERSATIONS" }, deps())).total).toBe(4);
    const one = await conversationReportList(viewer, { ...period, figure: "RATED", row: { queueId: queue.id } }, deps());
    expect(one.conversations[0]).toMatchObject({ subject: "quick", channel: "CHAT_WEB", agentName: "Agent a1", firstResponseSeconds: 30, rating: 5, messages: 4 });
  });

  it("answers over GraphQL with the agents' names, nobody's row last", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const vars = { from: period.from.toISOString(), to: period.to.toISOString() };
    const data = await session.ok<{ conversationReport: { total: { conversations: number; ratings: number[] }; agents: { name: string | null; figures: { conversations: number } }[]; channels: { channel: string }[] } }>(
      `query($from: DateTime, $to: DateTime) { conversationReport(from: $from, to: $to, interval: DAY) {
        total { conversations ratings } agents { name figures { conversations } } channels { channel } } }`,
      vars,
    );
    expect(data.conversationReport.total).toEqual({ conversations: 4, ratings: [0, 1, 0, 0, 1] });
    expect(data.conversationReport.agents.map((a) => [a.name, a.figures.conversations])).toEqual([["Agent a1", 2], ["Agent a2", 1], [null, 1]]);
    expect(data.conversationReport.channels.map((c) => c.channel)).toEqual(["CHAT_WEB", "EMAIL"]);
    const cells = await session.ok<{ conversationReportList: { total: number } }>(
      `query($from: DateTime, $to: DateTime) { conversationReportList(from: $from, to: $to, figure: CONVERSATIONS, rowAgentNone: true) { total } }`,
      vars,
    );
    expect(cells.conversationReportList.total).toBe(1);
    const { session: agent } = await signedInUser(server.app, server.url, org, "AGENT");
    expect((await agent.gql(`query { conversationReport(interval: DAY) { total { conversations } } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("downloads as XLSX (per interval, queue, agent, channel) and CSV", async () => {
    const { session } = await signedInUser(server.app, server.url, org, "ADMIN");
    const q = new URLSearchParams({ from: period.from.toISOString(), to: period.to.toISOString(), interval: "DAY" });
    const get = (path: string) => fetch(`${server.url}${path}?${q}`, { headers: { cookie: session.cookie } });
    const res = await get("/api/reports/conversations.xlsx");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="chat-email-2026-03-09-day.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["Chat and e-mail", "Per queue", "Per agent", "Per channel"]);
    const rows = (n: number) => book.worksheets[n].getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows(0)[0].slice(0, 5)).toEqual(["Interval", "Start", "Conversations", "Answered", "Avg. first response"]);
    const total = rows(0).find((r) => r[0] === "Total")!;
    expect(total.slice(2, 4)).toEqual([4, 3]);
    // A duration cell ([h]:mm:ss) reads back as a date counted from Excel's day 0 (30 Dec 1899).
    expect(((total[4] as Date).getTime() - Date.UTC(1899, 11, 30)) / 1000).toBeCloseTo((30 + 200 + 1800) / 3);
    expect(rows(2).slice(1, 4).map((r) => [r[0], r[1]])).toEqual([["Agent a1", 2], ["Agent a2", 1], ["Nobody took it", 1]]);
    expect(rows(3).slice(1, 3).map((r) => [r[0], r[1]])).toEqual([["Web chat", 3], ["E-mail", 1]]);
    const csv = Buffer.from(await (await get("/api/reports/conversations.csv")).arrayBuffer()).toString("utf8");
    expect(csv.startsWith("\uFEFFInterval,Conversations,Answered,Avg. first response,")).toBe(true);
    expect(csv).toMatch(/\r\nTotal,4,3,0:11:17,0:30:00,50,0:10:57,/); // (30 + 200 + 1800) / 3 s; 2 of 4 with a target in it
  });

  it("counting one again changes nothing; a rebuild from the events gives the same rows", async () => {
    const rows = () => db().conversationInterval.findMany({ where: { organizationId: org.id }, orderBy: [{ bucket: "asc" }, { agentId: "asc" }, { channel: "asc" }] });
    const live = await rows();
    expect(await applyConversation(ids.quick, server.app.deps)).toBe(false);
    const result = await rebuildConversationIntervals(org.id, period, { db: db() });
    expect(result).toEqual({ interactions: 4, facts: 4 });
    expect(await rows()).toEqual(live);
  });
});
