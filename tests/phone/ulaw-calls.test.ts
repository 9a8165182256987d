// Calls on µ-law (PCMU) lines, as common as A-law ones: what the telephone actually receives, taken
// off the wire by a TestPhone (SIPp does the SIP; the phone's RTP is the test's own socket). A
// caller whose phone offers PCMU first, a number we call that answers PCMU although our offer put
// PCMA first, an IVR prompt, keys sent as RFC 2833 events, the recording of such a call, and a
// µ-law caller consulting a number on an A-law trunk and handed over to it: each telephone gets
// its own law, byte for byte what the mixer makes of the other side's audio.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { uploadAudioFile } from "../../domain/audio/audio-files.ts";
import { consultNumber } from "../../domain/phone/consult-number.ts";
import { dialOut } from "../../domain/phone/dial-out.ts";
import { acceptOffer } from "../../domain/routing/respond-to-offer.ts";
import { endCall, hangUp, holdCall } from "../../domain/voice/calls.ts";
import { completeTransfer } from "../../domain/voice/consult.ts";
import { decode } from "../../media/phone/g711.ts";
import { asViewer, makeUser, ready } from "../factories/index.ts";
import { makeAudio } from "../support/audio-files.ts";
import { plainMicrophone } from "../support/phone/plain-microphone.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { type Sipp, sipp } from "../support/phone/sipp.ts";
import { TestPhone, framesFound, noise, transcode } from "../support/phone/test-phone.ts";

const DID = "+48221238999";
const IVR_DID = "+48221238998";
const PCMU = 0;
const PCMA = 8;
let line: PhoneLine;
const db = () => line.server.app.db.prisma;
const deps = () => line.server.app.deps;
const media = () => line.server.app.media!;

beforeAll(async () => {
  line = await startPhoneLine(DID);
}, 60_000);
afterAll(() => line?.close());

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
async function phone() {
  const p = await TestPhone.open();
  open.push(p);
  return p;
}
const track = <T extends { close(): void }>(o: T) => (open.push(o), o);

async function agentOnQueue() {
  const agent = await makeUser(line.server.app, line.org, "AGENT");
  await db().queueMember.create({ data: { queueId: line.queueId, userId: agent.id } });
  await ready(line.server.app, line.org, agent.id);
  return agent;
}

/** A caller from `number` whose phone (`p`) offers these codecs, answered by an agent of the queue. */
async function answeredCall(number: string, p: TestPhone, codecs: ("PCMA" | "PCMU")[]) {
  await agentOnQueue();
  const caller = sipp("caller-echo.xml", { target: line.target(), keys: { caller: number }, audio: { codecs, port: p.port }, args: ["-s", DID] });
  const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: number }, include: { parties: true } }));
  // Whichever Ready agent of the queue is offered the call takes it.
  const item = await until("the offer", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, offeredToId: { not: null } } }));
  const viewer = await asViewer(line.server.app, item.offeredToId!);
  await acceptOffer(viewer, item.id, deps());
  const agentParty = (await db().callParty.findFirstOrThrow({ where: { callId: call.id, userId: viewer.userId } })).id;
  return { caller, call, viewer, agentParty, phoneParty: call.parties[0].id };
}

/** A trunk we call out on, played by SIPp answering with `codecs` (the test's phone `p` its audio). */
async function outboundTrunk(p: TestPhone, answers: ("PCMA" | "PCMU")[], offers: ("PCMA" | "PCMU")[]) {
  const trunkSide = sipp("trunk-answers.xml", { audio: { codecs: answers, port: p.port } });
  const trunk = await db().sipTrunk.create({
    data: { organizationId: line.org.id, name: `Out ${trunkSide.port}`, host: `127.0.0.1:${trunkSide.port}`, username: "centrala", register: false, callerIds: [DID], codecs: offers },
  });
  deps().events.publish("trunk.changed", { organizationId: line.org.id, trunkId: trunk.id });
  await new Promise((r) => setTimeout(r, 500));
  return { trunkSide, trunk };
}

/** The m=audio line of an SDP in the SIP messages SIPp saw, after the first line matching `after`. */
function sdpAudio(run: Sipp, after: RegExp) {
  const log = run.messages();
  const at = log.search(after);
  return at < 0 ? null : (log.slice(at).match(/m=audio \d+ RTP\/AVP ([\d ]+)/)?.[1] ?? null);
}

/** Each channel's typical loudness (the median RMS of its 20 ms blocks) in a recording. */
function channelLevels(file: string): [number, number] {
  const r = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", file, "-f", "s16le", "-ac", "2", "-ar", "8000", "-"], { maxBuffer: 64 * 1024 * 1024 });
  const pcm = new Int16Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.length / 2);
  return [0, 1].map((ch) => {
    const blocks: number[] = [];
    for (let at = 0; at + 320 <= pcm.length; at += 320) {
      let sum = 0;
      for (let i = at + ch; i < at + 320; i += 2) sum += pcm[i] * pcm[i];
      blocks.push(Math.sqrt(sum / 160));
    }
    return blocks.sort((a, b) => a - b)[Math.floor(blocks.length / 2)];
  }) as [number, number];
}
const rms = (law: "alaw" | "ulaw", audio: Uint8Array) => {
  const pcm = new Int32Array(audio.length);
  decode(law, audio, pcm);
  return Math.sqrt(pcm.reduce((n, v) => n + v * v, 0) / pcm.length);
};

describe("a caller whose phone offers PCMU first", () => {
  it("gets µ-law: the agent's voice, byte for byte; their RFC 2833 keys are read; the call is recorded on both sides", async () => {
    await db().queue.update({ where: { id: line.queueId }, data: { recordingPolicy: "ALL" } });
    const p = await phone();
    const callerVoice = noise("ulaw", 3, 11);
    p.talk("ulaw", callerVoice);
    const { caller, call, viewer, agentParty } = await answeredCall("+48601238001", p, ["PCMU", "PCMA"]);
    const agentVoice = noise("alaw", 3, 12);
    track(await plainMicrophone(media(), call.id, agentParty, agentVoice));
    // The browser sends A-law; the telephone gets it as µ-law.
    await until("the agent's voice on the phone", async () => framesFound(transcode("alaw", "ulaw", agentVoice), p.heard(PCMU)) > 50);
    expect(p.payloadTypes()[PCMA]).toBeUndefined();

    p.press("15#");
    await until("the keys", async () => {
      const events = await db().interactionEvent.findMany({ where: { interactionId: call.interactionId!, type: "dtmf" }, orderBy: { at: "asc" } });
      const keys = events.map((e) => e.data as { digit: string; via: string }).filter((d) => d.via === "RFC2833");
      return keys.map((d) => d.digit).join("") === "15#";
    });
    await new Promise((r) => setTimeout(r, 2000));
    await hangUp(viewer, call.id, deps());
    expect(await caller.done).toBe(0);
    // Janus answered the caller with PCMU (what it offered first), with telephone-events.
    expect(sdpAudio(caller, /SIP\/2\.0 200 OK/)).toBe("0 101");

    const recording = await until("the recording", async () => {
      const r = await db().recording.findUnique({ where: { callId: call.id } });
      return r && r.state !== "RECORDING" && r.state !== "PROCESSING" && r;
    });
    expect(recording).toMatchObject({ state: "READY", channels: 2 });
    // Left the caller (µ-law), right the agent (A-law): each as loud as what it sent (±3 dB).
    const [left, right] = channelLevels(path.join(line.server.app.config.recordingsDir, recording.storageKey!));
    expect(left / rms("ulaw", callerVoice)).toBeGreaterThan(0.7);
    expect(left / rms("ulaw", callerVoice)).toBeLessThan(1.41);
    expect(right / rms("alaw", agentVoice)).toBeGreaterThan(0.7);
    expect(right / rms("alaw", agentVoice)).toBeLessThan(1.41);
    await db().queue.update({ where: { id: line.queueId }, data: { recordingPolicy: "NONE" } });
  }, 60_000);

  it("hears an IVR prompt (an uploaded A-law recording) as µ-law, and chooses by an RFC 2833 key", async () => {
    const admin = await makeUser(line.server.app, line.org, "ADMIN");
    const bytes = makeAudio("prompt.wav", "anoisesrc=duration=3:color=pink:amplitude=0.4:sample_rate=8000");
    const prompt = await uploadAudioFile(await asViewer(line.server.app, admin.id), { name: "Menu", kind: "PROMPT", fileName: "prompt.wav", bytes }, deps());
    const flow = {
      start: "menu",
      nodes: {
        menu: { type: "menu", prompt: { audioId: prompt.id }, options: { "1": "queue" }, timeoutSeconds: 10, onFail: "queue" },
        queue: { type: "queue", queueId: line.queueId },
      },
    };
    await line.addNumber(IVR_DID, line.queueId, flow);
    const p = await phone();
    p.talk("ulaw", noise("ulaw", 1, 13));
    const caller = sipp("caller-echo.xml", { target: line.target(), keys: { caller: "+48601238002" }, audio: { codecs: ["PCMU"], port: p.port }, args: ["-s", IVR_DID] });
    const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: "+48601238002" } }));
    const alaw = new Uint8Array((await db().audioFile.findUniqueOrThrow({ where: { id: prompt.id } })).alaw);
    await until("the prompt on the phone", async () => framesFound(transcode("alaw", "ulaw", alaw), p.heard(PCMU)) > 50);
    p.press("1");
    await until("the caller in the queue", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId! } }));
    const chose = await db().interactionEvent.findMany({ where: { interactionId: call.interactionId!, type: "ivr" } });
    expect(chose.map((e) => e.data as { what: string; value?: string }).find((d) => d.what === "chose")?.value).toBe("1");
    expect(p.payloadTypes()[PCMA]).toBeUndefined();
    await endCall(call.id, "HANGUP", null, deps());
    expect(await caller.done).toBe(0);
  }, 40_000);
});

describe("a number we call", () => {
  it("answering PCMU, though our offer put PCMA first, gets µ-law: the agent's voice byte for byte; its own voice reaches the call", async () => {
    const p = await phone();
    const numberVoice = noise("ulaw", 3, 21);
    p.talk("ulaw", numberVoice);
    const { trunkSide, trunk } = await outboundTrunk(p, ["PCMU"], ["PCMA", "PCMU"]);
    const agent = await makeUser(line.server.app, line.org, "AGENT");
    const viewer = await asViewer(line.server.app, agent.id);
    const call = await dialOut(viewer, { number: "+48227654399", trunkId: trunk.id }, deps());
    await until("the answer", async () => (await db().call.findUniqueOrThrow({ where: { id: call.id } })).state === "ACTIVE");
    const parties = await db().callParty.findMany({ where: { callId: call.id } });
    const agentVoice = noise("alaw", 3, 22);
    track(await plainMicrophone(media(), call.id, parties.find((x) => x.userId === agent.id)!.id, agentVoice));
    await until("the agent's voice on the phone", async () => framesFound(transcode("alaw", "ulaw", agentVoice), p.heard(PCMU)) > 50);
    expect(p.payloadTypes()[PCMA]).toBeUndefined();

    // What the number says comes into the call as it was sent.
    const dir = mkdtempSync(path.join(os.tmpdir(), "ulaw-out-"));
    const rec = await media().recordCaller(call.id, parties.find((x) => x.phone)!.id, path.join(dir, "heard"));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await rec.stop()).format).toBe("ulaw");
    expect(framesFound(numberVoice, await readFile(path.join(dir, "heard")))).toBeGreaterThan(40);
    await rm(dir, { recursive: true, force: true });

    await hangUp(viewer, call.id, deps());
    expect(await trunkSide.done).toBe(0);
    // Our INVITE offered the trunk's codecs in its order; the number chose the second.
    expect(sdpAudio(trunkSide, /^INVITE /m)).toBe("8 0 101");
  }, 40_000);
});

describe("a µ-law caller consulting a number on an A-law trunk", () => {
  it("both telephones hear each other, each in its own law, in the conference and after the hand-over", async () => {
    const customer = await phone();
    const customerVoice = noise("ulaw", 3, 31);
    customer.talk("ulaw", customerVoice);
    const expertPhone = await phone();
    const expertVoice = noise("alaw", 3, 32);
    expertPhone.talk("alaw", expertVoice);
    const { trunkSide, trunk } = await outboundTrunk(expertPhone, ["PCMA"], ["PCMA"]);
    const { caller, call, viewer } = await answeredCall("+48601238003", customer, ["PCMU"]);
    await consultNumber(viewer, call.id, { number: "+48227000099", trunkId: trunk.id }, deps());
    await until("the answer", () => db().callParty.findFirst({ where: { callId: call.id, role: "CONSULTED", joinedAt: { not: null } } }));
    // The number is on the line (half a second of its mix), as an agent would hear before going on.
    await until("the number's line", async () => expertPhone.received.length > 25);
    await holdCall(viewer, call.id, false, deps());
    const hears = (p: TestPhone, pt: number, voice: Uint8Array, since: number) => framesFound(voice, p.heard(pt, since)) > 50;
    await until("the conference", async () =>
      hears(customer, PCMU, transcode("alaw", "ulaw", expertVoice), 0) && hears(expertPhone, PCMA, transcode("ulaw", "alaw", customerVoice), 0),
    );
    await completeTransfer(viewer, call.id, deps());
    const [c, e] = [customer.mark(), expertPhone.mark()];
    await until("the two talking on after the hand-over", async () =>
      hears(customer, PCMU, transcode("alaw", "ulaw", expertVoice), c) && hears(expertPhone, PCMA, transcode("ulaw", "alaw", customerVoice), e),
    );
    expect(customer.payloadTypes()[PCMA]).toBeUndefined();
    expect(expertPhone.payloadTypes()[PCMU]).toBeUndefined();
    await endCall(call.id, "HANGUP", null, deps());
    expect(await caller.done).toBe(0);
    expect(await trunkSide.done).toBe(0);
  }, 60_000);
});
