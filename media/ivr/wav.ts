// A voicemail as a WAV file anyone can play (16-bit PCM, 8 kHz mono: every mail client and browser
// plays it), from the telephone's G.711 bytes.
import { type Law, decode } from "../phone/g711.ts";

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
