// The agents' timesheet over the product's own state changes (changeAgentState at chosen moments):
// a supervisor sees the agents of the teams they lead with their time per state, pause reason and
// sessions; an admin sees everyone; an agent may not read it; another organisation never shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeAgentState } from "../../domain/agents/set-agent-state.ts";
import type { AgentState } from "../../domain/agents/agent-state.ts";
import { agentTimeReport } from "../../domain/reports/agent-time-report.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { type TestOrg, asViewer, makeOrg, makeTeam, makeUser } from "../factories/index.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const T0 = Date.parse("2026-11-30T07:00:00Z"); // Monday 08:00 in Warsaw
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** The agent's state from `minutes` after T0, as the product records it. */
async function state(userId: string, minutes: number, next: AgentState, pauseCodeId?: string) {
  await changeAgentState(
    { userId, organizationId: org.id, state: next, pauseCodeId: pauseCodeId ?? null, source: "AGENT", changedById: null, seen: true },
    { ...server.app.deps, now: () => at(minutes) },
  );
}

describe("agents' time accounting", () => {
  it("counts each visible agent's time per state and pause reason, sessions and first sign-in, by the organisation's days", async () => {
    const db = server.app.db.prisma;
    await db.organization.update({ where: { id: org.id }, data: { timezone: "Europe/Warsaw" } });
    const lead = await makeUser(server.app, org, "SUPERVISOR");
    const anna = await makeUser(server.app, org, "AGENT", { name: "Anna Team" });
    const olek = await makeUser(server.app, org, "AGENT", { name: "Olek Elsewhere" });
    await makeTeam(server.app, org, [{ userId: lead.id, lead: true }, { userId: anna.id }]);
    const lunch = await db.pauseCode.create({ data: { organizationId: org.id, name: "Lunch", translations: { pl: "Obiad" } } });

    await state(anna.id, 0, "READY");
    await state(anna.id, 120, "PAUSE", lunch.id);
    await state(anna.id, 150, "READY");
    await state(anna.id, 240, "OFFLINE");
    await state(anna.id, 300, "READY"); // a second sign-in the same day
    await state(anna.id, 360, "OFFLINE");
    await state(olek.id, 0, "READY");

    const period = { from: new Date("2026-11-29T23:00:00Z"), to: new Date("2026-11-30T23:00:00Z") }; // Monday in Warsaw
    const deps = { db, now: () => new Date("2026-12-01T12:00:00Z") };
    const report = await agentTimeReport(await asViewer(server.app, lead.id), period, deps);
    // Anna (and the lead, who takes work too) — not Olek: he is not in a team the supervisor leads.
    expect(report.agents.map((a) => a.name)).toContain("Anna Team");
    expect(report.agents.map((a) => a.name)).not.toContain("Olek Elsewhere");
    const a = report.agents.find((x) => x.name === "Anna Team")!;
    expect(a.days.map((d) => d.date)).toEqual(["2026-11-30"]);
    expect(a.total.states.READY).toBe((120 + 90 + 60) * 60);
    expect(a.total.pauses).toEqual({ [lunch.id]: 30 * 60 });
    expect(a.total.signedIn).toBe(300 * 60);
    expect(a.total.sessions).toBe(2);
    expect([a.total.longestSession, a.total.shortestSession]).toEqual([240 * 60, 60 * 60]);
    expect(a.total.firstSignIn).toEqual(at(0));
    expect(a.total.lastSignOut).toEqual(at(360));
    expect(report.pauseReasons).toEqual([{ id: lunch.id, name: "Lunch", translations: { pl: "Obiad" } }]);

    const admin = await makeUser(server.app, org, "ADMIN", { locale: "pl" });
    const all = await agentTimeReport(await asViewer(server.app, admin.id), period, deps);
    expect(all.agents.map((x) => x.name)).toEqual(expect.arrayContaining(["Anna Team", "Olek Elsewhere"]));
    // Olek is still Ready: his time runs until now, no later than the period's end.
    expect(all.agents.find((x) => x.name === "Olek Elsewhere")!.total.states.READY).toBe((16 * 60) * 60);
  });

  it("is refused to an agent, and shows nobody of another organisation", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    await expect(agentTimeReport(await asViewer(server.app, agent.id), {}, server.app.deps)).rejects.toBeInstanceOf(DomainError);
    const other = await makeOrg(server.app);
    const stranger = await makeUser(server.app, other, "ADMIN");
    const report = await agentTimeReport(await asViewer(server.app, stranger.id), {}, server.app.deps);
    expect(report.agents.every((x) => x.userId !== agent.id)).toBe(true);
  });
});
