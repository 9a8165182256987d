// Speech synthesis for prompts, with the real espeak-ng and ffmpeg: each language is spoken (audio
// of a plausible length, not silence), the result is cached, and failures say what went wrong.
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { fillPrompt } from "../../domain/ivr/speech.ts";
import { needs } from "../../tests/support/system-tools.ts";
import { decode } from "../phone/g711.ts";
import { SpeechError, synthesize } from "./tts.ts";

const cacheDir = mkdtempSync(path.join(os.tmpdir(), "tts-"));

/** Seconds of audio and how loud it is (RMS of 16-bit samples). */
function measure(alaw: Uint8Array) {
  const pcm = new Int32Array(alaw.length);
  decode("alaw", alaw, pcm);
  let sum = 0;
  for (const s of pcm) sum += s * s;
  return { seconds: alaw.length / 8000, rms: Math.sqrt(sum / pcm.length) };
}

describe("synthesize", () => {
  describe("speaking", () => {
    beforeEach(needs("espeak-ng", "ffmpeg"));
    it.each([
      ["pl", fillPrompt("Twój dług wynosi {debt:amount:PLN}. Aby zapłacić, naciśnij 1.", { debt: 125 }, "pl")],
      ["en", fillPrompt("Your balance is {debt:amount:PLN}. To pay, press 1.", { debt: 125 }, "en")],
      ["ru", fillPrompt("Ваш долг {debt:amount:RUB}. Чтобы оплатить, нажмите 1.", { debt: 125 }, "ru")],
    ] as const)("speaks %s", async (language, text) => {
      const audio = await synthesize(text, language, { cacheDir });
      const { seconds, rms } = measure(audio);
      expect(seconds).toBeGreaterThan(2);
      expect(seconds).toBeLessThan(15);
      expect(rms).toBeGreaterThan(500);
    });

    it("makes a prompt once: the second time it comes from the cache", async () => {
      const first = await synthesize("Press 2 for sales.", "en", { cacheDir });
      const files = readdirSync(cacheDir).length;
      // No synthesiser needed the second time.
      const again = await synthesize("Press 2 for sales.", "en", { cacheDir, espeakBin: "/nonexistent/espeak-ng" });
      expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
      expect(readdirSync(cacheDir).length).toBe(files);
    });
  });

  it("refuses empty or overlong text, and says when the synthesiser is missing", async () => {
    await expect(synthesize("  ", "pl", { cacheDir })).rejects.toThrow(SpeechError);
    await expect(synthesize("a".repeat(2001), "pl", { cacheDir })).rejects.toThrow(/at most 2000/);
    await expect(synthesize("Hello", "en", { cacheDir, espeakBin: "/nonexistent/espeak-ng" })).rejects.toThrow(/not installed/);
  });
});
