import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestOrg, makeOrg, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
let adminId: string;
beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server.app);
  const a = await makeUser(server.app, org, "ADMIN");
  adminId = a.id;
  admin = new TestSession(server.url);
  await admin.signIn(a.username, PASSWORD);
});
afterAll(() => server?.close());

async function signedIn(role: "AGENT" | "SUPERVISOR" | "MANAGER" | "ADMIN", o = org) {
  const user = await makeUser(server.app, o, role);
  const s = new TestSession(server.url);
  await s.signIn(user.username, PASSWORD);
  return { user, s };
}

const CREATE = `mutation($input: UserInput!, $password: String!) { createUser(input: $input, password: $password) { id username email role { key } teams { team { name } } } }`;
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

describe("users", () => {
  it("an admin creates an agent who can then sign in; the creation is audited", async () => {
    const team = await server.app.db.prisma.team.create({ data: { organizationId: org.id, name: "Blue" } });
    const r = await admin.ok(CREATE, {
      input: { username: "Nowy.Agent", name: "Nowy Agent", email: "Nowy@Example.pl", roleId: org.roles.AGENT, locale: "pl", teamIds: [team.id] },
      password: "long enough pw",
    });
    expect(r.createUser).toMatchObject({ username: "nowy.agent", email: "nowy@example.pl", role: { key: "AGENT" }, teams: [{ team: { name: "Blue" } }] });
    expect((await new TestSession(server.url).signIn("nowy.agent", "long enough pw")).status).toBe(200);
    const audit = await admin.ok(`{ auditLog(action: "user.") { action actor { id } targetId } }`);
    expect(audit.auditLog[0]).toMatchObject({ action: "user.created", actor: { id: adminId }, targetId: r.createUser.id });
  });

  it("explains bad input field by field and keeps nothing half-made", async () => {
    const before = await server.app.db.prisma.user.count();
    const r = await admin.gql(CREATE, {
      input: { username: "bad login!", name: "", email: "not-an-email", roleId: org.roles.AGENT, locale: "en" },
      password: "short",
    });
    expect(code(r)).toBe("INVALID_INPUT");
    const paths = (r.errors?.[0].extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(["input.email", "input.name", "input.password", "input.username"]);
    expect(await server.app.db.prisma.user.count()).toBe(before);
  });

  it("refuses a taken login with CONFLICT naming the field", async () => {
    const existing = await makeUser(server.app, org, "AGENT");
    const r = await admin.gql(CREATE, {
      input: { username: existing.username, name: "X", email: "x-unique@example.com", roleId: org.roles.AGENT, locale: "en" },
      password: "long enough pw",
    });
    expect(code(r)).toBe("CONFLICT");
    expect(r.errors?.[0].extensions?.fields).toEqual([{ path: "input.username", code: "taken", message: "already taken" }]);
  });

  it("deactivation signs the user out everywhere and refuses their sign-in; reactivation restores it", async () => {
    const { user, s } = await signedIn("AGENT");
    await s.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    await admin.ok(`mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }`, { id: user.id });
    expect(code(await s.gql(`{ me { permissions } }`))).toBe("UNAUTHENTICATED");
    expect((await new TestSession(server.url).signIn(user.username, PASSWORD)).status).toBe(401);
    expect((await server.app.db.prisma.agentPresence.findUniqueOrThrow({ where: { userId: user.id } })).state).toBe("OFFLINE");
    await admin.ok(`mutation($id: ID!) { setUserActive(id: $id, active: true) { active } }`, { id: user.id });
    expect((await new TestSession(server.url).signIn(user.username, PASSWORD)).status).toBe(200);
  });

  it("an admin cannot deactivate themself", async () => {
    expect(code(await admin.gql(`mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }`, { id: adminId }))).toBe("CONFLICT");
  });

  it("a password reset ends the user's sessions; the new password works", async () => {
    const { user, s } = await signedIn("AGENT");
    await admin.ok(`mutation($id: ID!) { resetUserPassword(id: $id, newPassword: "brand new secret") }`, { id: user.id });
    expect(code(await s.gql(`{ me { permissions } }`))).toBe("UNAUTHENTICATED");
    expect((await new TestSession(server.url).signIn(user.username, PASSWORD)).status).toBe(401);
    expect((await new TestSession(server.url).signIn(user.username, "brand new secret")).status).toBe(200);
  });

  it("a user changes their own password only with the current one", async () => {
    const { user, s } = await signedIn("AGENT");
    const wrong = await s.gql(`mutation { changeMyPassword(currentPassword: "nope", newPassword: "another good one") }`);
    expect(code(wrong)).toBe("INVALID_INPUT");
    await s.ok(`mutation($c: String!) { changeMyPassword(currentPassword: $c, newPassword: "another good one") }`, { c: PASSWORD });
    expect((await new TestSession(server.url).signIn(user.username, "another good one")).status).toBe(200);
  });

  it("keeps users of other organisations out of reach", async () => {
    const other = await makeOrg(server.app);
    const stranger = await makeUser(server.app, other, "AGENT");
    expect((await admin.ok(`query($id: ID!) { user(id: $id) { id } }`, { id: stranger.id })).user).toBeNull();
    expect(code(await admin.gql(`mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }`, { id: stranger.id }))).toBe("NOT_FOUND");
  });
});

describe("roles and permissions", () => {
  it("an agent may not read or manage users, roles or the audit log", async () => {
    const { s } = await signedIn("AGENT");
    for (const q of [`{ users { id } }`, `{ permissionCatalog }`, `{ auditLog { id } }`, `mutation { deleteRole(id: "${org.roles.AGENT}") }`]) {
      expect(code(await s.gql(q))).toBe("FORBIDDEN");
    }
  });

  it("a permission removed from a role stops working at once", async () => {
    const { s } = await signedIn("MANAGER");
    expect((await s.gql(`{ users { id } }`)).errors).toBeUndefined();
    const role = await server.app.db.prisma.role.findUniqueOrThrow({ where: { id: org.roles.MANAGER } });
    await admin.ok(`mutation($id: ID!, $p: [String!]!) { updateRole(id: $id, input: { name: "${role.name}", permissions: $p }) { id } }`, {
      id: role.id,
      p: role.permissions.filter((p) => p !== "users.read"),
    });
    expect(code(await s.gql(`{ users { id } }`))).toBe("FORBIDDEN");
    await admin.ok(`mutation($id: ID!, $p: [String!]!) { updateRole(id: $id, input: { name: "${role.name}", permissions: $p }) { id } }`, {
      id: role.id,
      p: role.permissions,
    });
  });

  it("refuses unknown permissions and a change that would leave nobody able to administer", async () => {
    const bad = await admin.gql(`mutation { createRole(input: { name: "Odd", permissions: ["launch.missiles"] }) { id } }`);
    expect(code(bad)).toBe("INVALID_INPUT");
    const lockout = await admin.gql(`mutation($id: ID!) { updateRole(id: $id, input: { name: "Administrator", permissions: ["users.read"] }) { id } }`, {
      id: org.roles.ADMIN,
    });
    expect(code(lockout)).toBe("CONFLICT");
    expect((await server.app.db.prisma.role.findUniqueOrThrow({ where: { id: org.roles.ADMIN } })).permissions).toContain("roles.manage");
  });

  it("creates a custom role and deletes it when unused; built-in and used roles stay", async () => {
    const created = await admin.ok(
      `mutation { createRole(input: { name: "Quality", permissions: ["audit.read", "agents.monitor_all"] }) { id permissions userCount } }`,
    );
    expect(created.createRole).toMatchObject({ permissions: ["agents.monitor_all", "audit.read"], userCount: 0 });
    expect(code(await admin.gql(`mutation($id: ID!) { deleteRole(id: $id) }`, { id: org.roles.AGENT }))).toBe("CONFLICT");
    expect((await admin.ok(`mutation($id: ID!) { deleteRole(id: $id) }`, { id: created.createRole.id })).deleteRole).toBe(true);
  });
});

describe("teams, queues and pause reasons", () => {
  it("saves a queue with channels, priority and members' skill levels; refuses bad levels and strangers", async () => {
    const a1 = await makeUser(server.app, org, "AGENT");
    const a2 = await makeUser(server.app, org, "AGENT");
    const SAVE = `mutation($id: ID, $input: QueueInput!) { saveQueue(id: $id, input: $input) { id name channels priority strategy members { user { id } skillLevel } } }`;
    const routing = { strategy: "SKILLS", offerTimeoutSeconds: 30 };
    const q = await admin.ok(SAVE, {
      input: {
        ...routing,
        name: "Windykacja",
        channels: ["VOICE", "EMAIL"],
        priority: 80,
        members: [
          { userId: a1.id, skillLevel: 9 },
          { userId: a2.id, skillLevel: 4 },
        ],
      },
    });
    expect(q.saveQueue.members).toEqual([
      { user: { id: a1.id }, skillLevel: 9 },
      { user: { id: a2.id }, skillLevel: 4 },
    ]);
    const tooSkilled = await admin.gql(SAVE, {
      id: q.saveQueue.id,
      input: { ...routing, name: "Windykacja", channels: ["VOICE"], priority: 80, members: [{ userId: a1.id, skillLevel: 11 }] },
    });
    expect(code(tooSkilled)).toBe("INVALID_INPUT");
    const stranger = await makeUser(server.app, await makeOrg(server.app), "AGENT");
    const foreign = await admin.gql(SAVE, {
      id: q.saveQueue.id,
      input: { ...routing, name: "Windykacja", channels: ["VOICE"], priority: 80, members: [{ userId: stranger.id, skillLevel: 5 }] },
    });
    expect(code(foreign)).toBe("INVALID_INPUT");
    const noChannel = await admin.gql(SAVE, { input: { ...routing, name: "Empty", channels: [], priority: 10, members: [] } });
    expect(code(noChannel)).toBe("INVALID_INPUT");
    const loop = await admin.gql(SAVE, {
      id: q.saveQueue.id,
      input: { ...routing, overflowQueueId: q.saveQueue.id, name: "Windykacja", channels: ["VOICE"], priority: 80, members: [] },
    });
    expect(loop.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: "input.overflowQueueId", code: "same_queue" })]);
  });

  it("archived pause reasons leave the agents' menu but stay for admins", async () => {
    const created = await admin.ok(`mutation { savePauseCode(input: { name: "Coffee", maxDurationMinutes: 10 }) { id active } }`);
    await admin.ok(`mutation($id: ID) { savePauseCode(id: $id, input: { name: "Coffee", active: false }) { active } }`, { id: created.savePauseCode.id });
    const { s } = await signedIn("AGENT");
    const names = (await s.ok(`{ pauseCodes(includeArchived: true) { name } }`)).pauseCodes.map((c: { name: string }) => c.name);
    expect(names).not.toContain("Coffee");
    const all = (await admin.ok(`{ pauseCodes(includeArchived: true) { name active } }`)).pauseCodes;
    expect(all).toContainEqual({ name: "Coffee", active: false });
  });
});

describe("malformed requests", () => {
  it("codes syntax and schema errors, and refuses oversized bodies", async () => {
    expect(code(await admin.gql(`{ me { `))).toBe("GRAPHQL_PARSE_FAILED");
    expect(code(await admin.gql(`{ me { nonsense } }`))).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(code(await admin.gql(`query($id: ID!) { user(id: $id) { id } }`, { id: "not-a-uuid" }))).toBe("INVALID_INPUT");
    const deep = `{ me { user { teams { team { members { user { teams { team { members { user { name } } } } } } } } } } }`;
    expect(code(await admin.gql(deep))).toBe("LIMIT_EXCEEDED");
    const huge = await admin.post("/api/graphql", { query: `{ me { permissions } }`, variables: { x: "a".repeat(1_100_000) } });
    expect(huge.status).toBe(413);
    expect((await admin.gql(`{ me { permissions } }`)).errors).toBeUndefined(); // and the server is fine
  });
});
