// A campaign's calls end to end: the dialer job paces a running campaign and places its calls on a
// trunk played by SIPp; the called side (a TestPhone for its audio) is a person saying "hello", an
// answering machine playing a long greeting, a busy line, or a person nobody is free for. Machine
// detection, routing straight to a free agent, the abandon message and the attempts' outcomes and
// retries are the real ones. Runs inside the phone tests' network namespace.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { changeAgentState } from "../../domain/agents/set-agent-state.ts";
import { acceptOffer, rejectOffer } from "../../domain/routing/respond-to-offer.ts";
import { hangUp } from "../../domain/voice/calls.ts";
import { SILENCE, decode } from "../../media/phone/g711.ts";
import { synthesize } from "../../media/ivr/tts.ts";
import { asViewer, makeQueue, makeUser, ready } from "../factories/index.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";
import { LAW_PT, TestPhone, joinAudio, silence, tone } from "../support/phone/test-phone.ts";

const DID = "+48221234500";
let line: PhoneLine;
const db = () => line.server.app.db.prisma;
const cacheDir = mkdtempSync(path.join(os.tmpdir(), "campaign-speech-"));

/** Whether A-law audio holds speech: 100 ms or more of loud 20-ms frames. */
function loud(alaw: Buffer) {
  const pcm = new Int32Array(alaw.length);
  decode("alaw", alaw, pcm);
  let frames = 0;
  for (let i = 0; i + 160 <= pcm.length; i += 160) {
    let sum = 0;
    for (let j = i; j < i + 160; j++) sum += Math.abs(pcm[j]);
    if (sum / 160 > 500) frames++;
  }
  return frames >= 5;
}

beforeAll(async () => {
  line = await startPhoneLine(DID);
}, 60_000);
afterAll(() => line?.close());

const open: { close(): void }[] = [];
afterEach(async () => {
  // Whatever a test left running stops dialling.
  await db().campaign.updateMany({ where: { status: "RUNNING" }, data: { status: "STOPPED" } });
  for (const o of open.splice(0)) o.close();
});

let n = 0;
/** A running campaign calling `number` once, through a trunk SIPp plays with `scenario`; its one agent. */
async function campaignCalling(
  number: string,
  scenario: string,
  phone: TestPhone | null,
  settings: Record<string, unknown> = {},
  fill?: Record<string, string>,
) {
  n++;
  const trunkSide = sipp(scenario, { ...(phone ? { audio: { port: phone.port } } : {}), ...(fill ? { fill } : {}) });
  const org = line.org;
  const trunk = await db().sipTrunk.create({
    data: {
      organizationId: org.id,
      name: `Campaign out ${n}`,
      host: `127.0.0.1:${trunkSide.port}`,
      username: "centrala",
      register: false,
      callerIds: [DID],
      maxCalls: 4,
    },
  });
  line.server.app.deps.events.publish("trunk.changed", { organizationId: org.id, trunkId: trunk.id });
  await new Promise((r) => setTimeout(r, 500));
  const agent = await makeUser(line.server.app, org, "AGENT");
  const queue = await makeQueue(line.server.app, org, [{ userId: agent.id }]);
  const list = await db().contactList.create({
    data: { organizationId: org.id, name: `List ${n}`, status: "READY", entries: { create: [{ row: 2, phone: number, name: `Person ${n}` }] } },
    include: { entries: true },
  });
  const campaign = await db().campaign.create({
    data: {
      organizationId: org.id,
      name: `Campaign ${n}`,
      queueId: queue.id,
      trunkId: trunk.id,
      callerId: DID,
      mode: "PROGRESSIVE",
      status: "DRAFT",
      abandonMessage: "We are sorry, all our agents are busy. We will call you again.",
      ringSeconds: 20,
      lists: { create: [{ listId: list.id, enrolledAt: new Date() }] },
      contacts: { create: [{ entryId: list.entries[0].id, phone: number }] },
      ...settings,
    },
  });
  return { trunkSide, trunk, agent, queue, campaign };
}

const start = (id: string) => db().campaign.update({ where: { id }, data: { status: "RUNNING", startedAt: new Date() } });
const attemptOf = (campaignId: string) => db().campaignAttempt.findFirst({ where: { campaignId } });
/** The call is placed for the free agent, who steps away before the answer: nobody is free for it. */
async function stepsAwayOnceDialled(agentId: string, campaignId: string) {
  await until("the call placed", () => attemptOf(campaignId));
  await changeAgentState(
    { userId: agentId, organizationId: line.org.id, state: "BREAK", source: "AGENT", changedById: null, seen: true },
    line.server.app.deps,
  );
}
const settled = (campaignId: string) =>
  until(
    "the attempt settled",
    async () => db().campaignAttempt.findFirst({ where: { campaignId, endedAt: { not: null } }, include: { contact: true } }),
    30_000,
  );

describe("a campaign's calls", () => {
  it("a person saying hello is put straight through to the free agent; the attempt is reached when the agent hangs up", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    phone.talk("alaw", joinAudio(silence(300), await synthesize("Hello?", "en", { cacheDir }), silence(5000)));
    const { trunkSide, agent, campaign } = await campaignCalling("+48601000001", "trunk-answers.xml", phone);
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    const attempt = await until(
      "put through to the agent",
      async () => {
        const a = await attemptOf(campaign.id);
        return a?.connectedAt && a;
      },
      20_000,
    );
    expect(attempt).toMatchObject({ amdResult: "HUMAN", agentId: agent.id, mode: "PROGRESSIVE" });
    // Within the abandon time of the decision (measured from the answer: detection plus routing).
    expect(attempt.connectedAt!.getTime() - attempt.answeredAt!.getTime()).toBeLessThan(2000 + 3000);
    const call = await db().call.findUniqueOrThrow({ where: { id: attempt.callId! }, include: { parties: true } });
    expect(call.parties.find((p) => p.userId === agent.id)?.joinedAt).toBeTruthy();
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: attempt.interactionId! }, include: { events: true } });
    expect(interaction).toMatchObject({ direction: "OUTBOUND", agentId: agent.id, queueId: campaign.queueId });
    expect(interaction.events.map((e) => e.type)).toEqual(expect.arrayContaining(["dialled", "phone_answered", "amd", "queued", "accepted"]));
    await hangUp(await asViewer(line.server.app, agent.id), call.id, line.server.app.deps);
    const done = await settled(campaign.id);
    expect(done).toMatchObject({ outcome: "REACHED" });
    expect(done.contact).toMatchObject({ state: "DONE", done: "REACHED", attempts: 1 });
    expect(await trunkSide.done).toBe(0);
    // Nothing left to call: the campaign completes by itself.
    await until("completed", async () => (await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status === "COMPLETED");
  }, 60_000);

  it("an answering machine's greeting is told from a person and hung up on; the number is tried again later", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    const greeting = await synthesize(
      "Hello, you have reached the voicemail of John Smith. I am not available to take your call right now, please leave a message after the tone.",
      "en",
      { cacheDir },
    );
    phone.talk("alaw", joinAudio(silence(300), greeting, silence(3000)));
    const { trunkSide, agent, campaign } = await campaignCalling("+48601000002", "trunk-answers.xml", phone);
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    const done = await settled(campaign.id);
    expect(done).toMatchObject({ outcome: "MACHINE", amdResult: "MACHINE", connectedAt: null });
    expect(done.contact.state).toBe("WAITING");
    // The machine's retry delay (two hours by default), inside an always-open window.
    expect(done.contact.nextAttemptAt!.getTime() - done.endedAt!.getTime()).toBeGreaterThanOrEqual(120 * 60_000 - 1000);
    expect(await trunkSide.done).toBe(0); // our BYE
    // No agent was ever given it.
    expect(await db().interaction.findUniqueOrThrow({ where: { id: done.interactionId! } })).toMatchObject({ agentId: null });
  }, 60_000);

  it("an answering machine is left the campaign's message after its beep, not over its greeting", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    const greeting = await synthesize(
      "Hello, you have reached the voicemail of Jane Doe. I can't take your call right now. Please leave a message after the tone.",
      "en",
      { cacheDir },
    );
    const beepAt = 300 + greeting.length / 8 + 500;
    phone.talk("alaw", joinAudio(silence(300), greeting, silence(500), tone(400), silence(20_000)));
    const { trunkSide, agent, campaign } = await campaignCalling("+48601000009", "trunk-answers.xml", phone, {
      machineAction: "MESSAGE",
      machineMessage: "This is a message for {name} from the campaign. Please call us back.",
    });
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    // The message reaches the phone only once the beep has been heard: listen from a second into
    // the greeting on.
    await until("the greeting under way", async () => phone.spokenMs() >= 1000, 20_000);
    const mark = phone.mark();
    let startedAt = 0;
    for (const t0 = Date.now(); !startedAt && Date.now() - t0 < 30_000; await new Promise((r) => setTimeout(r, 20)))
      if (loud(phone.heard(LAW_PT.alaw, mark))) startedAt = phone.spokenMs();
    expect(startedAt).toBeGreaterThan(beepAt);
    expect(startedAt).toBeLessThan(beepAt + 1500);
    const done = await settled(campaign.id);
    expect(done).toMatchObject({ outcome: "MACHINE", amdResult: "MACHINE", connectedAt: null });
    expect(await trunkSide.done).toBe(0);
  }, 60_000);

  it("a busy number is tried again after the busy delay", async () => {
    const { trunkSide, agent, campaign } = await campaignCalling(
      "+48601000003",
      "trunk-refuses.xml",
      null,
      { retryMinutes: { BUSY: 7 } },
      { code: "486", reason: "Busy Here" },
    );
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    const done = await settled(campaign.id);
    expect(done).toMatchObject({ outcome: "BUSY", sipCode: 486, answeredAt: null });
    expect(done.contact).toMatchObject({ state: "WAITING", attempts: 1, lastOutcome: "BUSY" });
    expect(done.contact.nextAttemptAt!.getTime() - done.endedAt!.getTime()).toBeGreaterThanOrEqual(7 * 60_000 - 1000);
    expect(await trunkSide.done).toBe(0);
  }, 60_000);

  it("a person nobody is free for within 2 s hears the abandon message and is hung up on; the call counts as abandoned", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    phone.talk("alaw", joinAudio(silence(300), await synthesize("Hello?", "en", { cacheDir }), silence(5000)));
    const { trunkSide, agent, campaign } = await campaignCalling("+48601000004", "trunk-answers.xml", phone, { amd: false });
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    await stepsAwayOnceDialled(agent.id, campaign.id);
    const mark = phone.mark();
    const done = await settled(campaign.id);
    expect(done).toMatchObject({ outcome: "ABANDONED", connectedAt: null });
    expect(done.contact).toMatchObject({ state: "WAITING" });
    // Called again only with an agent kept for it, for 72 hours from the abandoned call.
    expect(done.contact.agentReservedUntil!.getTime() - done.endedAt!.getTime()).toBeGreaterThan(71 * 3600_000);
    // The message was said: more than a second of non-silent audio reached the phone.
    const heard = phone.heard(LAW_PT.alaw, mark);
    const spoken = [...heard].filter((b) => b !== SILENCE.alaw && b !== 0x55).length;
    expect(spoken).toBeGreaterThan(8000);
    expect(await trunkSide.done).toBe(0);
    const interaction = await db().interaction.findUniqueOrThrow({ where: { id: done.interactionId! }, include: { events: true } });
    expect(interaction.state).toBe("ABANDONED");
  }, 60_000);

  it("a campaign with a recorded abandon message plays the recording itself, byte for byte, rather than speaking its text", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    phone.talk("alaw", joinAudio(silence(300), await synthesize("Hello?", "en", { cacheDir }), silence(6000)));
    // The "recording": Russian speech, nothing like the English text the TTS would say.
    const recorded = await synthesize("Извините, все операторы заняты. Мы вам перезвоним.", "ru", { cacheDir });
    const prompt = await db().audioFile.create({
      data: {
        organizationId: line.org.id,
        name: `Sorry (recorded) ${n}`,
        kind: "PROMPT",
        alaw: Buffer.from(recorded),
        opus: Buffer.alloc(0),
        durationMs: recorded.length / 8,
        originalName: "sorry.wav",
        originalBytes: recorded.length * 2,
      },
    });
    const { trunkSide, agent, campaign } = await campaignCalling("+48601000010", "trunk-answers.xml", phone, { amd: false, abandonAudioId: prompt.id });
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    await stepsAwayOnceDialled(agent.id, campaign.id);
    const mark = phone.mark();
    const done = await settled(campaign.id);
    expect(done).toMatchObject({ outcome: "ABANDONED", connectedAt: null });
    // The recording's own 20-ms frames reached the phone, as recorded.
    const heard = Buffer.from(phone.heard(LAW_PT.alaw, mark));
    const frames: Buffer[] = [];
    for (let i = 0; i + 160 <= recorded.length; i += 160) {
      const f = Buffer.from(recorded.subarray(i, i + 160));
      if (loud(Buffer.concat([f, f, f, f, f]))) frames.push(f);
    }
    expect(frames.length).toBeGreaterThan(50);
    const found = frames.filter((f) => heard.indexOf(f) >= 0).length;
    expect(found / frames.length).toBeGreaterThan(0.9);
    expect(await trunkSide.done).toBe(0);
  }, 60_000);

  it("a person who hangs up during the abandon message ends the call; the attempt is abandoned and nothing is left on", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    phone.talk("alaw", silence(1000));
    const { trunkSide, agent, campaign } = await campaignCalling(
      "+48601000008",
      "trunk-answers-hangs-up.xml",
      phone,
      { amd: false, abandonMessage: "We are sorry, all our agents are busy at the moment. We will call you again later today. Thank you for your patience." },
      { hangUpAfterMs: "3500" },
    );
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    await stepsAwayOnceDialled(agent.id, campaign.id);
    const done = await settled(campaign.id);
    // They hung up 1.5 s into the message (answered, 2 s waiting, then the message).
    expect(done).toMatchObject({ outcome: "ABANDONED" });
    expect(await trunkSide.done).toBe(0); // their BYE answered
    const call = await db().call.findUniqueOrThrow({ where: { id: done.callId! } });
    expect(call).toMatchObject({ state: "ENDED" });
    expect(await db().queueItem.findFirst({ where: { interactionId: done.interactionId!, state: { not: "DONE" } } })).toBeNull();
  }, 60_000);

  it("preview: the agent is offered the contact, accepts and is put on the call as it rings; a skipped contact goes back for later", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    phone.talk("alaw", silence(1000));
    const { trunkSide, agent, campaign } = await campaignCalling("+48601000005", "trunk-answers.xml", phone, { mode: "PREVIEW" });
    // A second contact, which the agent will skip.
    const entry = await db().contactListEntry.create({
      data: {
        listId: (await db().campaignList.findFirstOrThrow({ where: { campaignId: campaign.id } })).listId,
        row: 3,
        phone: "+48601000006",
        name: "Skipped",
      },
    });
    await db().campaignContact.create({ data: { campaignId: campaign.id, entryId: entry.id, phone: entry.phone, sortKey: 1 } });
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    const viewer = await asViewer(line.server.app, agent.id);
    const offer = await until("the preview offered", () => db().queueItem.findFirst({ where: { queueId: campaign.queueId, offeredToId: agent.id } }));
    // Nothing is rung before the agent says so.
    expect(await db().call.count({ where: { interactionId: offer.interactionId } })).toBe(0);
    await acceptOffer(viewer, offer.id, line.server.app.deps);
    const attempt = await until("the call placed", async () => {
      const a = await db().campaignAttempt.findFirst({ where: { interactionId: offer.interactionId } });
      return a?.callId ? a : null;
    });
    expect(attempt).toMatchObject({ mode: "PREVIEW", agentId: agent.id });
    const call = await until("answered", async () => {
      const c = await db().call.findUniqueOrThrow({ where: { id: attempt.callId! }, include: { parties: true } });
      return c.state === "ACTIVE" && c;
    });
    expect(call.parties.find((p) => p.userId === agent.id)).toMatchObject({ role: "CALLER" });
    // The agent's own call stays theirs past the abandon time: nothing is decided on its answer.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await db().call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ state: "ACTIVE" });
    expect(await db().interaction.findUniqueOrThrow({ where: { id: offer.interactionId } })).toMatchObject({ state: "ACTIVE", agentId: agent.id });
    expect(await db().campaignAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).toMatchObject({ answeredAt: expect.any(Date), outcome: null });
    await hangUp(viewer, call.id, line.server.app.deps);
    expect(await trunkSide.done).toBe(0);
    const done = await until("settled", () =>
      db().campaignAttempt.findFirst({ where: { id: attempt.id, endedAt: { not: null } }, include: { contact: true } }),
    );
    expect(done).toMatchObject({ outcome: "REACHED" });
    expect(done.contact).toMatchObject({ state: "DONE", done: "REACHED", attempts: 1 });

    // The next contact is offered; the agent skips it: back to the list for later, no attempt counted.
    const next = await until("the next preview", () =>
      db().queueItem.findFirst({ where: { queueId: campaign.queueId, offeredToId: agent.id, id: { not: offer.id } } }),
    );
    await rejectOffer(viewer, next.id, line.server.app.deps);
    const skipped = await until("skipped", async () => {
      const c = await db().campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id, phone: "+48601000006" } });
      return c.state === "WAITING" && c.nextAttemptAt && c;
    });
    expect(skipped.attempts).toBe(0);
    expect(skipped.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(25 * 60_000);
    expect(await db().campaignAttempt.count({ where: { contactId: skipped.id } })).toBe(0);
  }, 60_000);

  it("preview with a countdown: the call is placed by itself when the agent does nothing", async () => {
    const phone = await TestPhone.open();
    open.push(phone);
    phone.talk("alaw", silence(1000));
    const { trunkSide, agent, campaign } = await campaignCalling("+48601000007", "trunk-answers.xml", phone, { mode: "PREVIEW", previewSeconds: 2 });
    await ready(line.server.app, line.org, agent.id);
    await start(campaign.id);
    const offer = await until("the preview offered", () => db().queueItem.findFirst({ where: { queueId: campaign.queueId, offeredToId: agent.id } }));
    expect(offer.offerExpiresAt!.getTime() - offer.offeredAt!.getTime()).toBe(2000);
    const attempt = await until("placed by the countdown", async () => {
      const a = await db().campaignAttempt.findFirst({ where: { interactionId: offer.interactionId } });
      return a?.callId ? a : null;
    });
    expect(attempt.agentId).toBe(agent.id);
    await until("answered", async () => (await db().call.findUniqueOrThrow({ where: { id: attempt.callId! } })).state === "ACTIVE");
    await hangUp(await asViewer(line.server.app, agent.id), attempt.callId!, line.server.app.deps);
    expect(await trunkSide.done).toBe(0);
  }, 60_000);
});
