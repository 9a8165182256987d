// Handling a customer's call after it is answered, against the real database and media worker:
// wrap-up and dispositions before the next offer, consult-then-transfer (and its cancellations),
// and a supervisor taking a call over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setOwnAgentState } from "../../domain/agents/set-agent-state.ts";
import { saveDispositionCode } from "../../domain/dispositions/save-disposition-code.ts";
import { endExpiredWrapUps } from "../../domain/agents/end-expired-wrap-ups.ts";
import { setDisposition } from "../../domain/dispositions/set-disposition.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { answerCall, callAudio, expireUnansweredCalls, hangUp } from "../../domain/voice/calls.ts";
import { cancelConsult, completeTransfer, consultColleague } from "../../domain/voice/consult.ts";
import { takeOverCall } from "../../domain/voice/take-over.ts";
import { type TestOrg, asViewer, makeOrg, makeQueue, makeTeam, makeUser, makeWidget, ready } from "../factories/index.ts";
import { VisitorClient } from "../support/visitor-client.ts";
import { type TestServer, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const db = () => server.app.db.prisma;
const deps = () => server.app.deps;
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string; details?: { reason?: string } }) => e.details?.reason ?? e.code,
  );
const stateOf = async (userId: string) => (await db().agentPresence.findUniqueOrThrow({ where: { userId } })).state;

/** A web visitor's call answered by `agent` through the ACD; the queue's settings as given. */
async function answeredCall(queueSettings: { wrapUpSeconds?: number; requireDisposition?: boolean } = {}) {
  const agent = await makeUser(server.app, org, "AGENT");
  const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
  await db().queue.update({ where: { id: queue.id }, data: queueSettings });
  const widget = await makeWidget(server.app, org, queue.id, { calls: true });
  await ready(server.app, org, agent.id);
  const visitor = new VisitorClient(server.url);
  await visitor.start(widget.key, { name: "Wanda Waiting", email: "wanda@example.com", channel: "VOICE" });
  await server.workers.router.pass();
  const item = await db().queueItem.findFirstOrThrow({ where: { offeredToId: agent.id, channel: "VOICE" } });
  const va = await asViewer(server.app, agent.id);
  await acceptOffer(va, item.id, deps());
  const call = await db().call.findFirstOrThrow({ where: { interactionId: item.interactionId } });
  return { agent, va, queue, widget, visitor, call, interactionId: item.interactionId };
}

describe("wrap-up", () => {
  it("follows a call for the queue's time: no offers meanwhile, Ready again when it runs out", async () => {
    const { agent, va, queue, widget, call, interactionId } = await answeredCall({ wrapUpSeconds: 30 });
    await hangUp(va, call.id, deps());
    const presence = await db().agentPresence.findUniqueOrThrow({ where: { userId: agent.id } });
    expect(presence.state).toBe("WRAP_UP");
    expect(presence.wrapUpUntil!.getTime() - Date.now()).toBeGreaterThan(25_000);
    expect(await db().interactionEvent.count({ where: { interactionId, type: "wrap_up_started" } })).toBe(1);

    // A second caller waits while the agent wraps up.
    const next = new VisitorClient(server.url);
    expect((await next.start(widget.key, { name: "Nell Next", email: "nell@example.com", channel: "VOICE" })).body.state).toBe("QUEUED");
    await server.workers.router.pass();
    expect(await db().queueItem.count({ where: { queueId: queue.id, offeredToId: agent.id } })).toBe(0);
    expect(await code(setOwnAgentState(va, { state: "WRAP_UP" }, deps()))).toBe("WRAP_UP_AUTOMATIC");

    await db().agentPresence.update({ where: { userId: agent.id }, data: { wrapUpUntil: new Date(Date.now() - 1) } });
    expect(await endExpiredWrapUps(deps())).toBeGreaterThanOrEqual(1);
    expect(await stateOf(agent.id)).toBe("READY");
    await server.workers.router.pass();
    expect(await db().queueItem.count({ where: { queueId: queue.id, offeredToId: agent.id } })).toBe(1);
  });

  it("where the queue requires it, lasts until the call has a disposition; Done makes the agent Ready", async () => {
    const { agent, va, call, interactionId } = await answeredCall({ requireDisposition: true });
    const admin = await asViewer(server.app, (await makeUser(server.app, org, "ADMIN")).id);
    const sale = await saveDispositionCode(admin, null, { name: `Sale ${agent.id.slice(-4)}` }, deps());
    const archived = await saveDispositionCode(admin, null, { name: `Old ${agent.id.slice(-4)}`, active: false }, deps());
    expect(await code(saveDispositionCode(va, null, { name: "Mine" }, deps()))).toBe("FORBIDDEN");
    expect(await code(saveDispositionCode(admin, null, { name: " " }, deps()))).toBe("INVALID_INPUT");

    await hangUp(va, call.id, deps());
    expect(await db().agentPresence.findUniqueOrThrow({ where: { userId: agent.id } })).toMatchObject({ state: "WRAP_UP", wrapUpUntil: null });
    expect(await endExpiredWrapUps(deps())).toBe(0);
    expect(await code(setOwnAgentState(va, { state: "READY" }, deps()))).toBe("DISPOSITION_REQUIRED");
    expect(await code(setDisposition(va, interactionId, { dispositionCodeId: archived.id, note: "", done: true }, deps()))).toBe("INVALID_INPUT");
    const stranger = await asViewer(server.app, (await makeUser(server.app, org, "AGENT")).id);
    expect(await code(setDisposition(stranger, interactionId, { dispositionCodeId: sale.id, note: "", done: true }, deps()))).toBe("NOT_FOUND");

    await setDisposition(va, interactionId, { dispositionCodeId: sale.id, note: "  Two licences  ", done: true }, deps());
    expect(await db().interaction.findUniqueOrThrow({ where: { id: interactionId } })).toMatchObject({
      dispositionCodeId: sale.id,
      dispositionNote: "Two licences",
    });
    expect(await stateOf(agent.id)).toBe("READY");
    const types = (await db().interactionEvent.findMany({ where: { interactionId }, orderBy: { at: "asc" } })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["answered", "ended", "wrap_up_started", "disposition"]));
    const day = await db().agentStateChange.findMany({ where: { userId: agent.id }, orderBy: { startedAt: "asc" } });
    expect(day.map((s) => s.state)).toContain("WRAP_UP");
  });

  it("an agent who paused during the call stays paused; a queue without wrap-up leaves them Ready", async () => {
    const { agent, va, call } = await answeredCall({ wrapUpSeconds: 0 });
    await hangUp(va, call.id, deps());
    expect(await stateOf(agent.id)).toBe("READY");
    const second = await answeredCall({ wrapUpSeconds: 20 });
    await db().agentPresence.update({ where: { userId: second.agent.id }, data: { state: "BREAK" } });
    await hangUp(second.va, second.call.id, deps());
    expect(await stateOf(second.agent.id)).toBe("BREAK");
  });
});

describe("consult-then-transfer", () => {
  it("holds the customer while the agent and a colleague talk, then hands the call and the case over", async () => {
    const { agent, va, call, interactionId } = await answeredCall({ wrapUpSeconds: 0 });
    const colleague = await makeUser(server.app, org, "AGENT", { name: "Cora Colleague" });
    await ready(server.app, org, colleague.id);
    const vc = await asViewer(server.app, colleague.id);
    expect(await code(completeTransfer(va, call.id, deps()))).toBe("CONSULT_NOT_ANSWERED");
    expect(await code(consultColleague(vc, call.id, agent.id, deps()))).toBe("NOT_FOUND");

    await consultColleague(va, call.id, colleague.id, deps());
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).held).toBe(true);
    expect(await code(consultColleague(va, call.id, colleague.id, deps()))).toBe("ALREADY_CONSULTING");
    await answerCall(vc, call.id, deps());

    const parties = await db().callParty.findMany({ where: { callId: call.id } });
    const id = (pred: (p: (typeof parties)[number]) => boolean) => parties.find(pred)!.id;
    const customer = id((p) => p.visitorId !== null);
    const mine = id((p) => p.userId === agent.id);
    const theirs = id((p) => p.userId === colleague.id);
    const plan = (await callAudio(call.id, db())).plan;
    expect([...plan.get(customer)!]).toEqual(["music"]);
    expect([...plan.get(mine)!]).toEqual([theirs]);
    expect([...plan.get(theirs)!]).toEqual([mine]);

    await completeTransfer(va, call.id, deps());
    const after = await db().call.findUniqueOrThrow({ where: { id: call.id }, include: { parties: true } });
    expect(after).toMatchObject({ state: "ACTIVE", held: false });
    expect(after.parties.find((p) => p.userId === agent.id)!.leftAt).not.toBeNull();
    expect(after.parties.find((p) => p.userId === colleague.id)).toMatchObject({ role: "CALLEE", leftAt: null });
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: interactionId }, include: { case: true } });
    expect(interaction.agentId).toBe(colleague.id);
    expect(interaction.case.assigneeId).toBe(colleague.id);
    const transferred = await db().interactionEvent.findFirstOrThrow({ where: { interactionId, type: "transferred" } });
    expect(transferred.data).toMatchObject({ from: agent.id, to: colleague.id, kind: "consult" });
    const heard = (await callAudio(call.id, db())).plan;
    expect([...heard.get(customer)!]).toEqual([theirs]);
    expect(await db().interaction.count({ where: { agentId: agent.id, state: "ACTIVE" } })).toBe(0);

    // The colleague now has the call: they hang up, and it ends for the customer too.
    await hangUp(vc, call.id, deps());
    expect(await db().call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ state: "ENDED", endedById: colleague.id });
  });

  it("a colleague who rejects, or does not answer, or an agent who cancels, gives the agent the customer back", async () => {
    const { va, call, interactionId } = await answeredCall();
    const colleague = await makeUser(server.app, org, "AGENT");
    await ready(server.app, org, colleague.id);
    const vc = await asViewer(server.app, colleague.id);

    await consultColleague(va, call.id, colleague.id, deps());
    await hangUp(vc, call.id, deps()); // rejects
    let now = await db().call.findUniqueOrThrow({ where: { id: call.id }, include: { parties: true } });
    expect(now).toMatchObject({ state: "ACTIVE", held: false });
    expect(now.parties.find((p) => p.userId === colleague.id)!.leftAt).not.toBeNull();

    await consultColleague(va, call.id, colleague.id, deps());
    await db().callParty.updateMany({ where: { callId: call.id, userId: colleague.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    expect(await expireUnansweredCalls(deps())).toBeGreaterThanOrEqual(1);
    now = await db().call.findUniqueOrThrow({ where: { id: call.id }, include: { parties: true } });
    expect(now).toMatchObject({ state: "ACTIVE", held: false });

    await consultColleague(va, call.id, colleague.id, deps());
    await answerCall(vc, call.id, deps());
    await cancelConsult(va, call.id, deps());
    now = await db().call.findUniqueOrThrow({ where: { id: call.id }, include: { parties: true } });
    expect(now.held).toBe(false);
    expect(
      now.parties
        .filter((p) => !p.leftAt)
        .map((p) => p.role)
        .sort(),
    ).toEqual(["CALLEE", "CALLER"]);
    const reasons = (await db().interactionEvent.findMany({ where: { interactionId, type: "consult_ended" }, orderBy: { at: "asc" } })).map(
      (e) => (e.data as { reason: string }).reason,
    );
    expect(reasons).toEqual(["REJECTED", "NO_ANSWER", "CANCELLED"]);
  });
});

describe("taking a call over", () => {
  it("the supervisor who watches the agent becomes the customer's agent; the agent drops out; audit-logged", async () => {
    const { agent, call, interactionId } = await answeredCall({ wrapUpSeconds: 0 });
    const lead = await makeUser(server.app, org, "SUPERVISOR");
    const outsider = await makeUser(server.app, org, "SUPERVISOR");
    await makeTeam(server.app, org, [{ userId: lead.id, lead: true }, { userId: agent.id }]);
    expect(await code(takeOverCall(await asViewer(server.app, outsider.id), call.id, deps()))).toBe("NOT_FOUND");
    expect(await code(takeOverCall(await asViewer(server.app, agent.id), call.id, deps()))).toBe("FORBIDDEN");

    await takeOverCall(await asViewer(server.app, lead.id), call.id, deps());
    const after = await db().call.findUniqueOrThrow({ where: { id: call.id }, include: { parties: true } });
    expect(after.parties.find((p) => p.userId === lead.id)).toMatchObject({ role: "CALLEE", leftAt: null, mode: null });
    expect(after.parties.find((p) => p.userId === agent.id)!.leftAt).not.toBeNull();
    expect((await db().interaction.findUniqueOrThrow({ where: { id: interactionId } })).agentId).toBe(lead.id);
    expect(await db().interactionEvent.count({ where: { interactionId, type: "taken_over" } })).toBe(1);
    expect(await db().auditLog.count({ where: { actorId: lead.id, action: "call.taken_over", targetId: call.id } })).toBe(1);
    expect(await db().interaction.count({ where: { agentId: agent.id, state: "ACTIVE" } })).toBe(0);
  });
});
