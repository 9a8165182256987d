// Answering-machine detection: is it a person or a machine that answered a campaign's call? Judged
// from the first seconds of what the called side says, by its cadence, the way Asterisk's AMD and
// most dialers do. A person answers with a word or two ("Hello?", "Yes, speaking") and then waits
// for us; a machine plays a greeting: long speech, many words, no pause for an answer. Pure: fed
// with 8 kHz 16-bit samples as they arrive (media/phone/amd-tap.ts decodes the call's RTP), it
// decides as soon as the cadence tells, or UNSURE when the analysis time runs out.

export type AmdOutcome = "HUMAN" | "MACHINE" | "UNSURE";

export type AmdReason =
  /** Spoke briefly, then waited (a person waiting for us to speak). */
  | "SILENCE_AFTER_GREETING"
  /** Spoke without a break for longer than a person answering does. */
  | "LONG_GREETING"
  /** Said more words before pausing than a person answering does. */
  | "MANY_WORDS"
  /** Said nothing at all for too long (dead air, a fax, a silent machine). */
  | "INITIAL_SILENCE"
  /** Still no decision when the analysis time ran out. */
  | "TOO_LONG"
  /** The audio ended (the call was hung up) before a decision. */
  | "ENDED";

export interface AmdResult {
  outcome: AmdOutcome;
  reason: AmdReason;
  /** Milliseconds of audio heard when it decided. */
  afterMs: number;
  words: number;
  /** Milliseconds of speech heard. */
  speechMs: number;
}

export interface AmdConfig {
  /** No word (clicks and breaths aside) for this long from the answer: UNSURE (INITIAL_SILENCE). */
  initialSilenceMs: number;
  /** Speech (in all) longer than this before a pause: a machine's greeting. */
  greetingMs: number;
  /** A pause this long after the first words: a person waiting for us. */
  afterGreetingSilenceMs: number;
  /** The longest the decision may take. */
  totalAnalysisMs: number;
  /** Speech shorter than this is a click or a breath, not a word. */
  minWordMs: number;
  /** A pause at least this long ends a word. */
  betweenWordsSilenceMs: number;
  /** This many words before a pause: a machine. */
  maxWords: number;
  /** Average absolute amplitude (16-bit) above which a 20 ms frame is speech. */
  speechLevel: number;
}

/** Asterisk's AMD defaults, but three words (not two) for a machine: "Yes, hello" is a person. */
export const AMD_DEFAULTS: AmdConfig = {
  initialSilenceMs: 2500,
  greetingMs: 1500,
  afterGreetingSilenceMs: 800,
  totalAnalysisMs: 5000,
  minWordMs: 100,
  betweenWordsSilenceMs: 50,
  maxWords: 3,
  speechLevel: 256,
};

const FRAME_MS = 20;
const FRAME = 160; // samples at 8 kHz

export interface Amd {
  /** More audio (8 kHz, 16-bit values); the result once decided (then it stays decided). */
  push(samples: ArrayLike<number>): AmdResult | null;
  /** The call ended or the audio stopped: the decision now. */
  finish(): AmdResult;
}

export function createAmd(overrides: Partial<AmdConfig> = {}): Amd {
  const c = { ...AMD_DEFAULTS, ...overrides };
  let result: AmdResult | null = null;
  let frame = 0;
  let level = 0;
  let elapsed = 0;
  let speech = 0;
  let words = 0;
  let voiceRun = 0;
  let silenceRun = 0;
  let inWord = false;

  const decide = (outcome: AmdOutcome, reason: AmdReason) => (result = { outcome, reason, afterMs: elapsed, words, speechMs: speech });

  function onFrame(voiced: boolean) {
    elapsed += FRAME_MS;
    if (voiced) {
      voiceRun += FRAME_MS;
      speech += FRAME_MS;
      silenceRun = 0;
      if (!inWord && voiceRun >= c.minWordMs) {
        inWord = true;
        words++;
        if (words >= c.maxWords) return decide("MACHINE", "MANY_WORDS");
      }
      if (speech >= c.greetingMs) return decide("MACHINE", "LONG_GREETING");
    } else {
      silenceRun += FRAME_MS;
      voiceRun = 0;
      if (inWord && silenceRun >= c.betweenWordsSilenceMs) inWord = false;
      if (words === 0 && elapsed >= c.initialSilenceMs) return decide("UNSURE", "INITIAL_SILENCE");
      if (words > 0 && silenceRun >= c.afterGreetingSilenceMs) return decide("HUMAN", "SILENCE_AFTER_GREETING");
    }
    if (elapsed >= c.totalAnalysisMs) decide("UNSURE", "TOO_LONG");
  }

  return {
    push(samples) {
      for (let i = 0; i < samples.length && !result; i++) {
        level += Math.abs(samples[i]);
        if (++frame < FRAME) continue;
        onFrame(level / FRAME > c.speechLevel);
        frame = 0;
        level = 0;
      }
      return result;
    },
    finish() {
      return result ?? decide("UNSURE", "ENDED");
    },
  };
}
