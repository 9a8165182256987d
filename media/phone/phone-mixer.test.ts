// What a telephone hears, taken off the mixer's real output socket: the queue's uploaded music when
// it has one (from its beginning, looping), the product's music otherwise, and a prompt over the
// music pausing it; and every frame in the telephone's own law — A-law or µ-law, with that law's
// payload type — whatever law the voices, the music and the prompts come in.
import dgram from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import { type Law, SILENCE, decode, encode } from "./g711.ts";
import { holdMusic } from "./hold-music.ts";
import { PhoneMixer } from "./phone-mixer.ts";

const FRAME = 160;

/** A 1 kHz tone, `ms` long, as A-law (what an upload becomes for telephones). */
function toneAlaw(ms: number, hz = 1000) {
  const pcm = new Int32Array((ms / 1000) * 8000).map((_, i) => Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / 8000)));
  const out = new Uint8Array(pcm.length);
  encode("alaw", pcm, out);
  return out;
}

const open: { mixer: PhoneMixer; sink: dgram.Socket }[] = [];
afterEach(() => {
  for (const { mixer, sink } of open.splice(0)) {
    mixer.stop();
    sink.close();
  }
});

/** A mixer for a telephone on `law`, sending to a socket of ours; the payloads it sends (and
 * their payload types), as they come. */
async function listen(law: Law = "alaw") {
  const sink = dgram.createSocket("udp4");
  const frames: Uint8Array[] = [];
  const payloadTypes: number[] = [];
  sink.on("message", (m) => {
    payloadTypes.push(m[1] & 0x7f);
    frames.push(new Uint8Array(m.subarray(12)));
  });
  await new Promise<void>((r) => sink.bind(0, "127.0.0.1", () => r()));
  const mixer = new PhoneMixer(0x1234);
  const input = await mixer.open(sink.address().port);
  open.push({ mixer, sink });
  const until = async (n: number) => {
    for (let i = 0; i < 200 && frames.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    return frames.slice(0, n);
  };
  return { mixer, frames, payloadTypes, until, start: () => mixer.start(law), input };
}

/** `audio` in the other law, as decoding and encoding again makes it. */
function transcode(from: Law, to: Law, audio: Uint8Array) {
  const pcm = new Int32Array(audio.length);
  decode(from, audio, pcm);
  const out = new Uint8Array(audio.length);
  encode(to, pcm, out);
  return out;
}

const hex = (frames: Uint8Array[]) => frames.map((f) => Buffer.from(f).toString("hex"));

describe("music on hold in a telephone's mix", () => {
  it("plays the queue's uploaded music frame for frame, from its beginning and looping", async () => {
    const upload = toneAlaw(200); // ten frames
    const { mixer, until, start } = await listen();
    mixer.setMusic(true, upload);
    start();
    const heard = await until(25);
    const expected = Array.from({ length: 25 }, (_, i) => upload.subarray((i % 10) * FRAME, (i % 10 + 1) * FRAME));
    expect(heard.map((f) => Buffer.from(f).toString("hex"))).toEqual(expected.map((f) => Buffer.from(f).toString("hex")));
  });

  it("without an upload, the product's music; switching music starts the new one from its beginning", async () => {
    const { mixer, frames, until, start } = await listen();
    start();
    mixer.setMusic(true, null);
    const first = await until(3);
    expect(Buffer.from(first[0]).equals(Buffer.from(holdMusic().subarray(0, FRAME)))).toBe(true);
    const upload = toneAlaw(100, 500);
    const from = frames.length;
    mixer.setMusic(true, upload);
    const after = (await until(from + 2)).slice(from);
    expect(Buffer.from(after[0]).equals(Buffer.from(upload.subarray(0, FRAME)))).toBe(true);
  });

  it("a prompt pauses the music; the music goes on where it was once the prompt is done", async () => {
    const upload = toneAlaw(400);
    const prompt = toneAlaw(60, 300); // three frames
    const { mixer, frames, until, start } = await listen();
    start();
    mixer.setMusic(true, upload);
    await until(2);
    let done = false;
    const at = frames.length;
    mixer.playPrompt(prompt, () => (done = true));
    const next = (await until(at + 5)).slice(at);
    expect(Buffer.from(next[0]).equals(Buffer.from(prompt.subarray(0, FRAME)))).toBe(true);
    expect(done).toBe(true);
    // After the prompt's three frames: music again, not silence.
    expect(upload.some((_, i) => i % FRAME === 0 && Buffer.from(next[3]).equals(Buffer.from(upload.subarray(i, i + FRAME))))).toBe(true);
  });
});

/** A voice forwarded to the mixer's input as RTP, 20 ms a packet from `audio`, `law`'s payload type. */
function speak(input: number, law: Law, audio: Uint8Array, ssrc: number) {
  const socket = dgram.createSocket("udp4");
  let at = 0;
  const timer = setInterval(() => {
    if (at + FRAME > audio.length) return;
    const packet = Buffer.alloc(12 + FRAME);
    packet[0] = 0x80;
    packet[1] = law === "alaw" ? 8 : 0;
    packet.writeUInt32BE(ssrc, 8);
    packet.set(audio.subarray(at, at + FRAME), 12);
    at += FRAME;
    socket.send(packet, input, "127.0.0.1");
  }, 20);
  return () => {
    clearInterval(timer);
    socket.close();
  };
}

describe("the telephone's law", () => {
  it("a µ-law telephone gets µ-law frames (payload type 0): an A-law voice transcoded, a µ-law one untouched", async () => {
    const { frames, payloadTypes, until, start, input } = await listen("ulaw");
    start();
    const agent = toneAlaw(400, 700);
    let stop = speak(input, "alaw", agent, 0x5151);
    await until(30);
    stop();
    const expected = new Set(hex(Array.from({ length: 20 }, (_, i) => transcode("alaw", "ulaw", agent.subarray(i * FRAME, (i + 1) * FRAME)))));
    expect(hex(frames).filter((f) => expected.has(f)).length).toBeGreaterThan(10);
    const caller = transcode("alaw", "ulaw", toneAlaw(400, 300));
    const from = frames.length;
    stop = speak(input, "ulaw", caller, 0x5252);
    await until(from + 30);
    stop();
    const untouched = new Set(hex(Array.from({ length: 20 }, (_, i) => caller.subarray(i * FRAME, (i + 1) * FRAME))));
    expect(hex(frames.slice(from)).filter((f) => untouched.has(f)).length).toBeGreaterThan(10);
    expect(new Set(payloadTypes)).toEqual(new Set([0]));
  });

  it("music and prompts (kept as A-law) reach a µ-law telephone as µ-law; silence is µ-law silence", async () => {
    const upload = toneAlaw(200);
    const prompt = toneAlaw(60, 300);
    const { mixer, frames, payloadTypes, until, start } = await listen("ulaw");
    start();
    const silent = await until(2);
    expect(silent[0].every((b) => b === SILENCE.ulaw)).toBe(true);
    mixer.setMusic(true, upload);
    const at = frames.length + 2;
    const music = (await until(at + 5)).slice(at);
    const musicFrames = new Set(hex(Array.from({ length: 10 }, (_, i) => transcode("alaw", "ulaw", upload.subarray(i * FRAME, (i + 1) * FRAME)))));
    expect(hex(music).every((f) => musicFrames.has(f))).toBe(true);
    mixer.setMusic(false);
    mixer.playPrompt(prompt, () => {});
    const after = frames.length + 2;
    const said = (await until(after + 8)).slice(after);
    expect(hex(said)).toContain(Buffer.from(transcode("alaw", "ulaw", prompt.subarray(FRAME, 2 * FRAME))).toString("hex"));
    expect(new Set(payloadTypes)).toEqual(new Set([0]));
  });

  it("sends nothing before it is started but the silent frames it is asked for, in the law asked", async () => {
    const { mixer, frames, payloadTypes } = await listen("ulaw");
    mixer.sendSilence("alaw");
    await new Promise((r) => setTimeout(r, 100));
    expect(frames).toHaveLength(1);
    expect(payloadTypes).toEqual([8]);
    expect(frames[0].every((b) => b === SILENCE.alaw)).toBe(true);
  });
});
