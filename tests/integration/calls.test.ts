// Calls against the real database and a real mediasoup worker: between colleagues (ringing,
// answering, busy and offline colleagues, rejection, no answer), web visitors' calls through the
// ACD, who may touch a call's media, a media worker that dies mid-call, and a server without a
// worker binary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCall, callColleague, callAudio, expireUnansweredCalls, hangUp } from "../../domain/voice/calls.ts";
import { monitorCall, watchableCallIds } from "../../domain/voice/monitor-call.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { PASSWORD, type TestOrg, asViewer, makeOrg, makeQueue, makeUser, makeWidget, ready } from "../factories/index.ts";
import { VisitorClient } from "../support/visitor-client.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
});
afterAll(() => server?.close());

const db = () => server.app.db.prisma;
async function pair() {
  const a = await makeUser(server.app, org, "AGENT");
  const b = await makeUser(server.app, org, "AGENT");
  await ready(server.app, org, a.id, b.id);
  return { a, b, va: await asViewer(server.app, a.id), vb: await asViewer(server.app, b.id) };
}
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string; details?: { reason?: string } }) => e.details?.reason ?? e.code,
  );

describe("calling a colleague", () => {
  it("rings, is answered, and ends for both when one hangs up", async () => {
    const { a, b, va, vb } = await pair();
    const call = await callColleague(va, b.id, server.app.deps);
    expect(call.state).toBe("RINGING");
    await answerCall(vb, call.id, server.app.deps);
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).state).toBe("ACTIVE");
    await hangUp(va, call.id, server.app.deps);
    const ended = await db().call.findUniqueOrThrow({ where: { id: call.id }, include: { parties: true } });
    expect(ended).toMatchObject({ state: "ENDED", endReason: "HANGUP", endedById: a.id });
    expect(ended.parties.every((p) => p.leftAt)).toBe(true);
  });

  it("both people hear of each change as it happens (who is told is worked out where the event is delivered)", async () => {
    const { a, b, va, vb } = await pair();
    /** The next `n` call changes `userId` is told of. */
    const told = (userId: string, n: number) => {
      const stream = server.app.pubsub.subscribe("myCalls", userId)[Symbol.asyncIterator]();
      return (async () => {
        const seen: string[] = [];
        while (seen.length < n) seen.push(((await stream.next()).value as { state: string }).state);
        await stream.return?.();
        return seen;
      })();
    };
    const [toA, toB] = [told(a.id, 3), told(b.id, 3)];
    await new Promise((r) => setTimeout(r, 20));
    const call = await callColleague(va, b.id, server.app.deps);
    await answerCall(vb, call.id, server.app.deps);
    await hangUp(va, call.id, server.app.deps);
    expect(await toA).toEqual(["RINGING", "ACTIVE", "ENDED"]);
    expect(await toB).toEqual(["RINGING", "ACTIVE", "ENDED"]);
  });

  it("refuses a busy, offline or missing colleague, and yourself", async () => {
    const { b, va, vb } = await pair();
    const c = await makeUser(server.app, org, "AGENT");
    expect(await code(callColleague(va, c.id, server.app.deps))).toBe("CALLEE_OFFLINE");
    expect(await code(callColleague(va, va.userId, server.app.deps))).toBe("CALL_SELF");
    expect(await code(callColleague(va, "0190f6c4-0000-7000-8000-000000000000", server.app.deps))).toBe("NOT_FOUND");
    await callColleague(va, b.id, server.app.deps);
    await ready(server.app, org, c.id);
    expect(await code(callColleague(await asViewer(server.app, c.id), b.id, server.app.deps))).toBe("CALLEE_BUSY");
    expect(await code(callColleague(vb, c.id, server.app.deps))).toBe("ALREADY_ON_CALL");
  });

  it("a rejected call ends as REJECTED; one nobody answers ends as NO_ANSWER", async () => {
    const { b, va, vb } = await pair();
    const rejected = await callColleague(va, b.id, server.app.deps);
    await hangUp(vb, rejected.id, server.app.deps);
    expect((await db().call.findUniqueOrThrow({ where: { id: rejected.id } })).endReason).toBe("REJECTED");
    const unanswered = await callColleague(va, b.id, server.app.deps);
    await db().call.update({ where: { id: unanswered.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    expect(await expireUnansweredCalls(server.app.deps)).toBeGreaterThanOrEqual(1);
    expect((await db().call.findUniqueOrThrow({ where: { id: unanswered.id } })).endReason).toBe("NO_ANSWER");
  });
});

describe("a call's media", () => {
  it("only the call's parties get transports; they carry the announced address", async () => {
    const { a, b, va, vb } = await pair();
    const call = await callColleague(va, b.id, server.app.deps);
    await answerCall(vb, call.id, server.app.deps);
    const alice = new TestSession(server.url);
    await alice.signIn(a.username, PASSWORD);
    const joined = await alice.ok<{ joinCallMedia: { send: { iceCandidates: { address: string }[] }; partyId: string } }>(
      `mutation ($id: ID!) { joinCallMedia(callId: $id) }`,
      { id: call.id },
    );
    expect(joined.joinCallMedia.send.iceCandidates.map((c) => c.address)).toContain("127.0.0.1");

    const stranger = await makeUser(server.app, org, "AGENT");
    const other = new TestSession(server.url);
    await other.signIn(stranger.username, PASSWORD);
    const refused = await other.gql(`mutation ($id: ID!) { joinCallMedia(callId: $id) }`, { id: call.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const bad = await alice.gql(`mutation ($id: ID!) { produceCallAudio(callId: $id, rtpParameters: { codecs: "nonsense" }) }`, { id: call.id });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "BAD_MEDIA" });

    await hangUp(va, call.id, server.app.deps);
    const late = await alice.gql(`mutation ($id: ID!) { joinCallMedia(callId: $id) }`, { id: call.id });
    expect(late.errors?.[0]?.extensions?.reason).toBe("CALL_ENDED");
  });

  it("a media worker that dies ends its calls as MEDIA_FAILED and is replaced", async () => {
    const { a, b, va, vb } = await pair();
    const call = await callColleague(va, b.id, server.app.deps);
    await answerCall(vb, call.id, server.app.deps);
    const media = server.app.media!;
    const party = await db().callParty.findFirstOrThrow({ where: { callId: call.id, userId: a.id } });
    await media.join(call.id, party.id);
    const [pid] = (await media.stats()).workerPids;
    process.kill(pid, "SIGKILL");
    await expect.poll(async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).endReason, { timeout: 5000 }).toBe("MEDIA_FAILED");
    await expect.poll(async () => (await media.stats()).workers, { timeout: 5000 }).toBe(1);
    expect((await media.stats()).workerPids[0]).not.toBe(pid);
    expect(media.enabled).toBe(true);
  });
});

describe("a web visitor's call", () => {
  it("is queued, offered to a Ready agent, answered on accept, and ends the conversation when the visitor hangs up", async () => {
    const agent = await makeUser(server.app, org, "AGENT", { name: "Vera Voice" });
    const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
    const closed = await makeWidget(server.app, org, queue.id);
    const widget = await makeWidget(server.app, org, queue.id, { calls: true });
    await ready(server.app, org, agent.id);
    const form = { name: "Carl Caller", email: "carl@example.com", channel: "VOICE" };

    const refused = await new VisitorClient(server.url).start(closed.key, form);
    expect(refused.body).toMatchObject({ code: "CONFLICT", reason: "CALLS_OFF" });

    const visitor = new VisitorClient(server.url);
    expect((await visitor.start(widget.key, form)).body.state).toBe("QUEUED");
    const conversation = await visitor.call("GET", "/api/widget/conversation");
    expect(conversation.body.call).toMatchObject({ state: "RINGING" });
    const joined = await visitor.call("POST", "/api/widget/call/join", {});
    expect(joined.status).toBe(200);
    expect(joined.body.recv.iceCandidates.length).toBeGreaterThan(0);

    await server.workers.router.pass();
    const item = await db().queueItem.findFirstOrThrow({ where: { offeredToId: agent.id, channel: "VOICE" } });
    await acceptOffer(await asViewer(server.app, agent.id), item.id, server.app.deps);
    const call = await db().call.findFirstOrThrow({ where: { interactionId: item.interactionId }, include: { parties: true } });
    expect(call.state).toBe("ACTIVE");
    expect(call.parties.map((p) => p.role).sort()).toEqual(["CALLEE", "CALLER"]);
    expect((await visitor.call("GET", "/api/widget/conversation")).body.call.state).toBe("ACTIVE");

    // Another visitor's token reaches no call; bad input is refused in words.
    const other = new VisitorClient(server.url);
    await other.start(widget.key, { name: "Someone Else", email: "else@example.com" });
    expect((await other.call("POST", "/api/widget/call/join", {})).body).toMatchObject({ reason: "CALL_ENDED" });
    expect((await visitor.call("POST", "/api/widget/call/connect", { transportId: 5 })).body).toMatchObject({ code: "INVALID_INPUT" });

    expect((await visitor.call("POST", "/api/widget/call/hangup", {})).status).toBe(200);
    const ended = await db().call.findUniqueOrThrow({ where: { id: call.id } });
    expect(ended).toMatchObject({ state: "ENDED", endReason: "HANGUP" });
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: item.interactionId } });
    expect(interaction).toMatchObject({ state: "ENDED", endedBy: "CONTACT" });
    expect(await db().interaction.count({ where: { agentId: agent.id, state: "ACTIVE" } })).toBe(0);
  });

  it("an agent hanging up ends the customer's conversation too", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
    const widget = await makeWidget(server.app, org, queue.id, { calls: true });
    await ready(server.app, org, agent.id);
    const visitor = new VisitorClient(server.url);
    await visitor.start(widget.key, { name: "Dora Dial", email: "dora@example.com", channel: "VOICE" });
    await server.workers.router.pass();
    const item = await db().queueItem.findFirstOrThrow({ where: { offeredToId: agent.id, channel: "VOICE" } });
    const va = await asViewer(server.app, agent.id);
    await acceptOffer(va, item.id, server.app.deps);
    const call = await db().call.findFirstOrThrow({ where: { interactionId: item.interactionId } });
    await hangUp(va, call.id, server.app.deps);
    expect(await db().call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ state: "ENDED", endReason: "HANGUP", endedById: agent.id });
    expect(await db().interaction.findUniqueOrThrow({ where: { id: item.interactionId } })).toMatchObject({ state: "ENDED", endedBy: "AGENT" });
  });
});

describe("supervisors on calls", () => {
  it("only a supervisor who watches the agent may listen; a monitor leaving keeps the call; the plan follows the mode", async () => {
    const { a, b, va, vb } = await pair();
    const lead = await makeUser(server.app, org, "SUPERVISOR");
    const outsider = await makeUser(server.app, org, "SUPERVISOR");
    const team = await db().team.create({ data: { organizationId: org.id, name: `Team ${a.id.slice(-6)}` } });
    await db().teamMember.createMany({
      data: [
        { teamId: team.id, userId: lead.id, lead: true },
        { teamId: team.id, userId: a.id },
      ],
    });
    const call = await callColleague(va, b.id, server.app.deps);
    await answerCall(vb, call.id, server.app.deps);

    const vOut = await asViewer(server.app, outsider.id);
    expect(await code(monitorCall(vOut, call.id, "LISTEN", server.app.deps))).toBe("NOT_FOUND");
    expect(await code(monitorCall(va, call.id, "LISTEN", server.app.deps))).toBe("NOT_FOUND");
    const vLead = await asViewer(server.app, lead.id);
    expect(await watchableCallIds(vLead, server.app.deps)).toContain(call.id);
    expect(await watchableCallIds(vOut, server.app.deps)).not.toContain(call.id);

    await monitorCall(vLead, call.id, "WHISPER", server.app.deps);
    const parties = await db().callParty.findMany({ where: { callId: call.id } });
    const id = (userId: string) => parties.find((p) => p.userId === userId)!.id;
    const plan = (await callAudio(call.id, db())).plan;
    expect([...plan.get(id(a.id))!]).toContain(id(lead.id)); // colleagues are both staff: both hear a whisper
    expect([...plan.get(id(lead.id))!].sort()).toEqual([id(a.id), id(b.id)].sort());
    expect(await db().auditLog.count({ where: { actorId: lead.id, action: "call.monitored", targetId: call.id } })).toBe(1);

    await hangUp(vLead, call.id, server.app.deps); // a monitor only leaves
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).state).toBe("ACTIVE");
    expect((await db().callParty.findFirstOrThrow({ where: { callId: call.id, userId: lead.id } })).leftAt).not.toBeNull();
  });
});

describe("without a media engine", () => {
  it("the product runs, says voice is off and why, and refuses calls in words", async () => {
    const off = await startTestServer({ MEDIASOUP_WORKER_BIN: "/nonexistent/mediasoup-worker" });
    try {
      const o = await makeOrg(off.app);
      const a = await makeUser(off.app, o, "AGENT");
      const b = await makeUser(off.app, o, "AGENT");
      await ready(off.app, o, b.id);
      const s = new TestSession(off.url);
      await s.signIn(a.username, PASSWORD);
      const status = await s.ok<{ voiceStatus: { enabled: boolean; reason: string } }>(`{ voiceStatus { enabled reason } }`);
      expect(status.voiceStatus.enabled).toBe(false);
      expect(status.voiceStatus.reason).toContain("MEDIASOUP_WORKER_BIN points at /nonexistent/mediasoup-worker");
      const r = await s.gql(`mutation ($u: ID!) { callColleague(userId: $u) { id } }`, { u: b.id });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: "UNAVAILABLE", reason: "VOICE_DISABLED" });
    } finally {
      await off.close();
    }
  });
});
