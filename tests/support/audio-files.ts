// Sound files for tests, made by the real ffmpeg from its test sources: a tone in a common format,
// silence of a given length — what an admin's recording program would save.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A file made by ffmpeg from a lavfi source (`-f lavfi -i <source>`) with these output options;
 * `name`'s extension picks the format. */
export function makeAudio(name: string, source: string, options: string[] = [], dir = mkdtempSync(path.join(os.tmpdir(), "audio-fixture-"))): Uint8Array<ArrayBuffer> {
  const file = path.join(dir, name);
  const r = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source, ...options, file]);
  if (r.status !== 0) throw new Error(`ffmpeg could not make ${name}: ${r.stderr}`);
  return new Uint8Array(readFileSync(file));
}

/** `seconds` of a 440 Hz tone at 44.1 kHz, as the lavfi source to give makeAudio. */
export const tone = (seconds: number) => `sine=frequency=440:sample_rate=44100:duration=${seconds}`;

/** `seconds` of a 440 Hz tone at 44.1 kHz stereo in the format of `name` (.wav, .mp3…). */
export const toneFile = (name: string, seconds = 2, dir?: string) => makeAudio(name, tone(seconds), ["-ac", "2", "-ar", "44100"], dir);
