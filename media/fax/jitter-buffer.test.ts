import { describe, expect, it } from "vitest";
import { FaxJitterBuffer, seqDiff } from "./jitter-buffer";

const frame = (n: number) => new Uint8Array([n & 0xff]);
const played = (jb: FaxJitterBuffer, ticks: number) =>
  Array.from({ length: ticks }, () => {
    const p = jb.take();
    return p.kind === "audio" ? p.payload[0] : p.kind;
  });

describe("seqDiff", () => {
  it("is signed 16-bit across the wrap", () => {
    expect(seqDiff(5, 3)).toBe(2);
    expect(seqDiff(3, 5)).toBe(-2);
    expect(seqDiff(1, 65535)).toBe(2);
    expect(seqDiff(65535, 1)).toBe(-2);
    expect(seqDiff(32767, 0)).toBe(32767);
    expect(seqDiff(32768, 0)).toBe(-32768);
  });
});

describe("FaxJitterBuffer", () => {
  it("waits for the playout depth, then plays in sequence order whatever the arrival order", () => {
    const jb = new FaxJitterBuffer(3);
    jb.push(10, frame(10));
    expect(played(jb, 1)).toEqual(["waiting"]);
    jb.push(12, frame(12));
    jb.push(11, frame(11));
    jb.push(13, frame(13));
    expect(played(jb, 4)).toEqual([10, 11, 12, 13]);
  });

  it("reports a missing packet as lost once playing, and a packet after its turn as late", () => {
    const jb = new FaxJitterBuffer(2);
    jb.push(1, frame(1));
    jb.push(3, frame(3));
    expect(played(jb, 3)).toEqual([1, "lost", 3]);
    jb.push(2, frame(2));
    expect(jb.stats).toMatchObject({ lost: 1, late: 1 });
    // an empty buffer while playing: the far end went quiet, the modem keeps filling in
    expect(played(jb, 2)).toEqual(["lost", "lost"]);
  });

  it("plays across the 16-bit wrap and ignores duplicates", () => {
    const jb = new FaxJitterBuffer(2);
    for (const s of [65534, 65535, 65535, 0, 1]) jb.push(s, frame(s));
    expect(played(jb, 4)).toEqual([0xfe, 0xff, 0, 1]);
    expect(jb.stats.duplicates).toBe(1);
  });

  it("drops the oldest when the stream runs too far ahead (a burst after a stall)", () => {
    const jb = new FaxJitterBuffer(2, 4);
    for (let s = 0; s < 12; s++) jb.push(s, frame(s));
    expect(played(jb, 1)).toEqual([5]);
    expect(jb.stats.skipped).toBe(5);
  });

  it("starts over on a jump far ahead (the far end restarted its stream)", () => {
    const jb = new FaxJitterBuffer(1);
    jb.push(100, frame(1));
    expect(played(jb, 1)).toEqual([1]);
    jb.push(5000, frame(2));
    expect(played(jb, 1)).toEqual([2]);
    expect(jb.stats.restarts).toBe(1);
  });
});
