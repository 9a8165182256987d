// Uploaded sounds end to end against the real database and the real ffmpeg: an admin uploads over
// HTTP (multipart), lists over GraphQL, listens; who may not is refused; what is too large or not
// a sound is refused clearly with nothing stored; a sound a queue or an IVR flow plays is not
// deleted; flows naming unknown sounds are not published; and the media role plays what is stored
// (IVR prompts through IvrSession with a stand-in telephone, music for a queued call).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callHoldMusic } from "../../domain/audio/call-music.ts";
import { createCase } from "../../domain/cases/create-case.ts";
import { flowSchema } from "../../domain/ivr/flow.ts";
import { IvrSession } from "../../media/ivr/ivr-session.ts";
import { opusPacketsFromOgg } from "../../media/ogg-opus.ts";
import { holdMusicOf } from "../../media/uploaded-audio.ts";
import { PASSWORD, type TestOrg, makeOrg, makeQueue, makeUser, makeWidget } from "../factories/index.ts";
import { makeAudio, toneFile } from "../support/audio-files.ts";
import { type TestServer, TestSession, startTestServer } from "../support/test-server.ts";

let server: TestServer;
let org: TestOrg;
let admin: TestSession;
const dir = mkdtempSync(path.join(os.tmpdir(), "audio-files-test-"));

beforeAll(async () => {
  server = await startTestServer({ ROUTING_TICK_MS: "60000" });
  org = await makeOrg(server.app);
  admin = await signedIn("ADMIN");
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const db = () => server.app.db.prisma;
async function signedIn(role: "ADMIN" | "AGENT" | "MANAGER", inOrg = org) {
  const u = await makeUser(server.app, inOrg, role);
  const s = new TestSession(server.url);
  await s.signIn(u.username, PASSWORD);
  return s;
}
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const fields = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  ((r.errors?.[0]?.extensions?.fields ?? []) as { path: string; code: string }[]).map((f) => `${f.path}:${f.code}`);

/** A tone made by ffmpeg: `seconds` of 440 Hz at 44.1 kHz, stereo, in the file's format. */
const tone = (name: string, seconds = 2) => toneFile(name, seconds, dir);

/** POSTs a file as a browser's form does; the answer's status and JSON. */
async function upload(session: TestSession, file: { name: string; bytes: Uint8Array<ArrayBuffer> }, query: Record<string, string>) {
  const form = new FormData();
  form.append("file", new Blob([file.bytes]), file.name);
  const res = await fetch(`${server.url}/api/audio-files?${new URLSearchParams(query)}`, {
    method: "POST",
    headers: { cookie: session.cookie, origin: server.url },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const get = (session: TestSession, url: string) => fetch(server.url + url, { headers: { cookie: session.cookie } });
const count = () => db().audioFile.count({ where: { organizationId: org.id } });

const LIST = `query($kind: AudioKind) { audioFiles(kind: $kind) { id name kind durationMs originalName originalBytes url } }`;
const RENAME = `mutation($id: ID!, $name: String!) { renameAudioFile(id: $id, name: $name) { id name } }`;
const DELETE = `mutation($id: ID!) { deleteAudioFile(id: $id) }`;
const SAVE_QUEUE = `mutation($id: ID, $input: QueueInput!) { saveQueue(id: $id, input: $input) { id musicOnHoldId } }`;
const SAVE_FLOW = `mutation($id: ID, $input: IvrFlowInput!) { saveIvrFlow(id: $id, input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishIvrFlow(id: $id) { id publishedVersion } }`;
const queueInput = (name: string, musicOnHoldId: string | null) => ({
  name,
  channels: ["VOICE"],
  priority: 50,
  strategy: "LONGEST_IDLE",
  offerTimeoutSeconds: 20,
  members: [],
  musicOnHoldId,
});

describe("uploading sounds", () => {
  it("converts a WAV an admin uploads, lists it, plays it back as Ogg Opus or WAV, and audits it", async () => {
    const wav = tone("welcome.wav");
    const up = await upload(admin, { name: "welcome.wav", bytes: wav }, { name: "Welcome", kind: "PROMPT" });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ name: "Welcome", kind: "PROMPT", originalName: "welcome.wav", originalBytes: wav.length });
    expect(Math.abs(up.body.durationMs - 2000)).toBeLessThanOrEqual(20);
    expect(JSON.stringify(up.body)).not.toContain("alaw");

    const all = (await admin.ok(LIST)).audioFiles;
    expect(all).toContainEqual(expect.objectContaining({ id: up.body.id, name: "Welcome", kind: "PROMPT", url: `/api/audio-files/${up.body.id}` }));
    expect((await admin.ok(LIST, { kind: "MUSIC" })).audioFiles.map((f: { id: string }) => f.id)).not.toContain(up.body.id);

    const ogg = await get(admin, `/api/audio-files/${up.body.id}`);
    expect(ogg.status).toBe(200);
    expect(ogg.headers.get("content-type")).toBe("audio/ogg");
    const opus = new Uint8Array(await ogg.arrayBuffer());
    expect(opusPacketsFromOgg(opus).length).toBeGreaterThanOrEqual(99);
    const asWav = await get(admin, `/api/audio-files/${up.body.id}?format=wav`);
    expect(asWav.headers.get("content-type")).toBe("audio/wav");
    const wavBytes = Buffer.from(await asWav.arrayBuffer());
    expect(wavBytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
    // 16-bit PCM at 8 kHz: two bytes for each A-law byte, after the 44-byte header.
    expect(wavBytes.length).toBe(44 + 2 * 16_000);

    const audit = await db().auditLog.findMany({ where: { organizationId: org.id, targetId: up.body.id }, select: { action: true, targetLabel: true } });
    expect(audit).toEqual([{ action: "audio_file.uploaded", targetLabel: "Welcome" }]);
  });

  it("names an upload after its file when no name is given; a taken name is refused before converting", async () => {
    const up = await upload(admin, { name: "Opening hours.wav", bytes: tone("hours.wav", 1) }, { name: "", kind: "PROMPT" });
    expect(up.body.name).toBe("Opening hours");
    const again = await upload(admin, { name: "x.wav", bytes: tone("hours.wav", 1) }, { name: "Opening hours", kind: "MUSIC" });
    expect(again.status).toBe(409);
    expect(again.body.fields).toEqual([expect.objectContaining({ path: "input.name", code: "taken" })]);
  });

  it("refuses a 21 MB upload clearly and stores nothing", async () => {
    const before = await count();
    const big = new Uint8Array(21 * 1024 * 1024).fill(7);
    const r = await upload(admin, { name: "huge.wav", bytes: big }, { name: "Huge", kind: "MUSIC" });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: "LIMIT_EXCEEDED", reason: "FILE_TOO_LARGE" });
    expect(r.body.message).toContain("20 MB");
    expect(await count()).toBe(before);
  });

  it("refuses a text file named .mp3, and a too-long prompt, saying why; nothing stored", async () => {
    const before = await count();
    const text = await upload(admin, { name: "song.mp3", bytes: new TextEncoder().encode("la la la\n".repeat(100)) }, { name: "Song", kind: "MUSIC" });
    expect(text.status).toBe(422);
    expect(text.body).toMatchObject({ code: "INVALID_INPUT", reason: "AUDIO_UNREADABLE" });
    const long = makeAudio("long.wav", "anullsrc=sample_rate=8000:channel_layout=mono", ["-t", "301", "-c:a", "pcm_u8"], dir);
    const tooLong = await upload(admin, { name: "long.wav", bytes: long }, { name: "Long", kind: "PROMPT" });
    expect(tooLong.body).toMatchObject({ code: "INVALID_INPUT", reason: "AUDIO_TOO_LONG", maxMinutes: 5 });
    const badKind = await upload(admin, { name: "a.wav", bytes: tone("a.wav", 1) }, { name: "A", kind: "RINGTONE" });
    expect(badKind.status).toBe(422);
    expect(await count()).toBe(before);
  });

  it("are for telephony managers; queue managers may list and listen to music but not change sounds; agents nothing", async () => {
    const up = await upload(admin, { name: "m.wav", bytes: tone("m.wav", 1) }, { name: "Jazz", kind: "MUSIC" });
    const agent = await signedIn("AGENT");
    expect(code(await agent.gql(LIST))).toBe("FORBIDDEN");
    expect(code(await agent.gql(DELETE, { id: up.body.id }))).toBe("FORBIDDEN");
    const refused = await upload(agent, { name: "m.wav", bytes: tone("m.wav", 1) }, { name: "Mine", kind: "MUSIC" });
    expect(refused).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    expect((await get(agent, `/api/audio-files/${up.body.id}`)).status).toBe(403);
    expect((await get(new TestSession(server.url), `/api/audio-files/${up.body.id}`)).status).toBe(401);

    const manager = await signedIn("MANAGER");
    expect((await manager.ok(LIST, { kind: "MUSIC" })).audioFiles.map((f: { name: string }) => f.name)).toContain("Jazz");
    expect((await get(manager, `/api/audio-files/${up.body.id}`)).status).toBe(200);
    expect(code(await manager.gql(RENAME, { id: up.body.id, name: "Mine" }))).toBe("FORBIDDEN");
    expect((await upload(manager, { name: "m.wav", bytes: tone("m.wav", 1) }, { name: "Mine", kind: "MUSIC" })).status).toBe(403);

    // Another organisation's admin sees none of it.
    const stranger = await signedIn("ADMIN", await makeOrg(server.app));
    expect((await stranger.ok(LIST)).audioFiles).toEqual([]);
    expect((await get(stranger, `/api/audio-files/${up.body.id}`)).status).toBe(404);
    expect(code(await stranger.gql(DELETE, { id: up.body.id }))).toBe("NOT_FOUND");
  });
});

describe("where sounds are used", () => {
  it("a queue plays uploaded music; it is not deleted while the queue does; a prompt is no music", async () => {
    const music = (await upload(admin, { name: "calm.wav", bytes: tone("calm.wav") }, { name: "Calm", kind: "MUSIC" })).body;
    const prompt = (await upload(admin, { name: "hi.wav", bytes: tone("hi.wav", 1) }, { name: "Hi", kind: "PROMPT" })).body;
    const queue = (await admin.ok(SAVE_QUEUE, { input: queueInput("Support line", music.id) })).saveQueue;
    expect(queue.musicOnHoldId).toBe(music.id);
    expect(fields(await admin.gql(SAVE_QUEUE, { id: queue.id, input: queueInput("Support line", prompt.id) }))).toEqual(["input.musicOnHoldId:unknown"]);

    const refused = await admin.gql(DELETE, { id: music.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "AUDIO_IN_USE", usedBy: { queues: ["Support line"], ivrFlows: [] } });
    expect(refused.errors?.[0]?.message).toContain('queue "Support line"');
    expect(await db().audioFile.count({ where: { id: music.id } })).toBe(1);

    // The media role finds the music of a call waiting in that queue, and can play it to both kinds of caller.
    const call = await queuedCall(queue.id);
    const ref = await callHoldMusic(call.id, db());
    expect(ref?.id).toBe(music.id);
    const loaded = await holdMusicOf(ref!, db());
    expect(loaded!.alaw.length).toBe(16_000);
    expect(loaded!.opus.length).toBeGreaterThanOrEqual(99);
    expect(await callHoldMusic((await queuedCall((await makeQueue(server.app, org, [])).id)).id, db())).toBeNull();

    await admin.ok(SAVE_QUEUE, { id: queue.id, input: queueInput("Support line", null) });
    expect((await admin.ok(DELETE, { id: music.id })).deleteAudioFile).toBe(true);
    const actions = await db().auditLog.findMany({ where: { organizationId: org.id, targetId: music.id }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["audio_file.deleted", "audio_file.uploaded"]);
  });

  it("a flow's prompt plays a recording; not deleted while the draft or the published version names it; renamed freely", async () => {
    const prompt = (await upload(admin, { name: "menu.wav", bytes: tone("menu.wav", 1) }, { name: "Main menu", kind: "PROMPT" })).body;
    const queueId = (await makeQueue(server.app, org, [])).id;
    const flow = (audioId?: string) => ({
      start: "main",
      nodes: {
        main: { type: "menu", prompt: audioId ? { audioId } : { text: { en: "Press one." } }, options: { "1": "q" }, onFail: "q" },
        q: { type: "queue", queueId },
      },
    });
    const saved = (await admin.ok(SAVE_FLOW, { input: { name: "Recorded hotline", definition: flow(prompt.id) } })).saveIvrFlow;
    expect((await admin.ok(PUBLISH, { id: saved.id })).publishIvrFlow.publishedVersion).toBe(1);
    const used = await admin.gql(DELETE, { id: prompt.id });
    expect(used.errors?.[0]?.extensions).toMatchObject({ reason: "AUDIO_IN_USE", usedBy: { queues: [], ivrFlows: ["Recorded hotline"] } });

    // The draft speaks text now, but callers still hear the published version: still in use.
    await admin.ok(SAVE_FLOW, { id: saved.id, input: { name: "Recorded hotline", definition: flow() } });
    expect((await admin.gql(DELETE, { id: prompt.id })).errors?.[0]?.extensions?.reason).toBe("AUDIO_IN_USE");

    expect((await admin.ok(RENAME, { id: prompt.id, name: "Main menu (2026)" })).renameAudioFile.name).toBe("Main menu (2026)");

    await admin.ok(PUBLISH, { id: saved.id });
    expect((await admin.ok(DELETE, { id: prompt.id })).deleteAudioFile).toBe(true);
  });

  it("a campaign plays a recorded prompt as its messages; music is refused; not deleted while a campaign that may still run names it", async () => {
    const prompt = (await upload(admin, { name: "sorry.wav", bytes: tone("sorry.wav", 1) }, { name: "Sorry", kind: "PROMPT" })).body;
    const music = (await upload(admin, { name: "bg.wav", bytes: tone("bg.wav", 1) }, { name: "Background", kind: "MUSIC" })).body;
    const SAVE_CAMPAIGN = `mutation($id: ID, $input: CampaignInput!) { saveCampaign(id: $id, input: $input) { campaign { id abandonAudioId machineAudioId } } }`;
    const OPTIONS = `{ campaignOptions { prompts { id name } } }`;
    expect((await admin.ok(OPTIONS)).campaignOptions.prompts.map((p: { name: string }) => p.name)).toContain("Sorry");
    expect((await admin.ok(OPTIONS)).campaignOptions.prompts.map((p: { name: string }) => p.name)).not.toContain("Background");
    // A predictive campaign needs an abandon message: the recording will do, without any text.
    const input = { name: "Recorded debts", mode: "PREDICTIVE", machineAction: "MESSAGE", abandonAudioId: prompt.id, machineAudioId: prompt.id };
    expect(fields(await admin.gql(SAVE_CAMPAIGN, { input: { ...input, abandonAudioId: music.id } }))).toEqual(["input.abandonAudioId:unknown"]);
    const stranger = (
      await upload(await signedIn("ADMIN", await makeOrg(server.app)), { name: "x.wav", bytes: tone("x.wav", 1) }, { name: "X", kind: "PROMPT" })
    ).body;
    expect(fields(await admin.gql(SAVE_CAMPAIGN, { input: { ...input, machineAudioId: stranger.id } }))).toEqual(["input.machineAudioId:unknown"]);
    const saved = (await admin.ok(SAVE_CAMPAIGN, { input })).saveCampaign.campaign;
    expect(saved).toMatchObject({ abandonAudioId: prompt.id, machineAudioId: prompt.id });

    const used = await admin.gql(DELETE, { id: prompt.id });
    expect(used.errors?.[0]?.extensions).toMatchObject({ reason: "AUDIO_IN_USE", usedBy: { queues: [], ivrFlows: [], campaigns: ["Recorded debts"] } });
    // Once the campaign is over it will never play it: the sound may go, and the reference with it.
    await db().campaign.update({ where: { id: saved.id }, data: { status: "STOPPED" } });
    expect((await admin.ok(DELETE, { id: prompt.id })).deleteAudioFile).toBe(true);
    expect(await db().campaign.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ abandonAudioId: null, machineAudioId: null });
  });

  it("a flow naming a sound that does not exist (or music) is neither saved nor published, the problem shown on its step", async () => {
    const queueId = (await makeQueue(server.app, org, [])).id;
    const music = (await upload(admin, { name: "tune.wav", bytes: tone("tune.wav", 1) }, { name: "Tune", kind: "MUSIC" })).body;
    const definition = (audioId: string) => ({
      start: "hello",
      nodes: { hello: { type: "play", prompt: { audioId }, next: "q" }, q: { type: "queue", queueId } },
    });
    const unknown = await admin.gql(SAVE_FLOW, { input: { name: "Ghost", definition: definition(randomUUID()) } });
    expect(fields(unknown)).toEqual(["input.definition.nodes.hello.prompt.audioId:ivr_unknown_audio"]);
    expect(fields(await admin.gql(SAVE_FLOW, { input: { name: "Ghost", definition: definition(music.id) } }))).toEqual([
      "input.definition.nodes.hello.prompt.audioId:ivr_unknown_audio",
    ]);

    // A draft naming a sound that has gone since (written as an older server would have): not published.
    const spoken = { start: "hello", nodes: { hello: { type: "play", prompt: { text: { en: "Hello." } }, next: "q" }, q: { type: "queue", queueId } } };
    const saved = (await admin.ok(SAVE_FLOW, { input: { name: "Ghost", definition: spoken } })).saveIvrFlow;
    await db().ivrFlow.update({ where: { id: saved.id }, data: { draft: definition(randomUUID()) } });
    const publish = await admin.gql(PUBLISH, { id: saved.id });
    expect(code(publish)).toBe("INVALID_INPUT");
    expect(fields(publish)).toEqual(["input.definition.nodes.hello.prompt.audioId:ivr_unknown_audio"]);
    expect((await db().ivrFlow.findUniqueOrThrow({ where: { id: saved.id } })).publishedVersion).toBeNull();
  });
});

describe("IVR prompts from uploads, as the media role plays them", () => {
  it("plays the uploaded bytes; speaks the text when the recording is gone; skips a prompt with neither", async () => {
    const up = (await upload(admin, { name: "greeting.wav", bytes: tone("greeting.wav", 1) }, { name: "Greeting", kind: "PROMPT" })).body;
    const stored = new Uint8Array((await db().audioFile.findUniqueOrThrow({ where: { id: up.id }, select: { alaw: true } })).alaw);
    const flow = flowSchema.parse({
      language: "en",
      start: "welcome",
      nodes: {
        welcome: { type: "play", prompt: { audioId: up.id }, next: "gone" },
        gone: { type: "play", prompt: { audioId: randomUUID(), text: { en: "Welcome." } }, next: "silent" },
        silent: { type: "play", prompt: { audioId: randomUUID() }, next: "menu" },
        menu: { type: "menu", prompt: { audioId: up.id }, options: { "1": "bye" }, timeoutSeconds: 30, onFail: "bye" },
        bye: { type: "hangup" },
      },
    });
    const played: Uint8Array[] = [];
    let menuPlayed: () => void = () => {};
    const done = new Promise<void>((r) => (menuPlayed = r));
    // A stand-in for the caller's telephone: every prompt is "heard" at once.
    const host = {
      play(audio: Uint8Array, finished: () => void) {
        played.push(audio);
        if (played.length === 3) menuPlayed();
        setImmediate(finished);
      },
      stopPrompt() {},
      record: () => Promise.reject(new Error("this flow takes no voicemail")),
      transfer: async () => {},
    };
    const session = new IvrSession(
      randomUUID(),
      flow,
      { timezone: "Europe/Warsaw", caller: { number: "+48600100200", vip: false, known: false } },
      host,
      { cacheDir: path.join(dir, "tts") },
      server.app.deps,
      pino({ level: "silent" }),
    );
    session.start();
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${played.length} prompts played`)), 20_000))]);
    session.end();
    expect(played).toHaveLength(3);
    expect(Buffer.from(played[0]).equals(Buffer.from(stored))).toBe(true);
    // The text, synthesised: something else, and audible.
    expect(Buffer.from(played[1]).equals(Buffer.from(stored))).toBe(false);
    expect(played[1].length).toBeGreaterThan(800);
    expect(Buffer.from(played[2]).equals(Buffer.from(stored))).toBe(true);
  });
});

/** A phone call waiting in `queueId`, as rows (no media engine needed to decide its music). */
async function queuedCall(queueId: string) {
  const widget = await makeWidget(server.app, org, queueId, { calls: true });
  const visitor = await db().visitor.create({ data: { organizationId: org.id, entryPointId: widget.id, name: "Wanda Waiting", email: "", phone: "" } });
  const kase = await createCase(db(), { organizationId: org.id, channel: "VOICE", subject: "Call", contactId: null, queueId, now: new Date() });
  const interaction = await db().interaction.create({
    data: { organizationId: org.id, caseId: kase.id, channel: "VOICE", direction: "INBOUND", state: "QUEUED", queueId, visitorId: visitor.id },
  });
  return db().call.create({
    data: {
      organizationId: org.id,
      interactionId: interaction.id,
      state: "RINGING",
      parties: { create: [{ role: "CALLER", visitorId: visitor.id, joinedAt: new Date() }] },
    },
  });
}
