import { describe, expect, it } from "vitest";
import { SILENCE, decode, encode } from "./g711.ts";

describe("G.711", () => {
  for (const law of ["alaw", "ulaw"] as const) {
    it(`${law}: every code decodes and encodes back to itself`, () => {
      const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
      const pcm = new Int32Array(256);
      decode(law, bytes, pcm);
      const back = new Uint8Array(256);
      encode(law, pcm, back);
      // µ-law has two codes for zero (0x7f and 0xff); everything else round-trips exactly.
      const differing = [...bytes].filter((b, i) => back[i] !== b);
      expect(differing.length).toBeLessThanOrEqual(law === "ulaw" ? 1 : 0);
    });
    it(`${law}: silence is silent and loud sums clip instead of wrapping`, () => {
      const pcm = new Int32Array(1);
      decode(law, Uint8Array.of(SILENCE[law]), pcm);
      expect(Math.abs(pcm[0])).toBeLessThan(16);
      const out = new Uint8Array(2);
      encode(law, Int32Array.of(100_000, -100_000), out);
      const back = new Int32Array(2);
      decode(law, out, back);
      expect(back[0]).toBeGreaterThan(30_000);
      expect(back[1]).toBeLessThan(-30_000);
    });
  }
});
