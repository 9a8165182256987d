// G.711 (ITU-T): 8-bit A-law and µ-law samples to and from 16-bit linear PCM, by table. Used by the
// phone mixer to add voices together and to give each telephone its own law; the trunk's audio
// itself is never re-encoded.
export type Law = "alaw" | "ulaw";

/** Their static RTP payload types (RFC 3551): PCMA 8, PCMU 0 — the same on every trunk. */
export const PAYLOAD_TYPE: Record<Law, number> = { alaw: 8, ulaw: 0 };

function alawToLinear(a: number): number {
  a ^= 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

function ulawToLinear(u: number): number {
  u = ~u & 0xff;
  let t = ((u & 0x0f) << 3) + 0x84;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

const A_SEG_END = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];
const U_SEG_END = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const search = (v: number, table: number[]) => {
  for (let i = 0; i < 8; i++) if (v <= table[i]) return i;
  return 8;
};

function linearToAlaw(pcm: number): number {
  pcm >>= 3;
  let mask = 0xd5;
  if (pcm < 0) {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  const seg = search(pcm, A_SEG_END);
  if (seg >= 8) return 0x7f ^ mask;
  const a = (seg << 4) | (seg < 2 ? (pcm >> 1) & 0x0f : (pcm >> seg) & 0x0f);
  return a ^ mask;
}

function linearToUlaw(pcm: number): number {
  pcm >>= 2;
  let mask = 0xff;
  if (pcm < 0) {
    pcm = -pcm;
    mask = 0x7f;
  }
  pcm = Math.min(pcm, 8159) + (0x84 >> 2);
  const seg = search(pcm, U_SEG_END);
  if (seg >= 8) return 0x7f ^ mask;
  return ((seg << 4) | ((pcm >> (seg + 1)) & 0x0f)) ^ mask;
}

const DECODE: Record<Law, Int16Array> = {
  alaw: Int16Array.from({ length: 256 }, (_, i) => alawToLinear(i)),
  ulaw: Int16Array.from({ length: 256 }, (_, i) => ulawToLinear(i)),
};
const ENCODE: Record<Law, Uint8Array> = {
  alaw: Uint8Array.from({ length: 65536 }, (_, i) => linearToAlaw(i - 32768)),
  ulaw: Uint8Array.from({ length: 65536 }, (_, i) => linearToUlaw(i - 32768)),
};

/** The byte a silent sample encodes to. */
export const SILENCE: Record<Law, number> = { alaw: 0xd5, ulaw: 0xff };

export function decode(law: Law, bytes: Uint8Array, out: Int32Array, add = false) {
  const t = DECODE[law];
  for (let i = 0; i < bytes.length; i++) out[i] = (add ? out[i] : 0) + t[bytes[i]];
}

export function encode(law: Law, pcm: Int32Array, out: Uint8Array) {
  const t = ENCODE[law];
  for (let i = 0; i < out.length; i++) {
    const v = pcm[i] > 32767 ? 32767 : pcm[i] < -32768 ? -32768 : pcm[i];
    out[i] = t[v + 32768];
  }
}

export const lawOf = (mimeType: string): Law | null =>
  mimeType.toLowerCase() === "audio/pcma" ? "alaw" : mimeType.toLowerCase() === "audio/pcmu" ? "ulaw" : null;
