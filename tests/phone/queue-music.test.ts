// A phone caller waiting in a queue hears the queue's uploaded music, through the real path: the
// upload converted by ffmpeg, the music loaded for the call, mixed into the telephone's stream,
// through Janus to a SIPp phone that sends back what it hears (-rtp_echo) — and what comes back
// from the phone is, frame for frame, the uploaded sound (pink noise: no two frames alike, so
// nothing else could match), not the product's music. On an A-law line and on a µ-law one: the
// upload is kept as A-law, so a µ-law phone must get it in µ-law (the same frames, transcoded).
import { readFile, rm } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadAudioFile } from "../../domain/audio/audio-files.ts";
import { endCall } from "../../domain/voice/calls.ts";
import { holdMusic } from "../../media/phone/hold-music.ts";
import { asViewer, makeQueue, makeUser, ready } from "../factories/index.ts";
import { makeAudio } from "../support/audio-files.ts";
import { type PhoneLine, startPhoneLine, until } from "../support/phone/phone-line.ts";
import { sipp } from "../support/phone/sipp.ts";
import { framesFound, transcode } from "../support/phone/test-phone.ts";

const DID = "+48221237999";
let line: PhoneLine;
const db = () => line.server.app.db.prisma;

beforeAll(async () => {
  line = await startPhoneLine(DID);
  const { server, org } = line;
  const agent = await makeUser(server.app, org, "AGENT");
  const admin = await makeUser(server.app, org, "ADMIN");
  const queue = await makeQueue(server.app, org, [{ userId: agent.id }]);
  const noise = makeAudio("noise.wav", "anoisesrc=duration=6:color=pink:amplitude=0.4:sample_rate=8000");
  const music = await uploadAudioFile(await asViewer(server.app, admin.id), { name: "Noise", kind: "MUSIC", fileName: "noise.wav", bytes: noise }, server.app.deps);
  await db().queue.update({ where: { id: queue.id }, data: { musicOnHoldId: music.id } });
  await db().entryPoint.update({ where: { id: line.entryPointId }, data: { queueId: queue.id } });
  await ready(server.app, org, agent.id);
  // Staffed, but busy: the caller waits, hearing the music.
  await db().agentPresence.updateMany({ where: { user: { organizationId: org.id } }, data: { state: "WRAP_UP", wrapUpUntil: new Date(Date.now() + 3_600_000) } });
}, 60_000);
afterAll(async () => {
  await line?.close();
});

describe("music on hold on a telephone", () => {
  it.each([
    { law: "alaw", codec: "PCMA", number: "+48601237001" },
    { law: "ulaw", codec: "PCMU", number: "+48601237002" },
  ] as const)("is the queue's uploaded music, as the caller's phone hears it ($codec)", async ({ law, codec, number }) => {
    const caller = sipp("caller-echo.xml", { target: line.target(), keys: { caller: number }, audio: { codecs: [codec] }, args: ["-s", DID, "-rtp_echo"] });
    const call = await until("the call", () => db().call.findFirst({ where: { remoteNumber: number }, include: { parties: true } }));
    await until("in the queue", () => db().queueItem.findFirst({ where: { interactionId: call.interactionId!, state: "WAITING" } }));
    await new Promise((r) => setTimeout(r, 1500));
    // What the phone sends back is what it heard: record it for three seconds.
    const dir = mkdtempSync(path.join(os.tmpdir(), "queue-music-"));
    const media = line.server.app.media!;
    const recording = await media.recordCaller(call.id, call.parties[0].id, path.join(dir, "heard"));
    await new Promise((r) => setTimeout(r, 3000));
    const { format } = await recording.stop();
    const heard = await readFile(path.join(dir, "heard"));
    await rm(dir, { recursive: true, force: true });
    expect(format).toBe(law);

    const upload = await db().audioFile.findFirstOrThrow({ where: { name: "Noise" } });
    const ours = framesFound(transcode("alaw", law, new Uint8Array(upload.alaw)), heard);
    // Three seconds are 150 frames; a few are lost at the edges of the recording.
    expect(ours).toBeGreaterThan(100);
    expect(framesFound(transcode("alaw", law, holdMusic().subarray(0, 300 * 160)), heard)).toBe(0);

    await endCall(call.id, "HANGUP", null, line.server.app.deps);
    expect(await caller.done).toBe(0);
  }, 40_000);
});
