// Two sides of a call, one file each (Ogg Opus, or raw A-law / µ-law for telephones), into one stereo file for playback in a browser:
// left the customer, right the agent. ffmpeg (Debian's) does the decoding, mixing and encoding.
import { spawn } from "node:child_process";

export class MixError extends Error {}

export function mixStereo(left: string, right: string, out: string, seconds: number, ffmpeg = process.env.FFMPEG_PATH ?? "ffmpeg"): Promise<void> {
  // Raw G.711 carries no header: say what it is.
  const input = (file: string) => (/\.(alaw|ulaw)$/.test(file) ? ["-f", file.endsWith("alaw") ? "alaw" : "mulaw", "-ar", "8000", "-ac", "1", "-i", file] : ["-i", file]);
  const args = [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    ...input(left),
    ...input(right),
    "-filter_complex",
    // Both sides padded to the call's length, then one channel each.
    "[0:a]apad[l];[1:a]apad[r];[l][r]amerge=inputs=2[a]",
    "-map",
    "[a]",
    "-t",
    seconds.toFixed(3),
    "-ac",
    "2",
    "-c:a",
    "libopus",
    "-b:a",
    "48k",
    "-f",
    "ogg",
    out,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => reject(new MixError(`ffmpeg could not run (${e.message}); install it (apt-get install ffmpeg) or set FFMPEG_PATH`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new MixError(`ffmpeg failed (${code}): ${err.trim().slice(0, 500)}`))));
  });
}

/** Channels and duration of an audio file, as ffprobe reads it. */
export function probeAudio(file: string, ffprobe = process.env.FFPROBE_PATH ?? "ffprobe"): Promise<{ channels: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffprobe, ["-v", "error", "-show_entries", "stream=channels:format=duration", "-of", "json", file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new MixError(`ffprobe failed on ${file}`));
      const j = JSON.parse(out) as { streams: { channels: number }[]; format: { duration: string } };
      resolve({ channels: j.streams[0]?.channels ?? 0, seconds: Number(j.format.duration) });
    });
  });
}
