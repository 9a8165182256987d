import { describe, expect, it } from "vitest";
import { CngDetector } from "./cng.ts";

const RATE = 8000;
/** `seconds` of a tone (amplitude `a`, 0: silence) with a little noise, from a seeded generator. */
function sound(seconds: number, hz: number | number[], a = 6000, noise = 200, seed = 1): number[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  const tones = Array.isArray(hz) ? hz : [hz];
  return Array.from({ length: Math.round(seconds * RATE) }, (_, i) => {
    const t = i / RATE;
    const v = tones.reduce((sum, f) => sum + Math.sin(2 * Math.PI * f * t), 0) / tones.length;
    return Math.round(a * v + noise * rnd());
  });
}
/** Fed in 20 ms packets, as a call's audio comes; returns the second it was heard, or null. */
function heardAt(samples: number[]): number | null {
  const d = new CngDetector();
  for (let i = 0; i < samples.length; i += 160) if (d.push(samples.slice(i, i + 160))) return (i + 160) / RATE;
  return null;
}
const cng = (hz = 1100, on = 0.5) => [...sound(on, hz), ...sound(3, 0)];

describe("CNG detection", () => {
  it("hears a calling fax machine within its first burst, at the tolerance's edges too", () => {
    for (const hz of [1100, 1064, 1136]) {
      const at = heardAt([...sound(0.3, 0), ...cng(hz), ...cng(hz)]);
      expect(at, `${hz} Hz`).not.toBeNull();
      expect(at!).toBeLessThan(0.3 + 0.6);
    }
  });

  it("hears it through a lost packet filled with silence, and quietly on a bad line", () => {
    const burst = sound(0.5, 1100);
    burst.fill(0, 1600, 1760);
    expect(heardAt([...burst, ...sound(3, 0)])).not.toBeNull();
    expect(heardAt([...sound(0.5, 1100, 300, 40), ...sound(1, 0)])).not.toBeNull();
  });

  it("does not take other sounds for it", () => {
    // Another tone, a held note, a short beep, speech-like harmonics, silence, noise.
    expect(heardAt([...sound(0.5, 1000), ...sound(3, 0)])).toBeNull();
    expect(heardAt([...sound(0.5, 1250), ...sound(3, 0)])).toBeNull();
    expect(heardAt([...sound(2.5, 1100), ...sound(1, 0)])).toBeNull();
    expect(heardAt([...sound(0.2, 1100), ...sound(1, 0)])).toBeNull();
    expect(heardAt([...sound(0.5, [220, 440, 660, 880, 1100, 1320]), ...sound(1, 0)])).toBeNull();
    expect(heardAt(sound(3, 0))).toBeNull();
    expect(heardAt(sound(3, 0, 0, 3000))).toBeNull();
  });
});
