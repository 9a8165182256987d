// The supervisor's campaign monitor on the real database: a campaign seeded with contacts and
// attempts (tests/support/campaign-seed.ts) is counted — calls, abandon rates overall, in the last
// hour and per hour, contacts, result codes, agents, script answers — and exported one row per
// contact; a supervisor pauses, resumes and moves agents (audited); an agent may do none of it.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localTimestamp } from "../../domain/shared/wall-clock.ts";
import { PASSWORD, type TestOrg, makeOrg, makeUser } from "../factories/index.ts";
import { seedCampaign } from "../support/campaign-seed.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let supervisor: TestSession;
let agentSession: TestSession;
let agent: { id: string; name: string };
let other: { id: string; name: string };
let seeded: Awaited<ReturnType<typeof seedCampaign>>;

async function session(username: string) {
  const s = new TestSession(server.url);
  await s.signIn(username, PASSWORD);
  return s;
}

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  const sup = await makeUser(server.app, org, "SUPERVISOR");
  const a = await makeUser(server.app, org, "AGENT", { name: "Alice Agent" });
  const b = await makeUser(server.app, org, "AGENT", { name: "Bob Other" });
  agent = { id: a.id, name: "Alice Agent" };
  other = { id: b.id, name: "Bob Other" };
  supervisor = await session(sup.username);
  agentSession = await session(a.username);
  seeded = await seedCampaign(server.app.db.prisma, org.id, { agentId: a.id, memberIds: [a.id], name: "Winter survey" });
  // A draft is not on the monitor.
  const q = await server.app.db.prisma.queue.create({ data: { organizationId: org.id, name: "Draft queue", channels: ["VOICE"] } });
  await server.app.db.prisma.campaign.create({ data: { organizationId: org.id, name: "Draft one", queueId: q.id } });
}, 180_000);
afterAll(async () => {
  await server?.close();
});

const CALLS = `{ dialled human machine unsure busy noAnswer networkError personAnswered abandoned connected abandonPercent capLevel }`;
const MONITOR = `query($id: ID!) { campaignMonitor(id: $id) {
  id name status mode abandonCapPercent calls ${CALLS} lastHour ${CALLS}
  contacts { total waitingDue waitingLater dialling inCall done doneBy { reason count } attemptsLeft }
  hours { hour dialled personAnswered abandoned abandonPercent }
  resultCodes { name kind count }
  agents { userId name state onCampaignCall }
  scriptAnswers { questionId text type answered average choices { value label count } }
} }`;

describe("campaign monitor", () => {
  it("counts a campaign's calls, contacts, result codes, agents and script answers", async () => {
    const { campaignMonitor: m } = await supervisor.ok(MONITOR, { id: seeded.campaign.id });
    expect(m).toMatchObject({ name: "Winter survey", status: "RUNNING", mode: "PREDICTIVE", abandonCapPercent: 3 });
    expect(m.calls).toEqual({
      dialled: 7,
      human: 3,
      machine: 1,
      unsure: 1,
      busy: 1,
      noAnswer: 1,
      networkError: 0,
      personAnswered: 4,
      abandoned: 1,
      connected: 3,
      abandonPercent: 25,
      capLevel: "OVER",
    });
    expect(m.lastHour).toMatchObject({ dialled: 5, personAnswered: 3, abandoned: 1, abandonPercent: 33.33 });
    expect(m.contacts).toEqual({
      total: 4,
      waitingDue: 1,
      waitingLater: 1,
      dialling: 0,
      inCall: 1,
      done: 1,
      doneBy: [{ reason: "REACHED", count: 1 }],
      attemptsLeft: 4,
    });
    // Today's hours up to now; the five recent attempts in this hour (or the last, just after midnight).
    const today = m.hours.reduce((n: number, h: { dialled: number }) => n + h.dialled, 0);
    expect(today).toBe(5);
    expect(m.hours.at(-1).dialled + (m.hours.at(-2)?.dialled ?? 0)).toBe(5);
    expect(m.resultCodes).toEqual(
      [
        { name: seeded.later.name, kind: "RETRY", count: 1 },
        { name: seeded.sale.name, kind: "REACHED", count: 1 },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(m.agents).toEqual([{ userId: agent.id, name: agent.name, state: "OFFLINE", onCampaignCall: true }]);
    expect(m.scriptAnswers).toEqual([
      {
        questionId: "interested",
        text: "Interested?",
        type: "choice",
        answered: 2,
        average: null,
        choices: [
          { value: "yes", label: "Yes", count: 1 },
          { value: "no", label: "No", count: 1 },
        ],
      },
      { questionId: "people", text: "How many people at home?", type: "number", answered: 2, average: 3, choices: [] },
    ]);
  });

  it("lists the campaigns past their draft with their headline figures", async () => {
    const { campaignMonitors } = await supervisor.ok(
      `{ campaignMonitors { name status calls { dialled connected abandonPercent capLevel } lastHour { abandonPercent } contacts { total done } } }`,
    );
    expect(campaignMonitors).toEqual([
      {
        name: "Winter survey",
        status: "RUNNING",
        calls: { dialled: 7, connected: 3, abandonPercent: 25, capLevel: "OVER" },
        lastHour: { abandonPercent: 33.33 },
        contacts: { total: 4, done: 1 },
      },
    ]);
  });

  it("exports one row per contact with the last attempt and the last reached call's answers", async () => {
    const res = await fetch(`${server.url}/api/campaigns/${seeded.campaign.id}/results.csv`, { headers: { cookie: supervisor.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("Winter%20survey-results.csv");
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const { timezone } = await server.app.db.prisma.organization.findUniqueOrThrow({ where: { id: seeded.campaign.organizationId } });
    expect(lines[0]).toBe(`phone,name,list,state,done,attempts,lastOutcome,lastResultCode,lastAgent,lastAttemptAt (${timezone}),debt,Interested?,How many people at home?`);
    expect(lines).toHaveLength(5);
    // Numbers start with an apostrophe: a cell starting with + would be a formula to a spreadsheet.
    const row = (phone: string) => lines.find((l) => l.startsWith(`'${phone}`))!.split(",");
    expect(row("+48601000001")).toEqual([
      "'+48601000001",
      "Person 1",
      seeded.list.name,
      "DONE",
      "REACHED",
      "1",
      "REACHED",
      seeded.sale.name,
      agent.name,
      // On the organisation's clock, not UTC.
      localTimestamp(timezone, (await server.app.db.prisma.campaignAttempt.findFirstOrThrow({ where: { contact: { phone: "+48601000001" } }, orderBy: { startedAt: "desc" } })).startedAt),
      "100",
      "yes",
      "2",
    ]);
    expect(row("+48601000004").slice(3, 13)).toEqual(["IN_CALL", "", "2", "", "", agent.name, expect.any(String), "400", "no", "4"]);
    expect(row("+48601000003").slice(3, 13)).toEqual(["WAITING", "", "0", "", "", "", "", "300", "", ""]);
    expect(row("+48601000002").slice(6, 9)).toEqual(["BUSY", "", ""]);

    const xlsx = await fetch(`${server.url}/api/campaigns/${seeded.campaign.id}/results.xlsx`, { headers: { cookie: supervisor.cookie } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets[0]!.rowCount).toBe(5);
    expect(book.worksheets[0]!.getRow(1).getCell(12).value).toBe("Interested?");
  });

  it("pauses and resumes a campaign and moves agents, each audited", async () => {
    const id = seeded.campaign.id;
    await supervisor.ok(`mutation($id: ID!) { monitorPauseCampaign(id: $id) }`, { id });
    const again = await supervisor.gql(`mutation($id: ID!) { monitorPauseCampaign(id: $id) }`, { id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "CAMPAIGN_STATUS" });
    expect((await supervisor.ok(`query($id: ID!) { campaignMonitor(id: $id) { status } }`, { id })).campaignMonitor.status).toBe("PAUSED");
    await supervisor.ok(`mutation($id: ID!) { monitorResumeCampaign(id: $id) }`, { id });

    const move = `mutation($c: ID!, $u: ID!, $in: Boolean!) { monitorMoveCampaignAgent(campaignId: $c, userId: $u, in: $in) }`;
    await supervisor.ok(move, { c: id, u: other.id, in: true });
    const agents = async () => (await supervisor.ok(`query($id: ID!) { campaignMonitor(id: $id) { status agents { name } } }`, { id })).campaignMonitor;
    expect(await agents()).toEqual({ status: "RUNNING", agents: [{ name: agent.name }, { name: other.name }] });
    await supervisor.ok(move, { c: id, u: other.id, in: false });
    expect((await agents()).agents).toEqual([{ name: agent.name }]);

    const actions = await server.app.db.prisma.auditLog.findMany({
      where: { organizationId: org.id, targetId: id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["campaign.paused", "campaign.resumed", "campaign.agent_added", "campaign.agent_removed", "campaign.results_exported"]),
    );
  });

  it("refuses an agent everything", async () => {
    const r = await agentSession.gql(`query($id: ID!) { campaignMonitor(id: $id) { id } }`, { id: seeded.campaign.id });
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await agentSession.gql(`{ campaignMonitors { id } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const p = await agentSession.gql(`mutation($id: ID!) { monitorPauseCampaign(id: $id) }`, { id: seeded.campaign.id });
    expect(p.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const res = await fetch(`${server.url}/api/campaigns/${seeded.campaign.id}/results.csv`, { headers: { cookie: agentSession.cookie } });
    expect(res.status).toBe(403);
    const anon = await fetch(`${server.url}/api/campaigns/${seeded.campaign.id}/results.csv`);
    expect(anon.status).toBe(401);
  });
});
