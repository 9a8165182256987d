import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markDisconnectedAgentsOffline } from "../../domain/agents/mark-disconnected-offline.ts";
import { PASSWORD, type TestOrg, makeOrg, makeTeam, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer, subscribe } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

async function signedIn(role: "AGENT" | "SUPERVISOR" | "MANAGER" | "ADMIN", o = org) {
  const user = await makeUser(server.app, o, role);
  const s = new TestSession(server.url);
  expect((await s.signIn(user.username, PASSWORD)).status).toBe(200);
  return { user, s };
}

const BOARD_SUB = `subscription($teamId: ID) { agentPresenceChanged(teamId: $teamId) { userId state since pauseCode { name } user { name } } }`;

describe("agent states", () => {
  it("stores every change with its start and end, and refuses PAUSE without a reason", async () => {
    const { user, s } = await signedIn("AGENT");
    const codes = await s.ok(`{ pauseCodes { id name } }`);
    const training = codes.pauseCodes.find((c: { name: string }) => c.name === "Training");

    const noReason = await s.gql(`mutation { setMyAgentState(state: PAUSE) { state } }`);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "pauseCodeId" }] });

    await s.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    await s.ok(`mutation($id: ID) { setMyAgentState(state: PAUSE, pauseCodeId: $id) { state pauseCode { name } } }`, { id: training.id });
    await s.ok(`mutation { setMyAgentState(state: PAUSE, pauseCodeId: "${training.id}") { state } }`); // same state: no new row
    await s.ok(`mutation { setMyAgentState(state: BREAK) { state } }`);

    const history = await server.app.db.prisma.agentStateChange.findMany({ where: { userId: user.id }, orderBy: { startedAt: "asc" } });
    expect(history.map((h) => h.state)).toEqual(["READY", "PAUSE", "BREAK"]);
    expect(history[1].pauseCodeId).toBe(training.id);
    expect(history[0].endedAt).toEqual(history[1].startedAt);
    expect(history[2].endedAt).toBeNull();

    const now = new Date();
    const day = await s.ok(`query($f: DateTime!, $t: DateTime!) { myTimeInStates(from: $f, to: $t) { ready pause break offline } }`, {
      f: new Date(now.getTime() - 3600_000).toISOString(),
      t: new Date(now.getTime() + 3600_000).toISOString(),
    });
    expect(day.myTimeInStates.ready + day.myTimeInStates.pause + day.myTimeInStates.break).toBeLessThan(60);
  });

  it("refuses agent states to roles that take no work", async () => {
    const { s } = await signedIn("MANAGER");
    expect((await s.gql(`mutation { setMyAgentState(state: READY) { state } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("supervisor board", () => {
  it("shows a team's agent going Ready within a second, live", async () => {
    const { user: sup, s: supervisor } = await signedIn("SUPERVISOR");
    const { user: agent, s: agentSession } = await signedIn("AGENT");
    const { user: stranger, s: strangerSession } = await signedIn("AGENT");
    await makeTeam(server.app, org, [{ userId: sup.id, lead: true }, { userId: agent.id }]);

    const board = await supervisor.ok(`{ agentBoard { userId state } }`);
    const ids = board.agentBoard.map((a: { userId: string }) => a.userId);
    expect(ids).toContain(agent.id);
    expect(ids).toContain(sup.id); // supervisors take work too, and lead their own team
    expect(ids).not.toContain(stranger.id);

    const client = supervisor.ws();
    const sub = subscribe(client, BOARD_SUB);
    await new Promise((r) => setTimeout(r, 200)); // subscription established
    const sent = Date.now();
    await strangerSession.ok(`mutation { setMyAgentState(state: READY) { state } }`); // not in the supervisor's team
    await agentSession.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    const event = await sub.next(1000);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(event.data?.agentPresenceChanged).toMatchObject({ userId: agent.id, state: "READY", user: { name: agent.name } });
    expect(await sub.quiet(300)).toBe(true); // the stranger's change never arrived
    await client.dispose();
  });

  it("stops events as soon as the supervisor no longer leads the team", async () => {
    const { user: sup, s: supervisor } = await signedIn("SUPERVISOR");
    const { user: agent, s: agentSession } = await signedIn("AGENT");
    const team = await makeTeam(server.app, org, [{ userId: sup.id, lead: true }, { userId: agent.id }]);
    const { s: admin } = await signedIn("ADMIN");

    const client = supervisor.ws();
    const sub = subscribe(client, BOARD_SUB);
    await new Promise((r) => setTimeout(r, 200));
    await agentSession.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    await sub.next();

    await admin.ok(`mutation($id: ID, $m: [TeamMemberInput!]!) { saveTeam(id: $id, input: { name: "${team.name}", members: $m }) { id } }`, {
      id: team.id,
      m: [
        { userId: sup.id, lead: false },
        { userId: agent.id, lead: false },
      ],
    });
    await new Promise((r) => setTimeout(r, 100));
    await agentSession.ok(`mutation { setMyAgentState(state: AWAY) { state } }`);
    expect(await sub.quiet(700)).toBe(true);
    await client.dispose();
  });

  it("ends the stream with FORBIDDEN when the role loses the permission", async () => {
    const orgB = await makeOrg(server.app);
    const { user: mgr, s: manager } = await signedIn("MANAGER", orgB);
    const { s: agentSession } = await signedIn("AGENT", orgB);
    const { s: admin } = await signedIn("ADMIN", orgB);
    const client = manager.ws();
    const sub = subscribe(client, BOARD_SUB);
    await new Promise((r) => setTimeout(r, 200));
    await agentSession.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    expect((await sub.next()).data?.agentPresenceChanged.state).toBe("READY");

    const role = await server.app.db.prisma.role.findFirstOrThrow({ where: { id: mgr.roleId } });
    await admin.ok(`mutation($id: ID!, $p: [String!]!) { updateRole(id: $id, input: { name: "${role.name}", permissions: $p }) { id } }`, {
      id: role.id,
      p: role.permissions.filter((p) => !p.startsWith("agents.monitor")),
    });
    await new Promise((r) => setTimeout(r, 100));
    await agentSession.ok(`mutation { setMyAgentState(state: BREAK) { state } }`);
    const last = await sub.next();
    expect(last.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    await client.dispose();
  });

  it("never shows another organisation's agents", async () => {
    const other = await makeOrg(server.app);
    const { s: outsider } = await signedIn("MANAGER", other);
    const { s: agentSession } = await signedIn("AGENT");
    const client = outsider.ws();
    const sub = subscribe(client, BOARD_SUB);
    await new Promise((r) => setTimeout(r, 200));
    await agentSession.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    expect(await sub.quiet(500)).toBe(true);
    expect((await outsider.ok(`{ agentBoard { userId } }`)).agentBoard).toEqual([]);
    await client.dispose();
  });

  it("refuses a WebSocket from another origin or without a session", async () => {
    const { s } = await signedIn("SUPERVISOR");
    const hijack = subscribe(s.ws("https://evil.example"), BOARD_SUB);
    await expect(hijack.next(2000)).rejects.toThrow(/ended/);
    const anonymous = subscribe(new TestSession(server.url).ws(), BOARD_SUB);
    await expect(anonymous.next(2000)).rejects.toThrow(/ended/);
  });

  it("lets a supervisor set an agent's state, audited, but only for agents they watch", async () => {
    const { user: sup, s: supervisor } = await signedIn("SUPERVISOR");
    const { user: agent } = await signedIn("AGENT");
    const { user: notMine } = await signedIn("AGENT");
    await makeTeam(server.app, org, [{ userId: sup.id, lead: true }, { userId: agent.id }]);
    const r = await supervisor.ok(`mutation($u: ID!) { setAgentState(userId: $u, state: AWAY) { state source } }`, { u: agent.id });
    expect(r.setAgentState).toEqual({ state: "AWAY", source: "SUPERVISOR" });
    expect(await server.app.db.prisma.auditLog.count({ where: { action: "agent.state_forced", targetId: agent.id, actorId: sup.id } })).toBe(1);
    const refused = await supervisor.gql(`mutation($u: ID!) { setAgentState(userId: $u, state: AWAY) { state } }`, { u: notMine.id });
    expect(refused.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

describe("lost connections", () => {
  it("sets an agent whose browser went silent OFFLINE and tells the board", async () => {
    const { user: agent, s } = await signedIn("AGENT");
    await s.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    await server.app.db.prisma.agentPresence.update({ where: { userId: agent.id }, data: { lastSeenAt: new Date(Date.now() - 600_000) } });
    const changed = await markDisconnectedAgentsOffline(90, server.app.deps);
    expect(changed).toBeGreaterThanOrEqual(1);
    const p = await server.app.db.prisma.agentPresence.findUniqueOrThrow({ where: { userId: agent.id } });
    expect(p).toMatchObject({ state: "OFFLINE", source: "CONNECTION_LOST" });
  });

  it("keeps agents whose browser holds a live connection", async () => {
    const { user: agent, s } = await signedIn("AGENT");
    await s.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    const client = s.ws();
    const sub = subscribe(client, `subscription { myPresenceChanged { state } }`);
    await new Promise((r) => setTimeout(r, 300)); // connect touches lastSeenAt
    await server.app.db.prisma.agentPresence.update({ where: { userId: agent.id }, data: { lastSeenAt: new Date() } });
    await markDisconnectedAgentsOffline(90, server.app.deps);
    expect((await server.app.db.prisma.agentPresence.findUniqueOrThrow({ where: { userId: agent.id } })).state).toBe("READY");
    sub.dispose();
    await client.dispose();
  });
});
