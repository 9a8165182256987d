// What a waiting telephone hears, taken off the mixer's real output socket: the queue's uploaded
// music when it has one (from its beginning, looping), the product's music otherwise, and a
// prompt over the music pausing it.
import dgram from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import { encode } from "./g711.ts";
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

/** A mixer sending to a socket of ours; the payloads it sends, as they come. */
async function listen() {
  const sink = dgram.createSocket("udp4");
  const frames: Uint8Array[] = [];
  sink.on("message", (m) => frames.push(new Uint8Array(m.subarray(12))));
  await new Promise<void>((r) => sink.bind(0, "127.0.0.1", () => r()));
  const mixer = new PhoneMixer("alaw", 0x1234, 8);
  await mixer.start(sink.address().port);
  open.push({ mixer, sink });
  const until = async (n: number) => {
    for (let i = 0; i < 200 && frames.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    return frames.slice(0, n);
  };
  return { mixer, frames, until };
}

describe("music on hold in a telephone's mix", () => {
  it("plays the queue's uploaded music frame for frame, from its beginning and looping", async () => {
    const upload = toneAlaw(200); // ten frames
    const { mixer, until } = await listen();
    mixer.setMusic(true, upload);
    const heard = await until(25);
    const expected = Array.from({ length: 25 }, (_, i) => upload.subarray((i % 10) * FRAME, (i % 10 + 1) * FRAME));
    expect(heard.map((f) => Buffer.from(f).toString("hex"))).toEqual(expected.map((f) => Buffer.from(f).toString("hex")));
  });

  it("without an upload, the product's music; switching music starts the new one from its beginning", async () => {
    const { mixer, frames, until } = await listen();
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
    const { mixer, frames, until } = await listen();
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
