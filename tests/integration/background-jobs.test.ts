// Background jobs across nodes: two registries on one database act as two worker nodes.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setOperators } from "../../domain/users/set-operators.ts";
import { type JobDefinition, JobRegistry } from "../../lib/jobs/job-registry.ts";
import { JobStore } from "../../lib/jobs/job-store.ts";
import { JOB_NAMES } from "../../lib/jobs/sweep-jobs.ts";
import { PASSWORD, makeOrg, makeUser } from "../factories/index.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unique = (what: string) => `test.${what}_${randomBytes(3).toString("hex")}`;
const row = (name: string) => server.app.db.prisma.job.findUniqueOrThrow({ where: { name } });
const node = (holder: string) => new JobRegistry(server.app.db, server.app.log, holder);

async function until(check: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(25);
  }
}

describe("the worker's sweeps", () => {
  it("are named jobs with their rows, kinds and periods, run at start", async () => {
    const names = Object.values(JOB_NAMES);
    await until(async () => (await server.app.db.prisma.job.count({ where: { name: { in: names } } })) === names.length, 5000);
    const rows = await server.app.db.prisma.job.findMany({ where: { name: { in: Object.values(JOB_NAMES) } } });
    expect(Object.fromEntries(rows.map((r) => [r.name, [r.kind, r.everyMs]]))).toEqual({
      "agents.end_wrap_ups": ["EXCLUSIVE", 1000],
      "agents.mark_disconnected_offline": ["EXCLUSIVE", 15_000],
      "campaigns.dial": ["EXCLUSIVE", 1000],
      "calls.end_without_media": ["EXCLUSIVE", 5000],
      "calls.expire_unanswered": ["EXCLUSIVE", 5000],
      "chat.abandon_silent_visitors": ["EXCLUSIVE", 30_000],
      "trunks.fail_lapsed_registrations": ["EXCLUSIVE", 10_000],
      "contact_lists.fail_interrupted_imports": ["EXCLUSIVE", 60_000],
      "wallboard.new_day": ["EXCLUSIVE", 30_000],
      "recordings.disk": ["SHARED", 60_000],
      "recordings.retention": ["SHARED", 3_600_000],
      "reports.apply_missed_interactions": ["EXCLUSIVE", 60_000],
      "alarms.evaluate": ["EXCLUSIVE", 2000],
      "reports.send_scheduled": ["EXCLUSIVE", 60_000],
    });
    await until(async () => (await row(JOB_NAMES.wrapUps)).runs >= 2, 5000);
    const wrapUps = await row(JOB_NAMES.wrapUps);
    expect(wrapUps).toMatchObject({ holder: server.workers.jobs.holder, failures: 0 });
    expect(wrapUps.lastDurationMs).toBeGreaterThanOrEqual(0);
  });

  it("run now by name", async () => {
    expect(await server.workers.jobs.run(JOB_NAMES.unansweredCalls)).toEqual({ ran: true, result: 0 });
    const before = (await row(JOB_NAMES.unansweredCalls)).runs;
    expect(await server.workers.jobs.run(JOB_NAMES.unansweredCalls)).toEqual({ ran: true, result: 0 });
    expect((await row(JOB_NAMES.unansweredCalls)).runs).toBeGreaterThan(before);
  });
});

describe("an exclusive job on two nodes", () => {
  it("runs on one node at a time, about once per period in all", async () => {
    const name = unique("exclusive");
    let active = 0;
    let most = 0;
    const ran = { a: 0, b: 0 };
    const job = (who: "a" | "b"): JobDefinition => ({
      name,
      kind: "EXCLUSIVE",
      everyMs: 100,
      async run() {
        most = Math.max(most, ++active);
        ran[who]++;
        await sleep(30);
        active--;
      },
    });
    const a = node("node-a").define(job("a"));
    const b = node("node-b").define(job("b"));
    await Promise.all([a.start(), b.start()]);
    await sleep(1500);
    await Promise.all([a.stop(), b.stop()]);
    expect(most).toBe(1);
    const total = ran.a + ran.b;
    // Two nodes each trying every period, one run per period between them (not two).
    expect(total).toBeGreaterThanOrEqual(8);
    expect(total).toBeLessThanOrEqual(17);
    expect((await row(name)).runs).toBe(total);
    expect((await row(name)).leaseUntil).toBeNull(); // both stopped: nothing held
  });

  it("a dead holder's lease is taken over once it runs out, and no sooner", async () => {
    const name = unique("takeover");
    // A node claimed a run (lease 3 s for a 500 ms job) and died: nobody renews or releases it.
    await new JobStore(server.app.db).register(name, "EXCLUSIVE", 500, 0);
    await server.app.db.rawQuery(
      `update "Job" set "holder" = 'dead-node', "leaseUntil" = now() + interval '3 seconds', "nextRunAt" = now() where "name" = $1`,
      [name],
    );
    const claimedAt = Date.now();
    let ranAt = 0;
    const b = node("node-b").define({ name, kind: "EXCLUSIVE", everyMs: 500, run: async () => void (ranAt ||= Date.now()) });
    await b.start();
    expect(await b.run(name)).toEqual({ ran: false, heldBy: "dead-node" });
    await until(() => ranAt > 0, 5000);
    await b.stop();
    const waited = ranAt - claimedAt;
    expect(waited).toBeGreaterThanOrEqual(2800);
    expect(waited).toBeLessThan(3000 + 500 + 400); // the lease, at most one period, slack
    expect((await row(name)).holder).toBe("node-b");
  });

  it("a stopping node releases its lease at once: the other runs it straight away", async () => {
    const name = unique("release");
    let finish = () => {};
    const a = node("node-a").define({ name, kind: "EXCLUSIVE", everyMs: 10_000, run: () => new Promise<void>((r) => (finish = r)) });
    const b = node("node-b").define({ name, kind: "EXCLUSIVE", everyMs: 10_000, run: async () => "b ran" });
    await a.start();
    await until(async () => (await row(name)).holder === "node-a", 2000);
    await b.start();
    expect(await b.run(name)).toEqual({ ran: false, heldBy: "node-a" });
    const stopping = a.stop();
    finish();
    await stopping;
    expect((await row(name)).leaseUntil).toBeNull();
    expect(await b.run(name)).toEqual({ ran: true, result: "b ran" });
    await b.stop();
  });

  it("records failures: the error, when, and counts, kept after a later success", async () => {
    const name = unique("failing");
    let fail = true;
    const a = node("node-a").define({
      name,
      kind: "EXCLUSIVE",
      everyMs: 60_000,
      firstDelayMs: 60_000,
      run: async () => {
        if (fail) throw new Error("mailbox unreachable\nstack...");
        return "ok";
      },
    });
    await a.start();
    expect(await a.run(name)).toEqual({ ran: true, error: "mailbox unreachable" });
    expect(await row(name)).toMatchObject({ runs: 1, failures: 1, lastError: "mailbox unreachable", leaseUntil: null });
    expect((await row(name)).lastFailedAt).not.toBeNull();
    fail = false;
    expect(await a.run(name)).toEqual({ ran: true, result: "ok" });
    expect(await row(name)).toMatchObject({ runs: 2, failures: 1, lastError: "mailbox unreachable" });
    await a.stop();
  });
});

describe("a shared job", () => {
  it("runs on every node, and every run is counted", async () => {
    const name = unique("shared");
    const ran = { a: 0, b: 0 };
    const job = (who: "a" | "b"): JobDefinition => ({ name, kind: "SHARED", everyMs: 100, run: async () => void ran[who]++ });
    const a = node("node-a").define(job("a"));
    const b = node("node-b").define(job("b"));
    await Promise.all([a.start(), b.start()]);
    await sleep(600);
    await Promise.all([a.stop(), b.stop()]);
    expect(ran.a).toBeGreaterThanOrEqual(3);
    expect(ran.b).toBeGreaterThanOrEqual(3);
    expect((await row(name)).runs).toBe(ran.a + ran.b);
  });
});

describe("the Background jobs API", () => {
  const LIST = `{ backgroundJobs { name kind everyMs holder running nextRunAt lastStartedAt lastDurationMs lastError runs failures } }`;
  const RUN = `mutation($name: ID!) { runBackgroundJob(name: $name) { name nextRunAt } }`;
  const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

  async function session(operator: boolean) {
    const org = await makeOrg(server.app);
    const user = await makeUser(server.app, org, "ADMIN");
    if (operator) await server.app.db.prisma.user.update({ where: { id: user.id }, data: { isOperator: true } });
    const s = new TestSession(server.url);
    await s.signIn(user.username, PASSWORD);
    return { s, user, org };
  }

  it("operators list the installation's jobs and run one now; the run is audited", async () => {
    const { s, user, org } = await session(true);
    const jobs = (await s.ok(LIST)).backgroundJobs;
    expect(jobs.map((j: { name: string }) => j.name)).toEqual(expect.arrayContaining(Object.values(JOB_NAMES)));
    const before = (await row(JOB_NAMES.silentVisitors)).runs;
    expect((await s.ok(RUN, { name: JOB_NAMES.silentVisitors })).runBackgroundJob.name).toBe(JOB_NAMES.silentVisitors);
    // Its period is 30 s; the wake-up makes the worker run it at once.
    await until(async () => (await row(JOB_NAMES.silentVisitors)).runs > before, 3000);
    const audit = await server.app.db.prisma.auditLog.findMany({ where: { organizationId: org.id, action: "job.run_requested" } });
    expect(audit).toMatchObject([{ actorId: user.id, targetId: JOB_NAMES.silentVisitors }]);
    expect(code(await s.gql(RUN, { name: "no.such_job" }))).toBe("NOT_FOUND");
  });

  it("an organisation's admin who is no operator neither sees nor runs them, even granted it in a role", async () => {
    const { s, org } = await session(false);
    expect(code(await s.gql(LIST))).toBe("FORBIDDEN");
    expect(code(await s.gql(RUN, { name: JOB_NAMES.wrapUps }))).toBe("FORBIDDEN");
    // An admin edits their own organisation's roles: the power is not theirs to grant.
    const save = await s.gql(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
      input: { name: "Operators", permissions: ["users.read", "system.jobs"] },
    });
    expect(code(save)).toBe("INVALID_INPUT");
    // Written into the role behind the product's back, it is still not granted.
    await server.app.db.prisma.role.update({ where: { id: org.roles.ADMIN }, data: { permissions: { push: "system.jobs" } } });
    const fresh = (await session(false)).s;
    const other = await makeUser(server.app, org, "ADMIN");
    await fresh.signIn(other.username, PASSWORD);
    expect(code(await fresh.gql(LIST))).toBe("FORBIDDEN");
    expect((await fresh.ok(`{ me { permissions } }`)).me.permissions).not.toContain("system.jobs");
  });

  it("OPERATORS names exactly the operators (logins or e-mails)", async () => {
    const org = await makeOrg(server.app);
    const [x, y, z] = [await makeUser(server.app, org, "ADMIN"), await makeUser(server.app, org, "AGENT"), await makeUser(server.app, org, "ADMIN")];
    await server.app.db.prisma.user.update({ where: { id: z.id }, data: { isOperator: true } });
    expect(await setOperators(server.app.db.prisma, [x.username, y.email.toUpperCase(), "nobody@nowhere"])).toEqual(["nobody@nowhere"]);
    const flags = await server.app.db.prisma.user.findMany({ where: { id: { in: [x.id, y.id, z.id] } }, select: { id: true, isOperator: true } });
    expect(Object.fromEntries(flags.map((f) => [f.id, f.isOperator]))).toEqual({ [x.id]: true, [y.id]: true, [z.id]: false });
  });
});
