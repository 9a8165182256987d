import { describe, expect, it } from "vitest";
import { createAmd } from "./amd.ts";

/** 8 kHz audio: [ms, loud] pieces; loud pieces are noise-like speech at about -20 dBFS, quiet ones line hiss. */
function audio(...pieces: [number, boolean][]): Int16Array {
  const out: number[] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  for (const [ms, loud] of pieces) {
    for (let i = 0; i < ms * 8; i++) {
      const syllable = 0.6 + 0.4 * Math.sin((2 * Math.PI * i) / 1600); // 5 Hz, the rhythm of syllables
      out.push(Math.round(loud ? rnd() * 5000 * syllable : rnd() * 60));
    }
  }
  return Int16Array.from(out);
}

const run = (samples: Int16Array) => {
  const amd = createAmd();
  // As RTP brings it: 20 ms at a time.
  for (let i = 0; i < samples.length; i += 160) {
    const r = amd.push(samples.subarray(i, i + 160));
    if (r) return r;
  }
  return amd.finish();
};

describe("answering-machine detection", () => {
  it("hears a person: a short hello, then waiting", () => {
    const r = run(audio([300, false], [450, true], [2000, false]));
    expect(r).toMatchObject({ outcome: "HUMAN", reason: "SILENCE_AFTER_GREETING", words: 1 });
    expect(r.afterMs).toBe(1560); // 300 + 460 (the word's last frame) + 800
  });

  it("hears a person saying two words", () => {
    expect(run(audio([200, false], [300, true], [150, false], [400, true], [1500, false]))).toMatchObject({ outcome: "HUMAN", words: 2 });
  });

  it("hears a machine by its long greeting", () => {
    const r = run(audio([400, false], [3000, true]));
    expect(r).toMatchObject({ outcome: "MACHINE", reason: "LONG_GREETING" });
    expect(r.afterMs).toBeLessThanOrEqual(1900);
  });

  it("hears a machine by its many words with short pauses", () => {
    const word: [number, boolean][] = [
      [250, true],
      [120, false],
    ];
    expect(run(audio([300, false], ...word, ...word, ...word, ...word))).toMatchObject({ outcome: "MACHINE", reason: "MANY_WORDS", words: 3 });
  });

  it("is unsure of silence, and of audio that ends first", () => {
    expect(run(audio([4000, false]))).toMatchObject({ outcome: "UNSURE", reason: "INITIAL_SILENCE", afterMs: 2500 });
    expect(run(audio([300, false], [200, true]))).toMatchObject({ outcome: "UNSURE", reason: "ENDED" });
  });

  it("ignores clicks and breaths shorter than a word", () => {
    const r = run(audio([500, false], [60, true], [500, false], [60, true], [2000, false]));
    expect(r).toMatchObject({ words: 0, outcome: "UNSURE", reason: "INITIAL_SILENCE" });
  });

  it("decides once", () => {
    const amd = createAmd();
    const first = amd.push(audio([400, false], [3000, true]));
    expect(amd.push(audio([2000, false]))).toBe(first);
    expect(amd.finish()).toBe(first);
  });
});
