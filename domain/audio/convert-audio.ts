// An uploaded sound in whatever format the admin had (WAV, MP3, Ogg, M4A, FLAC…) turned, once, into
// what telephones play (8 kHz mono A-law, raw) and what browsers play (Ogg Opus, 48 kHz mono, 20 ms
// packets — media/music-player.ts sends those packets as they are). One ffmpeg run makes both.
// ffmpeg reads only the demuxers listed below and only local files: a "sound" that is really an
// HLS playlist or a concat list cannot make it read other files or the network.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DomainError } from "../shared/errors.ts";

export const AUDIO_KINDS = ["PROMPT", "MUSIC"] as const;
export type AudioKind = (typeof AUDIO_KINDS)[number];

/** The largest upload taken (bytes). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** How long a sound may last: a prompt is a few sentences, music loops. */
export const MAX_DURATION_MS: Record<AudioKind, number> = { PROMPT: 5 * 60_000, MUSIC: 15 * 60_000 };
/** Shorter than this is no sound at all (a tenth of a second). */
const MIN_DURATION_MS = 100;
const TIMEOUT_MS = 120_000;
/** Conversions at once in this process; more wait their turn (each is one ffmpeg at full speed). */
const AT_ONCE = 2;

const DEMUXERS = ["wav", "w64", "mp3", "ogg", "mov", "flac", "aac", "matroska", "asf", "aiff", "amr", "caf", "au", "wv", "ape", "ac3"].join(",");

export interface ConvertedAudio {
  /** 8 kHz mono A-law, 8 bytes a millisecond. */
  alaw: Uint8Array<ArrayBuffer>;
  /** Ogg Opus, 48 kHz mono, 32 kbit/s, 20 ms packets. */
  opus: Uint8Array<ArrayBuffer>;
  durationMs: number;
}

const reasons = {
  AUDIO_EMPTY: "The file is empty or has no sound in it",
  AUDIO_UNREADABLE: "This file is not a sound file in a format we can read (WAV, MP3, Ogg, M4A, FLAC…)",
  AUDIO_NO_SOUND: "This file has no sound in it",
  AUDIO_CONVERSION_FAILED: "The sound could not be converted",
} as const;
const refused = (reason: keyof typeof reasons, extra: Record<string, unknown> = {}) =>
  new DomainError("INVALID_INPUT", reasons[reason], { reason, fields: [{ path: "file", code: reason.toLowerCase(), message: reasons[reason] }], ...extra });

let running = 0;
const waiting: (() => void)[] = [];
async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function ffmpeg(args: string[], bin: string): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new DomainError(
          "UNAVAILABLE",
          e.code === "ENOENT" ? `${bin} is not installed on the server (or set FFMPEG_PATH)` : `${bin} could not run: ${e.message}`,
          {
            reason: "AUDIO_CONVERSION_FAILED",
          },
        ),
      );
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

/**
 * Converts an uploaded sound; refuses (INVALID_INPUT with a reason) a file that is empty, not a
 * sound ffmpeg reads, has no audio stream or lasts longer than `maxMs`. Nothing is kept on disk.
 */
export async function convertAudio(bytes: Uint8Array, opts: { maxMs: number; ffmpegBin?: string }): Promise<ConvertedAudio> {
  if (bytes.length === 0) throw refused("AUDIO_EMPTY");
  return turn(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "audio-"));
    try {
      // Named without the sender's extension: ffmpeg goes by what the bytes are.
      const input = path.join(dir, "input");
      const alawFile = path.join(dir, "out.alaw");
      const opusFile = path.join(dir, "out.ogg");
      await writeFile(input, bytes);
      // A little past the limit, so "too long" is told apart from "just long enough" while the
      // output (and the work) stays bounded whatever the file claims.
      const limit = ((opts.maxMs + 1000) / 1000).toFixed(3);
      const args = [
        ...["-hide_banner", "-loglevel", "error", "-nostdin", "-y"],
        ...["-protocol_whitelist", "file", "-format_whitelist", DEMUXERS, "-i", input],
        ...["-map", "0:a:0", "-t", limit, "-vn", "-ac", "1", "-ar", "8000", "-f", "alaw", alawFile],
        ...["-map", "0:a:0", "-t", limit, "-vn", "-ac", "1", "-ar", "48000", "-c:a", "libopus", "-b:a", "32k", "-frame_duration", "20", "-f", "ogg", opusFile],
      ];
      const run = await ffmpeg(args, opts.ffmpegBin ?? process.env.FFMPEG_PATH ?? "ffmpeg");
      if (run.timedOut) throw new DomainError("UNAVAILABLE", "Converting the sound took too long", { reason: "AUDIO_CONVERSION_FAILED" });
      if (run.code !== 0) {
        if (/matches no streams|does not contain any stream/i.test(run.stderr)) throw refused("AUDIO_NO_SOUND");
        if (/Invalid data found|not on whitelist|Invalid argument|could not find codec|unknown format|End of file/i.test(run.stderr))
          throw refused("AUDIO_UNREADABLE");
        throw refused("AUDIO_CONVERSION_FAILED", { detail: run.stderr.trim().slice(-300) });
      }
      const alaw = new Uint8Array(await readFile(alawFile));
      const opus = new Uint8Array(await readFile(opusFile));
      const durationMs = Math.round(alaw.length / 8);
      if (durationMs < MIN_DURATION_MS) throw refused("AUDIO_EMPTY");
      if (durationMs > opts.maxMs) {
        const minutes = Math.round(opts.maxMs / 60_000);
        throw new DomainError("INVALID_INPUT", `The sound is too long: at most ${minutes} minutes`, {
          reason: "AUDIO_TOO_LONG",
          maxMinutes: minutes,
          fields: [{ path: "file", code: "audio_too_long", message: `at most ${minutes} minutes`, params: { maximum: minutes } }],
        });
      }
      return { alaw, opus, durationMs };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
