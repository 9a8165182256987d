// Answering-machine detection on real speech (espeak-ng through ffmpeg to 8 kHz A-law, as a trunk
// sends it) arriving as RTP over UDP: a short "hello" is a person, a recorded greeting a machine.
import dgram from "node:dgram";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { AmdResult } from "../../domain/campaigns/amd.ts";
import { joinAudio, silence, tone } from "../../tests/support/phone/test-phone.ts";
import { needs } from "../../tests/support/system-tools.ts";
import { synthesize } from "../ivr/tts.ts";
import { createGreetingEnd } from "../../domain/campaigns/greeting-end.ts";
import { AmdTap } from "./amd-tap.ts";
import { decode } from "./g711.ts";

const cacheDir = mkdtempSync(path.join(os.tmpdir(), "amd-"));

/** Sends A-law audio as 20 ms RTP packets, paced like a trunk; resolves with the tap's decision. */
async function hear(alaw: Uint8Array, opts: { shuffle?: boolean } = {}): Promise<{ result: AmdResult; sentMs: number }> {
  let result: AmdResult | null = null;
  const tap = new AmdTap("alaw", (r) => (result = r));
  const port = await tap.listen();
  const out = dgram.createSocket("udp4");
  let sent = 0;
  try {
    for (let i = 0; i < alaw.length && !result; i += 160) {
      const seq = i / 160;
      const packet = (n: number) => {
        const header = Buffer.alloc(12);
        header[0] = 0x80;
        header[1] = 8;
        header.writeUInt16BE(n & 0xffff, 2);
        header.writeUInt32BE(n * 160, 4);
        header.writeUInt32BE(0x1234, 8);
        return Buffer.concat([header, alaw.subarray(n * 160, n * 160 + 160)]);
      };
      out.send(packet(seq), port, "127.0.0.1");
      if (opts.shuffle && seq > 2) out.send(packet(seq - 2), port, "127.0.0.1"); // a late duplicate
      sent += 20;
      await new Promise((r) => setTimeout(r, 2)); // faster than real time; order is what counts
    }
    await new Promise((r) => setTimeout(r, 50));
    return { result: result ?? tap.finish(), sentMs: sent };
  } finally {
    out.close();
    tap.close();
  }
}


describe("AmdTap", () => {
  beforeEach(needs("espeak-ng", "ffmpeg"));

  it("hears a person answering in each language", async () => {
    for (const [language, hello] of [
      ["en", "Hello?"],
      ["pl", "Halo?"],
      ["ru", "Алло?"],
    ] as const) {
      const speech = await synthesize(hello, language, { cacheDir });
      const { result } = await hear(joinAudio(silence(400), speech, silence(3000)));
      expect(result, language).toMatchObject({ outcome: "HUMAN", reason: "SILENCE_AFTER_GREETING" });
      expect(result.afterMs, language).toBeLessThan(2500);
    }
  });

  it("hears a machine's greeting, before the greeting ends", async () => {
    const greeting = await synthesize(
      "Hello, you have reached Anna Kowalska. I can't take your call right now. Please leave your name and number after the tone and I will call you back.",
      "en",
      { cacheDir },
    );
    const { result, sentMs } = await hear(joinAudio(silence(300), greeting, silence(1000)), { shuffle: true });
    expect(result.outcome).toBe("MACHINE");
    expect(result.afterMs).toBeLessThan(3000);
    expect(sentMs).toBeLessThan(greeting.length / 8);
  });

  it("is unsure of dead air", async () => {
    const { result } = await hear(silence(4000));
    expect(result).toMatchObject({ outcome: "UNSURE", reason: "INITIAL_SILENCE" });
  });
});

describe("the end of a machine's greeting, on real speech", () => {
  beforeEach(needs("espeak-ng", "ffmpeg"));

  const endOf = (alaw: Uint8Array) => {
    const d = createGreetingEnd();
    const pcm = new Int32Array(160);
    for (let i = 0; i + 160 <= alaw.length; i += 160) {
      decode("alaw", alaw.subarray(i, i + 160), pcm);
      const r = d.push(pcm);
      if (r) return { end: r, atMs: (i + 160) / 8 };
    }
    return null;
  };

  it("is the beep after the greeting in each language, not a vowel of the greeting", async () => {
    for (const [language, text] of [
      ["en", "Hello, you have reached Anna Kowalska. I can't take your call right now. Please leave a message after the tone."],
      ["pl", "Dzień dobry, tu poczta głosowa Jana Nowaka. Proszę zostawić wiadomość po sygnale."],
      ["ru", "Здравствуйте, вы позвонили Ивану Петрову. Оставьте сообщение после сигнала."],
    ] as const) {
      const greeting = await synthesize(text, language, { cacheDir });
      const heard = endOf(joinAudio(greeting, silence(300), tone(400, language === "ru" ? 425 : 1000), silence(500)));
      const beepAt = greeting.length / 8 + 300;
      expect(heard?.end, language).toBe("BEEP");
      expect(heard!.atMs, language).toBeGreaterThan(beepAt);
      expect(heard!.atMs, language).toBeLessThan(beepAt + 150);
    }
  });
});
