// A prompt for browsers: the telephone audio the IVR makes (8 kHz A-law: synthesised or uploaded)
// turned into Opus packets by ffmpeg, kept in memory by content (a flow's prompts repeat).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { opusPacketsFromOgg } from "../ogg-opus.ts";

const cache = new Map<string, Promise<Uint8Array[]>>();
const MAX_CACHED = 300;

export function opusPrompt(alaw: Uint8Array): Promise<Uint8Array[]> {
  const key = createHash("sha256").update(alaw).digest("hex");
  let packets = cache.get(key);
  if (!packets) {
    packets = encode(alaw);
    packets.catch(() => cache.delete(key));
    cache.set(key, packets);
    // Oldest out first: a Map keeps insertion order.
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return packets;
}

function encode(alaw: Uint8Array): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const ff = spawn(process.env.FFMPEG_PATH ?? "ffmpeg", [
      ...["-hide_banner", "-loglevel", "error", "-f", "alaw", "-ar", "8000", "-ac", "1", "-i", "pipe:0"],
      ...["-c:a", "libopus", "-b:a", "24k", "-application", "voip", "-frame_duration", "20", "-compression_level", "3", "-ar", "48000", "-ac", "1", "-f", "ogg", "pipe:1"],
    ]);
    const out: Buffer[] = [];
    let err = "";
    const limit = setTimeout(() => ff.kill("SIGKILL"), 20_000);
    ff.stdout.on("data", (c: Buffer) => out.push(c));
    ff.stderr.on("data", (c: Buffer) => (err += c).length > 2000 && (err = err.slice(-2000)));
    ff.on("error", (e) => (clearTimeout(limit), reject(e)));
    ff.on("close", (code) => {
      clearTimeout(limit);
      if (code !== 0) return reject(new Error(`ffmpeg could not make the prompt's Opus audio (${code}): ${err.trim()}`));
      resolve(opusPacketsFromOgg(new Uint8Array(Buffer.concat(out))));
    });
    ff.stdin.on("error", () => {});
    ff.stdin.end(Buffer.from(alaw));
  });
}
