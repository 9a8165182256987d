// Converting uploads with the real ffmpeg: inputs are made by ffmpeg here (a 2 s tone in common
// formats), and what is refused is refused with the reason the admin reads.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { makeAudio, tone } from "../../tests/support/audio-files.ts";
import { needs } from "../../tests/support/system-tools.ts";
import { DomainError } from "../shared/errors.ts";
import { MAX_DURATION_MS, convertAudio } from "./convert-audio.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "convert-audio-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const make = (name: string, source: string, options: string[]) => makeAudio(name, source, options, dir);

async function refusal(work: Promise<unknown>): Promise<{ code: string; reason: unknown; message: string }> {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  const d = e as DomainError;
  return { code: d.code, reason: d.details.reason, message: d.message };
}

// ffmpeg at full speed on a small machine: seconds, not milliseconds.
describe("convertAudio", { timeout: 60_000 }, () => {
  beforeEach(needs("ffmpeg"));
  it.each([
    ["an MP3", () => make("tone.mp3", tone(2), ["-c:a", "libmp3lame", "-b:a", "128k"])],
    ["a 44.1 kHz stereo WAV", () => make("tone.wav", tone(2), ["-ac", "2", "-ar", "44100"])],
    ["an M4A (AAC)", () => make("tone.m4a", tone(2), ["-c:a", "aac"])],
    ["a FLAC", () => make("tone.flac", tone(2), [])],
  ])("turns %s into 8 kHz A-law and Ogg Opus of the same length", async (_what, input) => {
    const out = await convertAudio(input(), { maxMs: MAX_DURATION_MS.PROMPT });
    // 2 s at 8000 one-byte samples a second (AAC and MP3 may carry a few ms of padding).
    expect(Math.abs(out.alaw.length - 16_000)).toBeLessThanOrEqual(400);
    expect(Math.abs(out.durationMs - 2000)).toBeLessThanOrEqual(50);
    expect(Buffer.from(out.opus.subarray(0, 4)).toString("ascii")).toBe("OggS");
    expect(Buffer.from(out.opus).includes(Buffer.from("OpusHead"))).toBe(true);
    // A tone, not silence: A-law silence is 0xd5 / 0x55 throughout.
    expect(new Set(out.alaw).size).toBeGreaterThan(20);
  });

  it("refuses a text file named .mp3 as not a sound it can read", async () => {
    const r = await refusal(convertAudio(new TextEncoder().encode("This is a shopping list, not a song.\n".repeat(40)), { maxMs: 60_000 }));
    expect(r).toMatchObject({ code: "INVALID_INPUT", reason: "AUDIO_UNREADABLE" });
    expect(r.message).toMatch(/not a sound file/);
  });

  it("refuses an empty file, and a video without sound", async () => {
    expect(await refusal(convertAudio(new Uint8Array(0), { maxMs: 60_000 }))).toMatchObject({ reason: "AUDIO_EMPTY" });
    const video = make("silent.mkv", "color=red:size=32x32:duration=1", ["-c:v", "ffv1"]);
    expect(await refusal(convertAudio(video, { maxMs: 60_000 }))).toMatchObject({ reason: "AUDIO_NO_SOUND" });
  });

  it("refuses a playlist that would make ffmpeg read another file", async () => {
    const secret = path.join(dir, "tone.mp3");
    const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n${secret}\n#EXT-X-ENDLIST\n`;
    expect(await refusal(convertAudio(new TextEncoder().encode(playlist), { maxMs: 60_000 }))).toMatchObject({ reason: "AUDIO_UNREADABLE" });
  });

  it("refuses a prompt longer than 5 minutes, saying the limit", async () => {
    const long = make("long.wav", "anullsrc=sample_rate=8000:channel_layout=mono", ["-t", "302", "-c:a", "pcm_u8"]);
    const r = await refusal(convertAudio(long, { maxMs: MAX_DURATION_MS.PROMPT }));
    expect(r).toMatchObject({ code: "INVALID_INPUT", reason: "AUDIO_TOO_LONG" });
    expect(r.message).toContain("at most 5 minutes");
    // The same file is fine as music (up to 15 minutes).
    expect((await convertAudio(long, { maxMs: MAX_DURATION_MS.MUSIC })).durationMs).toBe(302_000);
  });
});
