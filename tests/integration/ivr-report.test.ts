// The IVR report over GraphQL, on calls written by the product's own code: callers ring a number
// with a flow (receivePhoneCall), walk it (the engine's steps, recorded as the media role records
// them) and leave it — to a queue, a voicemail, a call-back, or by hanging up in a sub-menu. The
// report counts them, says where the ones who hung up were and what they had chosen; only
// supervisors and managers may read it, a period is at most 93 days, and another organisation's
// calls never show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IvrEvent, type IvrStep, onEvent, startFlow } from "../../domain/ivr/engine.ts";
import { flowSchema } from "../../domain/ivr/flow.ts";
import { ivrEnds, ivrToQueue, recordIvrSteps } from "../../domain/ivr/ivr-calls.ts";
import { voicemailStarted } from "../../domain/ivr/voicemail.ts";
import { requestCallbackFromCall } from "../../domain/phone/callbacks.ts";
import { receivePhoneCall } from "../../domain/phone/inbound-call.ts";
import { phoneCallEnded } from "../../domain/phone/phone-call-events.ts";
import { ivrReport } from "../../domain/reports/ivr-report.ts";
import { DomainError } from "../../domain/shared/errors.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeUser, ready } from "../factories/index.ts";
import { publishedFlow } from "../support/ivr-flows.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let supervisor: TestSession;
let supervisorId: string;
let salesId: string;
let flowId: string;
const DID = "+48221110000";
const DAY = 86_400_000;

const say = (en: string) => ({ text: { en } });
const definition = (queueId: string) => ({
  language: "en",
  start: "main",
  nodes: {
    main: { type: "menu", prompt: say("Sales: 1. Support: 2."), options: { "1": "sales", "2": "support" }, onFail: "sales" },
    support: { type: "menu", prompt: say("Voicemail: 1. Your account: 2. Call-back: 3."), options: { "1": "vm", "2": "account", "3": "cb" }, onFail: "sales" },
    account: { type: "collect", prompt: say("Enter your customer number, then hash."), variable: "account", minDigits: 4, maxDigits: 8, next: "sales", onFail: "sales" },
    sales: { type: "queue", queueId },
    vm: { type: "voicemail", prompt: say("Leave a message after the tone.") },
    cb: { type: "callback", prompt: say("We will call you back."), queueId },
  },
});

/** An IVR flow (published, version 1) on a number of a trunk. */
async function flowOnNumber(o: TestOrg, queueId: string, name: string, number: string) {
  const db = server.app.db.prisma;
  const def = flowSchema.parse(definition(queueId));
  const flowId = await publishedFlow(db, o.id, name, def);
  const trunk = await db.sipTrunk.create({ data: { organizationId: o.id, name: `Trunk ${name}`, host: "sip.provider.test", username: "ours" } });
  await db.entryPoint.create({ data: { organizationId: o.id, kind: "PHONE", name, key: number, queueId, trunkId: trunk.id, ivrFlowId: flowId } });
  return { flowId, trunkId: trunk.id };
}

/** A caller rings the number and walks the flow: keys ("t": no key in time), as the media role
 * feeds the engine and records its steps. */
async function caller(trunkId: string, from: string, keys: string[]): Promise<{ callId: string; step: IvrStep }> {
  const deps = server.app.deps;
  const d = await receivePhoneCall({ trunkId, from: `sip:${from}@provider.test`, to: `sip:${DID}@pbx.test`, displayName: "" }, deps);
  if (d.accept !== true || !d.ivr) throw new Error(`the call did not meet the flow: ${JSON.stringify(d)}`);
  const ctx = { now: new Date(), timezone: d.ivr.timezone, caller: d.ivr.caller };
  let step = startFlow(d.ivr.flow, ctx);
  await recordIvrSteps(d.callId, step.log, deps);
  for (const k of keys) {
    const event: IvrEvent = k === "t" ? { type: "timeout" } : { type: "digit", digit: k };
    step = onEvent(d.ivr.flow, step.state, event, ctx);
    await recordIvrSteps(d.callId, step.log, deps);
  }
  return { callId: d.callId, step };
}

const OUT = "queue voicemail callback transfer endedByFlow queueRefused failed abandoned inProgress";
const REPORT = `query($from: DateTime, $to: DateTime, $flowId: ID) {
  ivrReport(from: $from, to: $to, flowId: $flowId) {
    from to timezone capped flowId flowOptions { id name }
    total { calls averageSeconds p90Seconds outcomes { ${OUT} } days { date calls outcomes { ${OUT} } } }
    flows {
      flowId name summary { calls outcomes { ${OUT} } }
      abandonments { node nodeType label count lastChoice { node label key } }
      menus { node nodeType label visits callers invalid timeouts gaveUp choices { key target count } }
    }
  }
}`;
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const fields = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  ((r.errors?.[0]?.extensions?.fields ?? []) as { path: string; code: string }[]).map((f) => `${f.path}:${f.code}`);
const signedIn = async (o: TestOrg, role: "AGENT" | "SUPERVISOR" | "MANAGER" | "ADMIN") => {
  const u = await makeUser(server.app, o, role);
  const s = new TestSession(server.url);
  await s.signIn(u.username, PASSWORD);
  return { session: s, id: u.id };
};

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  ({ session: supervisor, id: supervisorId } = await signedIn(org, "SUPERVISOR"));
  const agent = await makeUser(server.app, org, "AGENT");
  salesId = (await makeQueue(server.app, org, [{ userId: agent.id }], { maxQueueLength: 50 })).id;
  // Somebody works the queue, so the flow's queue step takes the caller.
  await ready(server.app, org, agent.id);
  const made = await flowOnNumber(org, salesId, "Infolinia", DID);
  flowId = made.flowId;
  const deps = server.app.deps;

  // 9 is no option, then 1: sales.
  const queued = await caller(made.trunkId, "+48601000001", ["9", "1"]);
  expect(queued.step.actions).toEqual([expect.objectContaining({ kind: "queue", queueId: salesId })]);
  expect(await ivrToQueue(queued.callId, { queueId: salesId, fields: queued.step.state.fields, language: queued.step.state.language }, deps)).toBe("QUEUED");

  // Support, then 2 (their account): asked for the number, they hang up instead. Twice.
  for (const from of ["+48601000002", "+48601000003"]) {
    const gaveUp = await caller(made.trunkId, from, ["2", "2"]);
    expect(gaveUp.step.state.node).toBe("account");
    await phoneCallEnded(gaveUp.callId, 200, "BYE", deps);
  }

  // Silence at first, then support, voicemail; they hang up while recording (a message left).
  const vm = await caller(made.trunkId, "+48601000004", ["t", "2", "1"]);
  expect(vm.step.state.node).toBe("vm");
  await voicemailStarted(vm.callId, deps);
  await phoneCallEnded(vm.callId, 200, "BYE", deps);

  // Support, then a call-back.
  const cb = await caller(made.trunkId, "+48601000005", ["2", "3"]);
  expect(await requestCallbackFromCall(cb.callId, { queueId: salesId, trunkId: null }, deps)).toBe(true);
  await ivrEnds(cb.callId, "CALLBACK", deps);
});
afterAll(async () => {
  await server?.close();
});

describe("the IVR report", () => {
  it("counts how callers left the flow, where the ones who hung up gave up, and the keys each menu heard", async () => {
    const { ivrReport: r } = await supervisor.ok(REPORT);
    expect(r).toMatchObject({ capped: false, flowId: null, timezone: "Europe/Warsaw", flowOptions: [{ id: flowId, name: "Infolinia" }] });
    expect(r.total.calls).toBe(5);
    expect(r.total.outcomes).toEqual({ queue: 1, voicemail: 1, callback: 1, transfer: 0, endedByFlow: 0, queueRefused: 0, failed: 0, abandoned: 2, inProgress: 0 });
    expect(r.total.averageSeconds).toBeGreaterThanOrEqual(0);
    expect(r.total.p90Seconds).toBeGreaterThanOrEqual(r.total.averageSeconds);
    // The last seven days, today (with every call) last.
    expect(r.total.days).toHaveLength(7);
    expect(r.total.days.at(-1)).toMatchObject({ calls: 5, outcomes: { abandoned: 2, queue: 1 } });

    expect(r.flows).toHaveLength(1);
    const [f] = r.flows;
    expect(f).toMatchObject({ flowId, name: "Infolinia", summary: { calls: 5 } });
    // "Hung up in the IVR after choosing 2 in the support menu: 2".
    expect(f.abandonments).toEqual([
      {
        node: "account",
        nodeType: "collect",
        label: "Enter your customer number, then hash.",
        count: 2,
        lastChoice: { node: "support", key: "2", label: "Voicemail: 1. Your account: 2. Call-back: 3." },
      },
    ]);
    const menu = (node: string) => f.menus.find((m: { node: string }) => m.node === node);
    expect(menu("main")).toEqual({
      node: "main",
      nodeType: "menu",
      label: "Sales: 1. Support: 2.",
      visits: 5,
      callers: 5,
      invalid: 1,
      timeouts: 1,
      gaveUp: 0,
      choices: [
        { key: "2", target: "support", count: 4 },
        { key: "1", target: "sales", count: 1 },
      ],
    });
    expect(menu("support")).toMatchObject({
      visits: 4,
      callers: 4,
      choices: [
        { key: "2", target: "account", count: 2 },
        { key: "1", target: "vm", count: 1 },
        { key: "3", target: "cb", count: 1 },
      ],
    });
    expect(menu("account")).toMatchObject({ nodeType: "collect", visits: 2, choices: [] });
  });

  it("covers only the period asked for, and one flow when asked", async () => {
    const weekAgo = new Date(Date.now() - 8 * DAY);
    const before = (await supervisor.ok(REPORT, { from: weekAgo.toISOString(), to: new Date(Date.now() - 7 * DAY).toISOString() })).ivrReport;
    expect(before.total.calls).toBe(0);
    expect(before.flows).toEqual([]);
    const one = (await supervisor.ok(REPORT, { flowId })).ivrReport;
    expect(one).toMatchObject({ flowId, total: { calls: 5 } });
    expect(one.flows.map((f: { flowId: string }) => f.flowId)).toEqual([flowId]);
  });

  it("says when it counted only the first calls of a busy period", async () => {
    const report = await ivrReport(await asViewer(server.app, supervisorId), {}, server.app.deps, { cap: 3 });
    expect(report).toMatchObject({ capped: true, cap: 3, total: { calls: 3 } });
    // The first three by time: the queued caller and the two who hung up.
    expect(report.total.outcomes).toMatchObject({ queue: 1, abandoned: 2, voicemail: 0, callback: 0 });
  });

  it("is for supervisors and managers: an agent is refused", async () => {
    const agent = await signedIn(org, "AGENT");
    const refused = await agent.session.gql(REPORT);
    expect(code(refused)).toBe("FORBIDDEN");
    expect(refused.data).toBeNull();
    await expect(ivrReport(await asViewer(server.app, agent.id), {}, server.app.deps)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const manager = await signedIn(org, "MANAGER");
    expect((await manager.session.ok(REPORT)).ivrReport.total.calls).toBe(5);
  });

  it("refuses a period longer than 93 days, or reversed, or not a date, with a clear error", async () => {
    const long = await supervisor.gql(REPORT, { from: new Date(Date.now() - 200 * DAY).toISOString(), to: new Date().toISOString() });
    expect(code(long)).toBe("INVALID_INPUT");
    expect(fields(long)).toEqual(["to:report_range_too_long"]);
    expect(long.errors?.[0].message).toContain("at most 93 days");
    const reversed = await supervisor.gql(REPORT, { from: new Date().toISOString(), to: new Date(Date.now() - DAY).toISOString() });
    expect(fields(reversed)).toEqual(["to:report_range_reversed"]);
    expect(code(await supervisor.gql(REPORT, { from: "last tuesday" }))).toBe("INVALID_INPUT");
    expect(code(await supervisor.gql(REPORT, { flowId: "not-a-uuid" }))).toBe("INVALID_INPUT");
    await expect(ivrReport(await asViewer(server.app, supervisorId), { from: new Date(0), to: new Date() }, server.app.deps)).rejects.toBeInstanceOf(DomainError);
  });

  it("never shows another organisation's calls or flows", async () => {
    const other = await makeOrg(server.app);
    const otherQueue = await makeQueue(server.app, other, []);
    const theirs = await flowOnNumber(other, otherQueue.id, "Their line", "+48221119999");
    // One of their callers hangs up in their menu (written straight to the database).
    const db = server.app.db.prisma;
    const process = await db.process.findFirstOrThrow({ where: { organizationId: other.id } });
    const status = await db.caseStatus.findFirstOrThrow({ where: { processId: process.id } });
    const kase = await db.case.create({ data: { organizationId: other.id, number: 1, subject: "call", processId: process.id, statusId: status.id, channel: "VOICE" } });
    const interaction = await db.interaction.create({ data: { organizationId: other.id, caseId: kase.id, channel: "VOICE", state: "ABANDONED" } });
    const now = Date.now();
    await db.interactionEvent.createMany({
      data: [
        { type: "ivr_started", at: new Date(now), data: { flowId: theirs.flowId, version: 1 } },
        { type: "ivr", at: new Date(now + 1), data: { node: "main", step: "menu", what: "entered" } },
        { type: "abandoned", at: new Date(now + 5000), data: { by: "CONTACT" } },
      ].map((e) => ({ ...e, organizationId: other.id, interactionId: interaction.id })),
    });

    const mine = (await supervisor.ok(REPORT)).ivrReport;
    expect(mine.total.calls).toBe(5);
    expect(mine.flowOptions.map((f: { id: string }) => f.id)).toEqual([flowId]);
    expect(JSON.stringify(mine)).not.toContain(theirs.flowId);
    // Asking for their flow by id finds nothing to report on.
    const asked = await supervisor.gql(REPORT, { flowId: theirs.flowId });
    expect(fields(asked)).toEqual(["flowId:unknown"]);

    const otherSupervisor = await signedIn(other, "SUPERVISOR");
    const seen = (await otherSupervisor.session.ok(REPORT)).ivrReport;
    expect(seen.total).toMatchObject({ calls: 1, outcomes: { abandoned: 1 } });
    expect(seen.flows.map((f: { flowId: string }) => f.flowId)).toEqual([theirs.flowId]);
    expect(seen.flows[0].abandonments).toEqual([{ node: "main", nodeType: "menu", label: "Sales: 1. Support: 2.", count: 1, lastChoice: null }]);
    expect(JSON.stringify(seen)).not.toContain(flowId);
  });
});
