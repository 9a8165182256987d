// Hearing a calling fax machine: its CNG tone (ITU-T T.30) is 1100 Hz ± 38 Hz, on for 0.5 s and
// off for 3 s, repeated until something answers it. A voice caller makes no such sound: speech has
// many harmonics and never holds one pure tone for half a second; music on a caller's side rarely
// sits within 38 Hz of 1100 for that long and then stops.
//
// The audio (8 kHz linear PCM, any block size) is cut into 10 ms blocks; a block "is tone" when
// almost all of its energy is near 1100 Hz (Goertzel at 1062, 1100 and 1138 Hz: with 80 samples
// each probe is ±25 Hz wide, so the three cover the tolerance) and it is loud enough to be more than
// line noise. A run of tone blocks as long as a CNG burst (0.35–0.8 s) that then stops is CNG; a
// longer run (a dial tone, a held note) is not, and neither is a short one.
const RATE = 8000;
const BLOCK = 80;
const PROBES = [1062, 1100, 1138].map((f) => 2 * Math.cos((2 * Math.PI * f) / RATE));
/** Share of a block's energy that must be at the probes for it to count as tone. */
const PURITY = 0.6;
/** Below this mean square (about −50 dBm0) a block is silence, whatever its shape. */
const FLOOR = 40 * 40;
const MIN_BLOCKS = 35;
const MAX_BLOCKS = 80;
/** A block or two of something else inside a burst (a lost packet filled with silence) is forgiven. */
const GAP_BLOCKS = 2;

export class CngDetector {
  private readonly block = new Float64Array(BLOCK);
  private filled = 0;
  /** Tone blocks in the current run, and non-tone blocks since its last tone block. */
  private run = 0;
  private gap = 0;
  private heard = false;

  /** Feeds audio; true once CNG has been heard (and from then on). */
  push(pcm: ArrayLike<number>): boolean {
    for (let i = 0; i < pcm.length && !this.heard; i++) {
      this.block[this.filled++] = pcm[i]!;
      if (this.filled === BLOCK) {
        this.filled = 0;
        this.step(isTone(this.block));
      }
    }
    return this.heard;
  }

  get detected(): boolean {
    return this.heard;
  }

  private step(tone: boolean) {
    if (tone) {
      this.run += this.gap + 1;
      this.gap = 0;
      return;
    }
    if (!this.run) return;
    if (++this.gap <= GAP_BLOCKS) return;
    if (this.run >= MIN_BLOCKS && this.run <= MAX_BLOCKS) this.heard = true;
    this.run = 0;
    this.gap = 0;
  }
}

/** Whether a 10 ms block is (nearly) pure 1100 Hz and above the noise floor. */
export function isTone(x: Float64Array): boolean {
  let energy = 0;
  for (const v of x) energy += v * v;
  if (energy / x.length < FLOOR) return false;
  let best = 0;
  for (const coeff of PROBES) {
    let s1 = 0;
    let s2 = 0;
    for (const v of x) {
      const s = v + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    best = Math.max(best, s1 * s1 + s2 * s2 - coeff * s1 * s2);
  }
  // A pure tone at a probe's frequency gives power N/2 × its energy: the share is 1.
  return (2 * best) / (x.length * energy) >= PURITY;
}
