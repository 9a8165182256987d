import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type TestOrg, makeOrg, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES: "3", LOGIN_LOCK_MINUTES: "10" });
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const session = () => new TestSession(server.url);

describe("sign-in", () => {
  it("signs in with login and password into an httpOnly, SameSite session cookie honoured by GraphQL", async () => {
    const agent = await makeUser(server.app, org, "AGENT", { locale: "ru" });
    const s = session();
    const r = await s.signIn(agent.username.toUpperCase(), PASSWORD); // logins are case-insensitive
    expect(r.status).toBe(200);
    const cookie = r.setCookie.find((c) => c.startsWith("centrala.session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(r.setCookie.some((c) => c.startsWith("NEXT_LOCALE=ru"))).toBe(true);
    const me = await s.ok(`{ me { user { username } permissions } }`);
    expect(me.me.user.username).toBe(agent.username);
    expect(me.me.permissions).toContain("agents.work");
  });

  it("answers a wrong password, an unknown login and a deactivated account the same way", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const gone = await makeUser(server.app, org, "AGENT");
    await server.app.db.prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const answers = [
      await session().signIn(agent.username, "wrong password"),
      await session().signIn("no-such-login", PASSWORD),
      await session().signIn(gone.username, PASSWORD),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual({ code: "INVALID_CREDENTIALS", message: "Invalid login or password" });
    }
  });

  it("locks a login after repeated failures, existing or not, and audits the lock", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    for (const login of [agent.username, "ghost-login"]) {
      for (let i = 0; i < 3; i++) expect((await session().signIn(login, "nope")).status).toBe(401);
      const locked = await session().signIn(login, login === agent.username ? PASSWORD : "nope");
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe("ACCOUNT_LOCKED");
      expect(locked.body.retryAfterSeconds).toBeGreaterThan(500);
    }
    const audit = await server.app.db.prisma.auditLog.findMany({ where: { action: "auth.locked", targetId: agent.id } });
    expect(audit).toHaveLength(1);
  });

  it("counts wrong current passwords at a password change as failed sign-ins: the login locks, audited", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const s = session();
    await s.signIn(agent.username, PASSWORD);
    const change = (current: string) =>
      s.gql(`mutation($c: String!) { changeMyPassword(currentPassword: $c, newPassword: "a new good password") }`, { c: current });
    for (let i = 0; i < 3; i++) expect((await change(`guess ${i}`)).errors?.[0].extensions).toMatchObject({ code: "INVALID_INPUT" });
    // Locked now: even the right password is refused, here and at sign-in.
    const locked = await change(PASSWORD);
    expect(locked.errors?.[0].extensions).toMatchObject({ code: "ACCOUNT_LOCKED" });
    expect(locked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(500);
    const signIn = await session().signIn(agent.username, PASSWORD);
    expect(signIn.status).toBe(429);
    expect(signIn.body.code).toBe("ACCOUNT_LOCKED");
    const audit = await server.app.db.prisma.auditLog.findMany({ where: { action: "auth.locked", targetId: agent.id } });
    expect(audit.map((a) => a.data)).toEqual([expect.objectContaining({ via: "password_change" })]);
    expect(
      await server.app.deps.passwords.verify({
        hash: (await server.app.db.prisma.account.findFirstOrThrow({ where: { userId: agent.id } })).password!,
        password: PASSWORD,
      }),
    ).toBe(true);
  });

  it("failed sign-ins and wrong current passwords add up to one lock", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const s = session();
    await s.signIn(agent.username, PASSWORD);
    expect((await session().signIn(agent.username, "nope")).status).toBe(401);
    expect((await session().signIn(agent.username, "nope")).status).toBe(401);
    await s.gql(`mutation { changeMyPassword(currentPassword: "nope", newPassword: "a new good password") }`);
    expect((await session().signIn(agent.username, PASSWORD)).body.code).toBe("ACCOUNT_LOCKED");
  });

  it("signs out: the session stops working and the agent goes OFFLINE", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const s = session();
    await s.signIn(agent.username, PASSWORD);
    const cookie = s.cookie;
    await s.ok(`mutation { setMyAgentState(state: READY) { state } }`);
    expect((await s.signOut()).status).toBe(200);
    const replay = new TestSession(server.url);
    replay.cookie = cookie; // someone who kept the old cookie
    expect((await replay.gql(`{ me { permissions } }`)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const presence = await server.app.db.prisma.agentPresence.findUniqueOrThrow({ where: { userId: agent.id } });
    expect(presence).toMatchObject({ state: "OFFLINE", source: "SIGN_OUT" });
  });

  it("treats an expired session as signed out", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const s = session();
    await s.signIn(agent.username, PASSWORD);
    await server.app.db.prisma.session.updateMany({ where: { userId: agent.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    server.app.viewers.invalidateAll();
    expect((await s.gql(`{ me { permissions } }`)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("extends a session in use (the signed-in tab asks get-session), so a long shift does not end it", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const s = session();
    await s.signIn(agent.username, PASSWORD);
    const soon = new Date(Date.now() + 3600_000);
    await server.app.db.prisma.session.updateMany({ where: { userId: agent.id }, data: { expiresAt: soon } });
    const res = await fetch(`${server.url}/api/auth/get-session`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("centrala.session_token="))).toBe(true);
    const [row] = await server.app.db.prisma.session.findMany({ where: { userId: agent.id } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(soon.getTime() + 3600_000);
  });

  it("exposes only sign-in, sign-out and get-session of the auth library", async () => {
    const s = session();
    for (const path of ["/api/auth/sign-up/email", "/api/auth/update-user", "/api/auth/change-password", "/api/auth/list-sessions"]) {
      expect((await s.post(path, { email: "x@y.z", password: "12345678", name: "x" })).status).toBe(404);
    }
  });

  it("redirects pages behind sign-in to /login", async () => {
    const res = await fetch(`${server.url}/supervisor?x=1`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2Fsupervisor%3Fx%3D1");
  });
});

describe("sign-in rate limit per address", () => {
  it("refuses bursts of sign-ins from one address with 429", async () => {
    const limited = await startTestServer({ SIGNIN_RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await new TestSession(limited.url).signIn(`user${i}`, "x")).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});
