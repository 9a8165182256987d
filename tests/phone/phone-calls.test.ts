// Telephone calls end to end: a real Janus (its SIP plugin) started by the server, SIPp playing
// the telephone network (callers, and trunks answering our calls), mediasoup carrying the audio.
// Runs inside a private network namespace (npm run test:phone).
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialOut } from "../../domain/phone/dial-out.ts";
import { consultNumber } from "../../domain/phone/consult-number.ts";
import { requestExternalTransfer } from "../../domain/phone/transfer-to-number.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { callAudio, hangUp, holdCall } from "../../domain/voice/calls.ts";
import { completeTransfer } from "../../domain/voice/consult.ts";
import { type TestOrg, asViewer, makeUser, ready } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import type { TestRegistrar } from "../support/phone/registrar.ts";
import { sipp } from "../support/phone/sipp.ts";
import type { TestServer } from "../support/test-server.ts";

const DID = "+48221234567";
let line: PhoneLine;
let server: TestServer;
let org: TestOrg;
let registrar: TestRegistrar;
let registrarPort: number;
let inbound: { id: string };
let queueId: string;
const db = () => server.app.db.prisma;
const target = () => line.target();

/** The media service's view of a party (bytes its producer received, the phone mix's frames). */
function phoneMedia(callId: string) {
  const room = (server.app.media as unknown as { rooms: Map<string, { parties: Map<string, { producer: { getStats(): Promise<{ byteCount: number }[]> } | null; phone?: { mixCounts: { frames: number } } }> }> }).rooms.get(callId);
  const party = room && [...room.parties.values()].find((p) => p.phone);
  return {
    bytesIn: async () => ((await party?.producer?.getStats()) ?? []).reduce((n, s) => n + s.byteCount, 0),
    framesOut: () => party?.phone?.mixCounts.frames ?? 0,
  };
}

beforeAll(async () => {
  line = await startPhoneLine(DID);
  ({ server, org, registrar, registrarPort, queueId } = line);
  inbound = line.trunk;
}, 60_000);
afterAll(() => line?.close());

async function agentOnQueue() {
  const agent = await makeUser(server.app, org, "AGENT");
  await db().queueMember.create({ data: { queueId, userId: agent.id } });
  await ready(server.app, org, agent.id);
  return agent;
}

/** A trunk we call out on, played by SIPp on `trunkPort` (no registration). */
async function outboundTrunk(trunkPort: number) {
  const trunk = await db().sipTrunk.create({
    data: { organizationId: org.id, name: `Out ${trunkPort}`, host: `127.0.0.1:${trunkPort}`, username: "centrala", register: false, callerIds: [DID], maxCalls: 4 },
  });
  server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
  await new Promise((r) => setTimeout(r, 500));
  return trunk;
}

describe("calls coming in", () => {
  it("are answered, queued with music, routed to an agent, carry audio and keys both ways, and end when the caller hangs up", async () => {
    const agent = await agentOnQueue();
    const caller = sipp("caller.xml", { target: target(), keys: { caller: "+48601234567" }, args: ["-s", DID, "-d", "2000"] });
    const call = await until("the call", () => db().call.findFirst({ where: { trunkId: inbound.id, remoteNumber: "+48601234567" }, include: { parties: true } }));
    expect(call.localNumber).toBe(DID);
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } });
    expect(interaction).toMatchObject({ channel: "VOICE", direction: "INBOUND" });
    // Waiting: the caller hears the queue's music (the mix sends frames) before anyone answers.
    await until("music to the caller", async () => phoneMedia(call.id).framesOut() > 10);
    const item = await until("the offer", () => db().queueItem.findFirst({ where: { interactionId: interaction.id, offeredToId: agent.id } }));
    await acceptOffer(await asViewer(server.app, agent.id), item.id, server.app.deps);
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).state).toBe("ACTIVE");
    await until("the caller's audio", async () => (await phoneMedia(call.id).bytesIn()) > 8000);
    const keys = await until(
      "the caller's keys",
      async () => {
        const events = await db().interactionEvent.findMany({ where: { interactionId: interaction.id, type: "dtmf" }, orderBy: { at: "asc" } });
        return events.some((e) => (e.data as { via: string }).via === "INFO") && events;
      },
      20_000,
    );
    // Keys 1 5 9 # came as RFC 2833 events inside the audio, 7 as SIP INFO.
    const via = (v: string) => keys.filter((e) => (e.data as { via: string }).via === v).map((e) => (e.data as { digit: string }).digit).join("");
    expect(via("RFC2833")).toBe("159#");
    expect(via("INFO")).toBe("7");
    expect(await caller.done).toBe(0);
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("HANGUP");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: interaction.id } })).state).toBe("ENDED");
  }, 60_000);

  it("a caller who hangs up in the queue is abandoned", async () => {
    await agentOnQueue();
    await db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "PAUSE" } });
    // Nobody Ready but staff signed in (in wrap-up): the caller waits.
    const waiting = await makeUser(server.app, org, "AGENT");
    await db().queueMember.create({ data: { queueId, userId: waiting.id } });
    await db().agentPresence.upsert({ where: { userId: waiting.id }, create: { userId: waiting.id, organizationId: org.id, state: "WRAP_UP" }, update: { state: "WRAP_UP" } });
    const caller = sipp("caller-hangs-up.xml", { target: target(), keys: { caller: "+48601234568" }, args: ["-s", DID, "-d", "1500"] });
    expect(await caller.done).toBe(0);
    const call = await until("the call to end", async () => {
      const c = await db().call.findFirst({ where: { remoteNumber: "+48601234568" } });
      return c?.state === "ENDED" && c;
    });
    expect(call.endReason).toBe("ABANDONED");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ABANDONED");
  }, 30_000);

  it("refuses unknown numbers (404), blocked callers (603) and queues nobody works (480), keeping nothing", async () => {
    await db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "OFFLINE" } });
    await db().blockedNumber.create({ data: { organizationId: org.id, number: "+48609999999", reason: "abuse" } });
    const cases = [
      { service: "+48220000000", caller: "+48601111111", code: "404" },
      { service: DID, caller: "+48609999999", code: "603" },
      { service: DID, caller: "+48601111112", code: "480" },
    ];
    for (const c of cases) {
      const run = sipp("caller-refused.xml", { target: target(), keys: { caller: c.caller }, fill: { code: c.code }, args: ["-s", c.service] });
      expect(await run.done, `${c.code} for ${c.caller}`).toBe(0);
      expect(await db().call.count({ where: { remoteNumber: c.caller } })).toBe(0);
    }
  }, 40_000);
});

describe("calls out", () => {
  it("an agent's call is answered by the network, carries audio both ways, is logged on the case and ends when the agent hangs up", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const viewer = await asViewer(server.app, agent.id);
    const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
    const trunk = await outboundTrunk(trunkSide.port);
    const call = await dialOut(viewer, { number: "+48 22 765 43 21", trunkId: trunk.id }, server.app.deps);
    expect(call).toMatchObject({ remoteNumber: "+48227654321", localNumber: DID });
    await until("the answer", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "ACTIVE");
    // What we send (the mix) comes back from the echoing trunk.
    await until("audio back from the network", async () => (await phoneMedia(call.id).bytesIn()) > 4000);
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! }, include: { events: true } });
    expect(interaction).toMatchObject({ direction: "OUTBOUND", agentId: agent.id });
    expect(interaction.events.map((e) => e.type)).toEqual(expect.arrayContaining(["dialled", "phone_answered"]));
    await hangUp(viewer, call.id, server.app.deps);
    expect(await trunkSide.done).toBe(0); // the trunk got our BYE
    // The Calls out report counts it as the agent's own call, answered.
    const fact = await until("the call counted in the report", () => db().outboundCallFact.findUnique({ where: { interactionId: interaction.id } }));
    expect(fact).toMatchObject({ kind: "MANUAL", agentId: agent.id, result: "ANSWERED", number: "+48227654321" });
    expect(fact.talkSeconds).toBeGreaterThan(0);
  }, 30_000);

  it("a busy or unknown number ends the call with the reason and the network's answer", async () => {
    for (const [code, reason, expected, counted] of [
      ["486", "Busy Here", "BUSY", "BUSY"],
      ["404", "Not Found", "NUMBER_UNKNOWN", "INVALID_NUMBER"],
      ["503", "Service Unavailable", "NETWORK_ERROR", "NETWORK_ERROR"],
    ]) {
      const agent = await makeUser(server.app, org, "AGENT");
      const trunkSide = sipp("trunk-refuses.xml", { fill: { code, reason } });
      const trunk = await outboundTrunk(trunkSide.port);
      const call = await dialOut(await asViewer(server.app, agent.id), { number: "+48227654322", trunkId: trunk.id }, server.app.deps);
      const ended = await until(`the ${code}`, async () => {
        const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
        return c.state === "ENDED" && c;
      });
      expect(ended).toMatchObject({ endReason: expected, sipCode: Number(code) });
      expect(await trunkSide.done).toBe(0);
      const fact = await until("the call counted in the report", () => db().outboundCallFact.findUnique({ where: { interactionId: call.interactionId! } }));
      expect(fact).toMatchObject({ kind: "MANUAL", result: counted, talkSeconds: 0 });
    }
  }, 40_000);

  it("early media (183 with SDP) reaches the agent before the answer", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const trunkSide = sipp("trunk-early-media.xml", { args: ["-rtp_echo"] });
    const trunk = await outboundTrunk(trunkSide.port);
    const viewer = await asViewer(server.app, agent.id);
    const call = await dialOut(viewer, { number: "+48227654323", trunkId: trunk.id }, server.app.deps);
    // Audio flows while the call is still ringing.
    await until("early media", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "RINGING" && (await phoneMedia(call.id).bytesIn()) > 0);
    await until("the answer", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "ACTIVE");
    await hangUp(viewer, call.id, server.app.deps);
    expect(await trunkSide.done).toBe(0);
  }, 30_000);
});

describe("the trunk's registration", () => {
  it("is reported FAILED with the provider's answer, and recovers", async () => {
    registrar.refuseWith = { code: 403, reason: "Forbidden" };
    const trunk = await db().sipTrunk.create({
      data: { organizationId: org.id, name: "Refused", host: `127.0.0.1:${registrarPort}`, username: "other", secret: server.app.deps.secrets.seal("x") },
    });
    server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
    const failed = await until("FAILED", async () => {
      const t = await db().sipTrunk.findUniqueOrThrow({ where: { id: trunk.id } });
      return t.status === "FAILED" && t;
    });
    expect(failed.statusDetail).toContain("403");
    registrar.refuseWith = null;
  }, 30_000);
});

describe("Janus going away", () => {
  it("is started again, and the trunks register again", async () => {
    const registersBefore = registrar.registers;
    const pid = Number(execFileSync("pgrep", ["-f", "janus -C"]).toString().trim().split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await until(
      "a new REGISTER from a new Janus",
      async () => registrar.registers > registersBefore && (await db().sipTrunk.findUniqueOrThrow({ where: { id: inbound.id } })).status === "REGISTERED",
      30_000,
    );
    const newPid = Number(execFileSync("pgrep", ["-f", "janus -C"]).toString().trim().split("\n")[0]);
    expect(newPid).not.toBe(pid);
    // Calls come in again.
    const agent = await agentOnQueue();
    const caller = sipp("caller-hangs-up.xml", { target: target(), keys: { caller: "+48601234599" }, args: ["-s", DID, "-d", "1000"] });
    expect(await caller.done).toBe(0);
    expect(await db().call.count({ where: { remoteNumber: "+48601234599" } })).toBe(1);
    void agent;
  }, 60_000);
});

describe("handing a caller to an outside number", () => {
  async function answeredCall(caller: string, scenario: string, fill: Record<string, string>) {
    await agentOnQueue();
    const run = sipp(scenario, { target: target(), keys: { caller }, fill, args: ["-s", DID, "-d", "1500"] });
    const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: caller } }));
    // Whichever Ready agent of the queue is offered the call takes it.
    const item = await until("the offer", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, offeredToId: { not: null } } }));
    const viewer = await asViewer(server.app, item.offeredToId!);
    await acceptOffer(viewer, item.id, server.app.deps);
    return { run, call, viewer };
  }

  it("by SIP REFER: the network connects them, and the call is over for us as TRANSFERRED", async () => {
    const { run, call, viewer } = await answeredCall("+48601234570", "caller-transferred.xml", { code: "200", reason: "OK" });
    const number = await requestExternalTransfer(viewer, call.id, "+48 22 333 44 55", server.app.deps);
    await server.app.phone!.transferToNumber(call.id, number);
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("TRANSFERRED");
    const event = await db().interactionEvent.findFirstOrThrow({ where: { interactionId: call.interactionId!, type: "transferred" } });
    expect(event.data).toMatchObject({ kind: "external", number: "+48223334455" });
    expect(await run.done).toBe(0); // it got our REFER, then our BYE
  }, 30_000);

  it("when the network cannot connect them the agent keeps the caller; numbers the rules forbid are refused", async () => {
    const { run, call, viewer } = await answeredCall("+48601234571", "caller-transfer-fails.xml", { code: "486", reason: "Busy Here" });
    await expect(requestExternalTransfer(viewer, call.id, "+44 20 7946 0000", server.app.deps)).rejects.toMatchObject({ details: { reason: "NOT_ALLOWED_PREFIX" } });
    await server.app.phone!.transferToNumber(call.id, await requestExternalTransfer(viewer, call.id, "+48223334456", server.app.deps));
    await until("the failure", () => db().interactionEvent.findFirst({ where: { interactionId: call.interactionId!, type: "transfer_failed" } }));
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).state).toBe("ACTIVE");
    expect(await run.done).toBe(0); // the caller hung up later, as the scenario says
  }, 30_000);
});

describe("consulting an outside number", () => {
  /** A caller on the line, answered by an agent of the queue. */
  async function answeredCall(caller: string, seconds: number) {
    await agentOnQueue();
    const run = sipp("caller-talks.xml", { target: target(), keys: { caller }, args: ["-s", DID, "-d", String(seconds * 1000), "-rtp_echo"] });
    const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: caller }, include: { parties: true } }));
    const item = await until("the offer", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, offeredToId: { not: null } } }));
    const viewer = await asViewer(server.app, item.offeredToId!);
    await acceptOffer(viewer, item.id, server.app.deps);
    return { run, call, viewer, customerId: call.parties[0].id };
  }
  /** Whether `listener`'s telephone hears `speaker` now (the mixer's input for them plays). */
  function phoneHears(callId: string, listener: string, speaker: string) {
    const room = (server.app.media as unknown as { rooms: Map<string, { parties: Map<string, { phone?: { consumers: Map<string, { paused: boolean }> } }> }> }).rooms.get(callId);
    const consumer = room?.parties.get(listener)?.phone?.consumers.get(speaker);
    return !!consumer && !consumer.paused;
  }
  const consultedOf = (callId: string) => db().callParty.findFirst({ where: { callId, role: "CONSULTED" }, orderBy: { createdAt: "desc" } });

  it("rings it while the caller waits, talks all three, hands the caller over and leaves; the call ends when the caller hangs up", async () => {
    const trunkSide = sipp("trunk-answers.xml", { args: ["-rtp_echo"] });
    const trunk = await outboundTrunk(trunkSide.port);
    await db().queue.update({ where: { id: queueId }, data: { recordingPolicy: "ALL" } });
    const { run, call, viewer, customerId } = await answeredCall("+48601234580", 14);
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: { details?: { reason?: string }; code?: string }) => e.details?.reason ?? e.code);
    expect(await code(consultNumber(viewer, call.id, { number: "+48227000001", trunkId: trunk.id, callerId: "+48229999999" }, server.app.deps))).toBe("CALLER_ID");
    const noDialling = { ...viewer, permissions: new Set([...viewer.permissions].filter((p) => p !== "calls.dial_out")) };
    expect(await code(consultNumber(noDialling, call.id, { number: "+48227000001", trunkId: trunk.id }, server.app.deps))).toBe("FORBIDDEN");
    await consultNumber(viewer, call.id, { number: "+48 22 700 00 01", trunkId: trunk.id }, server.app.deps);
    expect(await code(consultNumber(viewer, call.id, { number: "+48227000009", trunkId: trunk.id }, server.app.deps))).toBe("ALREADY_CONSULTING");
    const expert = await until("the answer", async () => {
      const p = await consultedOf(call.id);
      return p?.joinedAt && p;
    });
    expect(expert).toMatchObject({ phone: "+48227000001", trunkId: trunk.id });
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).held).toBe(true);
    // The number's audio arrives (it echoes what it hears); the waiting caller does not reach it.
    await until("audio from the consulted number", async () => {
      const room = (server.app.media as unknown as { rooms: Map<string, { parties: Map<string, { producer: { getStats(): Promise<{ byteCount: number }[]> } | null }> }> }).rooms.get(call.id);
      const stats = (await room?.parties.get(expert.id)?.producer?.getStats()) ?? [];
      return stats.reduce((n, s) => n + s.byteCount, 0) > 4000;
    });
    expect(phoneHears(call.id, expert.id, customerId)).toBe(false);
    const agentParty = (await db().callParty.findFirstOrThrow({ where: { callId: call.id, userId: viewer.userId } })).id;
    const plan = (await callAudio(call.id, db())).plan;
    expect([...plan.get(expert.id)!]).toEqual([agentParty]);
    expect([...plan.get(customerId)!]).toEqual(["music"]);
    // All three: the hold is lifted, the two telephones hear each other.
    await holdCall(viewer, call.id, false, server.app.deps);
    await until("a conference", async () => phoneHears(call.id, expert.id, customerId) && phoneHears(call.id, customerId, expert.id));
    // The agent hands over and is free for the next customer (after wrap-up); the two talk on.
    await completeTransfer(viewer, call.id, server.app.deps);
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! }, include: { events: true } });
    expect(interaction.state).toBe("ENDED");
    expect(interaction.events.find((e) => e.type === "transferred")?.data).toMatchObject({ kind: "consult_external", number: "+48227000001" });
    expect((await db().call.findUniqueOrThrow({ where: { id: call.id } })).state).toBe("ACTIVE");
    expect(await db().callParty.count({ where: { callId: call.id, userId: viewer.userId, leftAt: null } })).toBe(0);
    expect(phoneHears(call.id, expert.id, customerId) && phoneHears(call.id, customerId, expert.id)).toBe(true);
    expect(await run.done).toBe(0); // the caller hung up…
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("HANGUP");
    expect(await trunkSide.done).toBe(0); // …and the consulted number got our BYE
    // Recorded from the answer to the end, across the hand-over (the second side follows the number).
    const recording = await until("the recording", async () => {
      const r = await db().recording.findUnique({ where: { callId: call.id } });
      return r && r.state !== "RECORDING" && r.state !== "PROCESSING" && r;
    });
    expect(recording).toMatchObject({ state: "READY", channels: 2 });
    expect(recording.durationSeconds).toBeGreaterThan(12);
    await db().queue.update({ where: { id: queueId }, data: { recordingPolicy: "NONE" } });
  }, 45_000);

  it("a busy number ends the consultation saying why; the caller is back with the agent", async () => {
    const trunkSide = sipp("trunk-refuses.xml", { fill: { code: "486", reason: "Busy Here" } });
    const trunk = await outboundTrunk(trunkSide.port);
    const { run, call, viewer } = await answeredCall("+48601234581", 6);
    await consultNumber(viewer, call.id, { number: "+48227000002", trunkId: trunk.id }, server.app.deps);
    const ended = await until("the end of the consultation", () =>
      db().interactionEvent.findFirst({ where: { interactionId: call.interactionId!, type: "consult_ended" } }),
    );
    expect(ended.data).toMatchObject({ number: "+48227000002", reason: "BUSY", code: "486" });
    const after = await db().call.findUniqueOrThrow({ where: { id: call.id } });
    expect(after).toMatchObject({ state: "ACTIVE", held: false });
    // Numbers the organisation's rules forbid are refused before anything rings.
    await expect(consultNumber(viewer, call.id, { number: "+44 20 7946 0000", trunkId: trunk.id }, server.app.deps)).rejects.toMatchObject({
      details: { reason: "NOT_ALLOWED_PREFIX" },
    });
    expect(await trunkSide.done).toBe(0);
    expect(await run.done).toBe(0);
  }, 30_000);
});
