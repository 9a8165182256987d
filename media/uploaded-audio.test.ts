// What an upload is converted into is what the media role can play: the Ogg Opus parses into the
// 20 ms packets MusicPlayer sends one by one, the A-law is what the phone mixer takes.
import { beforeEach, describe, expect, it } from "vitest";
import { makeAudio, tone } from "../tests/support/audio-files.ts";
import { needs } from "../tests/support/system-tools.ts";
import { convertAudio } from "../domain/audio/convert-audio.ts";
import { opusPacketsFromOgg, opusSamples } from "./ogg-opus.ts";

describe("uploaded sounds for the media role", { timeout: 30_000 }, () => {
  beforeEach(needs("ffmpeg"));
  it("a 2 s MP3 becomes about 100 Opus packets of 20 ms each, and about 16 000 A-law bytes", async () => {
    const mp3 = makeAudio("tone.mp3", tone(2), ["-c:a", "libmp3lame"]);
    const out = await convertAudio(mp3, { maxMs: 60_000 });
    const packets = opusPacketsFromOgg(out.opus);
    expect(packets.length).toBeGreaterThanOrEqual(99);
    expect(packets.length).toBeLessThanOrEqual(103);
    // Every packet 20 ms at 48 kHz: the player's clock (one packet every 20 ms) keeps time.
    expect(new Set(packets.map(opusSamples))).toEqual(new Set([960]));
    // MP3 carries its encoder's delay (a few hundredths of a second) into the decoded sound.
    expect(Math.abs(out.alaw.length - 16_000)).toBeLessThanOrEqual(400);
  });
});
