// Every telephone call reaches an end, whatever the network does: callers who give up while it
// rings, hang-ups racing the agent's answer, INVITEs we cannot take, calls out nobody answers.
// Real Janus, SIPp as the network (npm run test:phone).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialOut } from "../../domain/phone/dial-out.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { hangUp } from "../../domain/voice/calls.ts";
import { type TestOrg, asViewer, makeUser, ready } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";
import type { TestServer } from "../support/test-server.ts";

const DID = "+48221230000";
let line: PhoneLine;
let server: TestServer;
let org: TestOrg;
let queueId: string;
const db = () => server.app.db.prisma;
const target = () => line.target();

beforeAll(async () => {
  line = await startPhoneLine(DID, { PHONE_RING_SECONDS: "4" });
  ({ server, org, queueId } = line);
}, 60_000);
afterAll(() => line?.close());

async function agentOnQueue() {
  const agent = await makeUser(server.app, org, "AGENT");
  await db().queueMember.create({ data: { queueId, userId: agent.id } });
  await ready(server.app, org, agent.id);
  return agent;
}

/** Bytes the media engine received from the call's telephone so far. */
async function bytesFromPhone(callId: string) {
  const room = (server.app.media as unknown as { rooms: Map<string, { parties: Map<string, { producer: { getStats(): Promise<{ byteCount: number }[]> } | null; phone?: unknown }> }> }).rooms.get(callId);
  const party = room && [...room.parties.values()].find((p) => p.phone);
  return ((await party?.producer?.getStats()) ?? []).reduce((n, s) => n + s.byteCount, 0);
}

/** Nobody of the organisation works now. */
const everyoneOff = () => db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "OFFLINE" } });

/** Nothing of the organisation's calls is live: no call, interaction or queue item, no agent on a call. */
async function nothingLive() {
  const [calls, interactions, items, parties] = await Promise.all([
    db().call.count({ where: { organizationId: org.id, state: { not: "ENDED" } } }),
    db().interaction.count({ where: { organizationId: org.id, channel: "VOICE", state: { in: ["QUEUED", "ACTIVE"] } } }),
    db().queueItem.count({ where: { organizationId: org.id, state: { not: "DONE" } } }),
    db().callParty.count({ where: { call: { organizationId: org.id }, userId: { not: null }, leftAt: null } }),
  ]);
  return { calls, interactions, items, parties };
}
const idle = { calls: 0, interactions: 0, items: 0, parties: 0 };

describe("a caller who gives up while it rings", () => {
  it("ends the call as abandoned: no ghost call is left for the next Ready agent", async () => {
    await everyoneOff();
    const agent = await agentOnQueue();
    const caller = sipp("caller-cancels.xml", { target: target(), keys: { caller: "+48601000001" }, args: ["-s", DID] });
    expect(await caller.done).toBe(0);
    const call = await until("the call to end", async () => {
      const c = await db().call.findFirst({ where: { remoteNumber: "+48601000001" } });
      return c?.state === "ENDED" && c;
    });
    expect(call.endReason).toBe("ABANDONED");
    expect((await db().interaction.findUniqueOrThrow({ where: { id: call.interactionId! } })).state).toBe("ABANDONED");
    await until("nothing live", async () => JSON.stringify(await nothingLive()) === JSON.stringify(idle));
    // The agent takes the next caller as usual (the trunk's line was freed).
    const next = sipp("caller-hangs-up.xml", { target: target(), keys: { caller: "+48601000002" }, args: ["-s", DID, "-d", "1500"] });
    const item = await until("the next offer", () => db().queueItem.findFirst({ where: { offeredToId: agent.id, interaction: { data: { path: ["phone"], equals: "+48601000002" } } } }));
    await acceptOffer(await asViewer(server.app, agent.id), item.id, server.app.deps);
    expect(await next.done).toBe(0);
    await until("nothing live after", async () => JSON.stringify(await nothingLive()) === JSON.stringify(idle));
  }, 40_000);
});

describe("hang-ups racing the agent's answer", () => {
  it("a burst of calls whose callers hang up at random moments around the answer all end; no agent is left on a dead call", async () => {
    await everyoneOff();
    const agents = await Promise.all([0, 1, 2, 3].map(() => agentOnQueue()));
    const viewers = await Promise.all(agents.map((a) => asViewer(server.app, a.id)));
    const CALLS = Number(process.env.RACE_CALLS ?? 20);
    let accepted = 0;
    let refusedOffers = 0;
    let stop = false;
    // Each agent takes whatever it is offered after a random moment (0–400 ms).
    const answering = viewers.map(async (viewer) => {
      while (!stop) {
        const item = await db().queueItem.findFirst({ where: { offeredToId: viewer.userId, state: "OFFERED" } });
        if (item) {
          await new Promise((r) => setTimeout(r, Math.random() * 400));
          await acceptOffer(viewer, item.id, server.app.deps).then(
            () => accepted++,
            (e: { code?: string }) => {
              if (e.code !== "CONFLICT") throw e;
              refusedOffers++;
            },
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    // Three callers at a time (the trunk has four lines): a third give up while it rings (CANCEL),
    // the others hang up 0–1.5 s after we answer — before, while or after an agent takes them.
    const codes: number[] = [];
    for (let i = 0; i < CALLS; i += 3) {
      const batch = [0, 1, 2].filter((k) => i + k < CALLS).map((k) => {
        const n = i + k;
        const caller = `+486020000${String(n).padStart(2, "0")}`;
        return n % 3 === 0
          ? sipp("caller-cancels.xml", { target: target(), keys: { caller }, args: ["-s", DID] })
          : sipp("caller-hangs-up.xml", { target: target(), keys: { caller }, args: ["-s", DID, "-d", String(Math.floor(Math.random() * 1500))] });
      });
      codes.push(...(await Promise.all(batch.map((b) => b.done))));
      // Janus takes a moment to let a line go after its call (until then it answers 486 itself).
      await new Promise((r) => setTimeout(r, 1500));
    }
    const settled = await until(
      "every call to end",
      async () => {
        const live = await nothingLive();
        return JSON.stringify(live) === JSON.stringify(idle) && live;
      },
      20_000,
    ).catch(async (e) => {
      console.warn("still live:", await nothingLive());
      throw e;
    });
    stop = true;
    await Promise.all(answering);
    expect(settled).toEqual(idle);
    expect(codes.filter((c) => c !== 0)).toEqual([]);
    const calls = await db().call.findMany({ where: { remoteNumber: { startsWith: "+486020000" } }, select: { state: true, endReason: true, interactionId: true } });
    expect(calls).toHaveLength(CALLS);
    expect(calls.every((c) => c.state === "ENDED")).toBe(true);
    // The call and its conversation agree: abandoned both, or answered and ended both.
    const states = new Map((await db().interaction.findMany({ where: { id: { in: calls.map((c) => c.interactionId!) } } })).map((i) => [i.id, i.state]));
    const disagree = calls.filter((c) => (c.endReason === "ABANDONED") !== (states.get(c.interactionId!) === "ABANDONED"));
    expect(disagree.map((c) => `${c.endReason}/${states.get(c.interactionId!)}`)).toEqual([]);
    // Nobody is left holding media: every call's room is gone.
    const rooms = () => (server.app.media as unknown as { rooms: Map<string, unknown> }).rooms.size;
    await until("the rooms to close", async () => rooms() === 0);
    const reasons = calls.reduce<Record<string, number>>((n, c) => ({ ...n, [c.endReason ?? "?"]: (n[c.endReason ?? "?"] ?? 0) + 1 }), {});
    console.info(`race: ${CALLS} calls, ${accepted} answered by agents, ${refusedOffers} offers gone before the answer, end reasons ${JSON.stringify(reasons)}`);
  }, 120_000);
});

describe("INVITEs we cannot take as they are", () => {
  it("a From with a broken %-escape is answered like any caller, and leaves no line busy", async () => {
    await everyoneOff();
    // Janus keeps a line unavailable (answering 486 itself) for over a second after its call ends:
    // let the lines of the tests before this one come back first.
    await new Promise((r) => setTimeout(r, 3000));
    // Twice the trunk's 4 lines, each INVITE as soon as the one before was refused: a line left
    // without a final answer, or one Janus still holds after its refusal, would show as 486.
    for (let i = 0; i < 10; i++) {
      const run = sipp("caller-refused.xml", { target: target(), keys: { caller: `%FF4860100001${i}` }, fill: { code: "480" }, args: ["-s", DID, "-timeout", "10s", "-timeout_error"] });
      expect(await run.done, `INVITE ${i + 1}`).toBe(0);
    }
  }, 60_000);
});

describe("offers", () => {
  it("a G.729-only INVITE is refused with 488, leaving no case, call or queue item", async () => {
    await everyoneOff();
    await agentOnQueue(); // someone works the queue: the refusal is for the offer, not for want of agents
    const cases = await db().case.count({ where: { organizationId: org.id } });
    const run = sipp("caller-g729.xml", { target: target(), keys: { caller: "+48601000022" }, fill: { code: "488" }, args: ["-s", DID] });
    expect(await run.done).toBe(0);
    expect(await db().call.count({ where: { remoteNumber: "+48601000022" } })).toBe(0);
    expect(await db().case.count({ where: { organizationId: org.id } })).toBe(cases);
  }, 40_000);

  it("a delayed-offer INVITE (no SDP) is answered with our offer in the 200 OK, the caller's answer in the ACK carries the audio", async () => {
    await everyoneOff();
    const agent = await agentOnQueue();
    const caller = sipp("caller-delayed-offer.xml", { target: target(), keys: { caller: "+48601000021" }, args: ["-s", DID, "-d", "4000"] });
    const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: "+48601000021" } }));
    const item = await until("the offer", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, offeredToId: agent.id } }));
    await acceptOffer(await asViewer(server.app, agent.id), item.id, server.app.deps);
    await until("the caller's audio", async () => (await bytesFromPhone(call.id)) > 4000);
    expect(await caller.done).toBe(0);
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("HANGUP");
  }, 40_000);
});

describe("a call out nobody answers", () => {
  it("ends as NO_ANSWER after the ring time (PHONE_RING_SECONDS), saying why, and frees the trunk's line", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const viewer = await asViewer(server.app, agent.id);
    // A trunk of one line, on which two calls ring unanswered one after the other.
    const trunkSide = sipp("trunk-rings.xml", { args: ["-m", "2"] });
    const trunk = await db().sipTrunk.create({
      data: { organizationId: org.id, name: "Rings", host: `127.0.0.1:${trunkSide.port}`, username: "centrala", register: false, callerIds: [DID], maxCalls: 1 },
    });
    server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
    await new Promise((r) => setTimeout(r, 500));
    for (const number of ["+48227650001", "+48227650002"]) {
      const started = Date.now();
      const call = await dialOut(viewer, { number, trunkId: trunk.id }, server.app.deps);
      const ended = await until(
        `${number} to be given up`,
        async () => {
          const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
          return c.state === "ENDED" && c;
        },
        15_000,
      );
      expect(ended).toMatchObject({ endReason: "NO_ANSWER", sipCode: 408, sipReason: "No answer within 4 s" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_500);
      // The line is free again once the network confirmed the CANCEL.
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(await trunkSide.done).toBe(0); // both calls were CANCELled
  }, 60_000);
});

describe("keys sent as SIP INFO", () => {
  it("an empty Signal= is no key (not the D of the Duration line); the next INFO's key is", async () => {
    await everyoneOff();
    await agentOnQueue();
    const caller = sipp("caller-info-keys.xml", { target: target(), keys: { caller: "+48601000031" }, args: ["-s", DID, "-d", "500"] });
    expect(await caller.done).toBe(0);
    const call = await until("the call to end", async () => {
      const c = await db().call.findFirst({ where: { remoteNumber: "+48601000031" } });
      return c?.state === "ENDED" && c;
    });
    const keys = await db().interactionEvent.findMany({ where: { interactionId: call.interactionId!, type: "dtmf" }, orderBy: { at: "asc" } });
    expect(keys.map((e) => e.data)).toEqual([{ digit: "5", via: "INFO" }]);
  }, 30_000);
});

describe("a customer holding the call from their telephone", () => {
  it("is shown on the call and the case's timeline (re-INVITE sendonly), and cleared when they resume (sendrecv)", async () => {
    await everyoneOff();
    const agent = await agentOnQueue();
    const caller = sipp("caller-holds.xml", { target: target(), keys: { caller: "+48601000041" }, fill: { second: "sendrecv", hold_after: "2000", resume_after: "2000" }, args: ["-s", DID, "-d", "1500"] });
    const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: "+48601000041" } }));
    const item = await until("the offer", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, offeredToId: agent.id } }));
    await acceptOffer(await asViewer(server.app, agent.id), item.id, server.app.deps);
    await until("the hold", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).customerHeld);
    await until("the resume", async () => !(await db().call.findUniqueOrThrow({ where: { id: call.id } })).customerHeld);
    expect(await caller.done).toBe(0); // both re-INVITEs were answered 200, and the call went on to its BYE
    const timeline = async () =>
      (await db().interactionEvent.findMany({ where: { interactionId: call.interactionId!, type: { startsWith: "customer_" } }, orderBy: { at: "asc" } })).map((e) => e.type);
    await until("the timeline", async () => (await timeline()).length === 2);
    expect(await timeline()).toEqual(["customer_held", "customer_resumed"]);
    const ended = await until("the end", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: call.id } });
      return c.state === "ENDED" && c;
    });
    expect(ended.endReason).toBe("HANGUP");
    // The 200 OK to the hold answered recvonly (RFC 3264's mirror of sendonly).
    expect(caller.messages()).toMatch(/a=recvonly/);
  }, 40_000);

  it("on a call we placed too: the number called holds and resumes while the agent talks", async () => {
    const agent = await makeUser(server.app, org, "AGENT");
    const viewer = await asViewer(server.app, agent.id);
    const trunkSide = sipp("trunk-holds.xml", { fill: { pause: "1500" }, args: ["-rtp_echo"] });
    const trunk = await db().sipTrunk.create({
      data: { organizationId: org.id, name: "Holds", host: `127.0.0.1:${trunkSide.port}`, username: "centrala", register: false, callerIds: [DID], maxCalls: 2 },
    });
    server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
    await new Promise((r) => setTimeout(r, 500));
    const call = await dialOut(viewer, { number: "+48227650011", trunkId: trunk.id }, server.app.deps);
    await until("the answer", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "ACTIVE");
    await until("the hold", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).customerHeld);
    await until("the resume", async () => !(await db().call.findUniqueOrThrow({ where: { id: call.id } })).customerHeld);
    const timeline = async () =>
      (await db().interactionEvent.findMany({ where: { interactionId: call.interactionId!, type: { startsWith: "customer_" } }, orderBy: { at: "asc" } })).map((e) => e.type);
    await until("the timeline", async () => (await timeline()).length === 2);
    expect(await timeline()).toEqual(["customer_held", "customer_resumed"]);
    // The audio goes on over the same transport: the echoing number still sends back what it hears.
    const before = await bytesFromPhone(call.id);
    await until("audio after the resume", async () => (await bytesFromPhone(call.id)) > before + 2000);
    await hangUp(viewer, call.id, server.app.deps);
    expect(await trunkSide.done).toBe(0); // both re-INVITEs answered, then our BYE
  }, 40_000);
});
