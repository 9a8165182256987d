// A voicemail as a WAV file anyone can play (16-bit PCM, 8 kHz mono: every mail client and browser
// plays it), from the telephone's G.711 bytes or a browser's Ogg Opus (by ffmpeg).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type Law, decode } from "../phone/g711.ts";
import type { TrackFormat } from "../track-recorder.ts";

/** The recorded file (`format` as the recorder wrote it) as a WAV file. */
export async function recordingToWav(format: TrackFormat, file: string, bytes: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (format !== "opus") return g711ToWav(format, await bytes());
  const { stdout } = await promisify(execFile)(
    process.env.FFMPEG_PATH ?? "ffmpeg",
    ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", file, "-ar", "8000", "-ac", "1", "-c:a", "pcm_s16le", "-f", "wav", "pipe:1"],
    { encoding: "buffer", maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
  );
  return new Uint8Array(stdout);
}

export function g711ToWav(law: Law, bytes: Uint8Array): Uint8Array {
  const samples = new Int32Array(bytes.length);
  decode(law, bytes, samples);
  const out = Buffer.alloc(44 + samples.length * 2);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + samples.length * 2, 4);
  out.write("WAVE", 8, "ascii");
  out.write("fmt ", 12, "ascii");
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(8000, 24);
  out.writeUInt32LE(16000, 28); // bytes per second
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34); // bits per sample
  out.write("data", 36, "ascii");
  out.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(Math.max(-32768, Math.min(32767, samples[i])), 44 + i * 2);
  return new Uint8Array(out);
}
