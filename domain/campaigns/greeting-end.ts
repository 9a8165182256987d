// When an answering machine's greeting is over, so that the campaign's message is recorded whole
// rather than talked over: its beep (a steady tone, 80 ms or more, anywhere from 350 to 2100 Hz —
// machines and network voicemail differ), or, for machines without one, a pause after the greeting
// (nothing said for `silenceMs`). The media node feeds it the called side's audio after the
// detector said MACHINE and plays the message when it answers (or after a wait limit of its own).
import { AMD_DEFAULTS } from "./amd.ts";

export type GreetingEnd = "BEEP" | "SILENCE";

export interface GreetingEndConfig {
  /** A tone held this long is a beep. */
  beepMs: number;
  /** Of a frame's energy, the share the strongest frequency must hold to be a tone (speech spreads). */
  toneShare: number;
  /** Nothing said for this long, after the greeting: it is over (a machine without a beep). */
  silenceMs: number;
  /** Average absolute amplitude (16-bit) above which a 20 ms frame is sound. */
  soundLevel: number;
}

export const GREETING_END_DEFAULTS: GreetingEndConfig = { beepMs: 80, toneShare: 0.6, silenceMs: 1500, soundLevel: AMD_DEFAULTS.speechLevel };

const RATE = 8000;
const FRAME = 160; // 20 ms
const FRAME_MS = 20;
/** The frequencies tried (Hz): 350–2100 in 25-Hz steps, half a 20-ms frame's resolution, so a tone
 * between two of them still shows most of its energy in one. */
const FREQS = Array.from({ length: 71 }, (_, i) => 350 + i * 25);
const COEFFS = FREQS.map((f) => 2 * Math.cos((2 * Math.PI * f) / RATE));

/** The strongest tried frequency's index and its share of the frame's energy (Goertzel). */
export function strongestTone(frame: ArrayLike<number>): { index: number; share: number } {
  let energy = 0;
  for (let i = 0; i < frame.length; i++) energy += frame[i] * frame[i];
  if (energy === 0) return { index: -1, share: 0 };
  let best = -1;
  let bestPower = 0;
  for (let k = 0; k < COEFFS.length; k++) {
    const coeff = COEFFS[k];
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < frame.length; i++) {
      const s0 = frame[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    if (power > bestPower) {
      bestPower = power;
      best = k;
    }
  }
  // A pure tone of the frame's energy E gives power ≈ E·N/2 at its frequency.
  return { index: best, share: Math.min(1, (2 * bestPower) / (frame.length * energy)) };
}

export interface GreetingEndDetector {
  /** More audio (8 kHz, 16-bit values); the end once heard (then it stays heard). */
  push(samples: ArrayLike<number>): GreetingEnd | null;
}

export function createGreetingEnd(overrides: Partial<GreetingEndConfig> = {}): GreetingEndDetector {
  const c = { ...GREETING_END_DEFAULTS, ...overrides };
  const frame = new Float64Array(FRAME);
  let filled = 0;
  let level = 0;
  let toneIndex = -1;
  let toneRun = 0;
  let silenceRun = 0;
  let result: GreetingEnd | null = null;

  function onFrame() {
    const sound = level / FRAME > c.soundLevel;
    if (!sound) {
      toneRun = 0;
      toneIndex = -1;
      silenceRun += FRAME_MS;
      if (silenceRun >= c.silenceMs) result = "SILENCE";
      return;
    }
    silenceRun = 0;
    const tone = strongestTone(frame);
    // The same frequency (or its neighbour) frame after frame: one held tone.
    if (tone.share >= c.toneShare && (toneIndex < 0 || Math.abs(tone.index - toneIndex) <= 2)) {
      toneIndex = tone.index;
      toneRun += FRAME_MS;
      if (toneRun >= c.beepMs) result = "BEEP";
    } else {
      toneIndex = tone.share >= c.toneShare ? tone.index : -1;
      toneRun = tone.share >= c.toneShare ? FRAME_MS : 0;
    }
  }

  return {
    push(samples) {
      for (let i = 0; i < samples.length && !result; i++) {
        frame[filled++] = samples[i];
        level += Math.abs(samples[i]);
        if (filled < FRAME) continue;
        onFrame();
        filled = 0;
        level = 0;
      }
      return result;
    },
  };
}
