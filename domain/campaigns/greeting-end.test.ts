import { describe, expect, it } from "vitest";
import { createGreetingEnd, strongestTone } from "./greeting-end.ts";

const RATE = 8000;
const tone = (hz: number, ms: number, amplitude = 8000) => Array.from({ length: (RATE * ms) / 1000 }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / RATE)));
const quiet = (ms: number) => new Array<number>((RATE * ms) / 1000).fill(0);
/** Voice-like sound: a gliding pitch with its harmonics and some noise, spreading the energy. */
function voice(ms: number, seed = 1) {
  let x = seed;
  const noise = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 3000;
  let phase = 0;
  return Array.from({ length: (RATE * ms) / 1000 }, (_, i) => {
    const pitch = 120 + 60 * Math.sin((2 * Math.PI * i) / 4000);
    phase += (2 * Math.PI * pitch) / RATE;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += (3000 / h) * Math.sin(h * phase);
    return Math.round(v + noise());
  });
}
const hear = (samples: number[], config = {}) => {
  const d = createGreetingEnd(config);
  for (let i = 0; i < samples.length; i += 160) {
    const r = d.push(samples.slice(i, i + 160));
    if (r) return { end: r, atMs: ((i + 160) / RATE) * 1000 };
  }
  return null;
};

describe("the end of a machine's greeting", () => {
  it("is its beep, at any common pitch, within 80 ms of the tone's start", () => {
    for (const hz of [425, 800, 1000, 1400, 2000]) {
      const heard = hear([...voice(2000), ...quiet(200), ...tone(hz, 500)]);
      expect(heard?.end, `${hz} Hz`).toBe("BEEP");
      expect(heard!.atMs, `${hz} Hz`).toBeGreaterThanOrEqual(2200 + 80);
      expect(heard!.atMs, `${hz} Hz`).toBeLessThanOrEqual(2200 + 120);
    }
  });

  it("is not the greeting's voice, nor a click shorter than a beep", () => {
    expect(hear([...voice(4000, 7), ...tone(1000, 40), ...voice(1000, 3)])).toBeNull();
  });

  it("is a pause after the greeting when the machine has no beep", () => {
    expect(hear([...voice(2500), ...quiet(1400)])).toBeNull();
    expect(hear([...voice(2500), ...quiet(2000)])).toEqual({ end: "SILENCE", atMs: 2500 + 1500 });
  });

  it("finds a tone's frequency and share", () => {
    const t = strongestTone(tone(1000, 20));
    expect(t.share).toBeGreaterThan(0.9);
    expect(strongestTone(voice(20)).share).toBeLessThan(0.6);
    expect(strongestTone(quiet(20))).toEqual({ index: -1, share: 0 });
  });
});
