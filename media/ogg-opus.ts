// Opus packets into an Ogg Opus stream (RFC 7845), as they come off the call: no decoding, no
// re-encoding, just framing — one page per packet, granule positions counting 48 kHz samples.
// Pure functions; the recorder writes what they return.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let crc = 0;
  for (const b of data) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]) >>> 0;
  return crc;
}

export const PAGE_BOS = 0x02;
export const PAGE_EOS = 0x04;

/** One Ogg page holding one packet. */
export function oggPage(packet: Uint8Array, o: { granule: bigint; serial: number; sequence: number; flags?: number }): Buffer {
  const segments: number[] = [];
  let left = packet.length;
  while (left >= 255) {
    segments.push(255);
    left -= 255;
  }
  segments.push(left);
  const header = Buffer.alloc(27 + segments.length);
  header.write("OggS", 0, "ascii");
  header[4] = 0;
  header[5] = o.flags ?? 0;
  header.writeBigInt64LE(o.granule, 6);
  header.writeUInt32LE(o.serial >>> 0, 14);
  header.writeUInt32LE(o.sequence >>> 0, 18);
  header.writeUInt32LE(0, 22);
  header[26] = segments.length;
  segments.forEach((s, i) => (header[27 + i] = s));
  const page = Buffer.concat([header, packet]);
  page.writeUInt32LE(crc32(page), 22);
  return page;
}

/** The identification header: mono (one side of a call), 48 kHz. */
export function opusHead(channels = 1): Buffer {
  const b = Buffer.alloc(19);
  b.write("OpusHead", 0, "ascii");
  b[8] = 1;
  b[9] = channels;
  b.writeUInt16LE(0, 10); // pre-skip: packets from a live call carry no encoder priming to drop
  b.writeUInt32LE(48000, 12);
  b.writeInt16LE(0, 16);
  b[18] = 0;
  return b;
}

export function opusTags(vendor = "centrala"): Buffer {
  const v = Buffer.from(vendor, "utf8");
  const b = Buffer.alloc(8 + 4 + v.length + 4);
  b.write("OpusTags", 0, "ascii");
  b.writeUInt32LE(v.length, 8);
  v.copy(b, 12);
  b.writeUInt32LE(0, 12 + v.length);
  return b;
}

/** How many 48 kHz samples an Opus packet holds (RFC 6716 §3.1: its TOC byte and frame count). */
export function opusSamples(packet: Uint8Array): number {
  if (!packet.length) return 0;
  const toc = packet[0];
  const config = toc >> 3;
  const frameMs = config < 12 ? [10, 20, 40, 60][config & 3] : config < 16 ? [10, 20][config & 1] : [2.5, 5, 10, 20][config & 3];
  const code = toc & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : packet.length > 1 ? packet[1] & 0x3f : 0;
  return Math.round(frames * frameMs * 48);
}

/** 20 ms of silence (CELT, full band): fills the gaps where nothing arrived or recording paused. */
export const SILENCE_20MS = Uint8Array.from([0xf8, 0xff, 0xfe]);

/** The Opus payload of an RTP packet (header, CSRCs, extension and padding removed), with its
 * timestamp; null when it is not RTP — RTCP shares the port (rtcp-mux) and is told apart by its
 * packet type, 192–223 in the second byte (RFC 5761 §4). */
export function rtpPayload(packet: Uint8Array): { payloadType: number; timestamp: number; sequence: number; payload: Uint8Array } | null {
  if (packet.length < 12 || packet[0] >> 6 !== 2) return null;
  if (packet[1] >= 192 && packet[1] <= 223) return null;
  const csrc = packet[0] & 0x0f;
  let offset = 12 + csrc * 4;
  if (packet[0] & 0x10) {
    if (packet.length < offset + 4) return null;
    offset += 4 + ((packet[offset + 2] << 8) | packet[offset + 3]) * 4;
  }
  let end = packet.length;
  if (packet[0] & 0x20) end -= packet[end - 1];
  if (offset >= end) return null;
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  return { payloadType: packet[1] & 0x7f, sequence: view.getUint16(2), timestamp: view.getUint32(4), payload: packet.subarray(offset, end) };
}

/** The audio packets of an Ogg Opus file (its two header packets left out), in order. */
export function opusPacketsFromOgg(file: Uint8Array): Uint8Array[] {
  const packets: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let offset = 0;
  while (offset + 27 <= file.length) {
    if (file[offset] !== 0x4f || file[offset + 1] !== 0x67 || file[offset + 2] !== 0x67 || file[offset + 3] !== 0x53) throw new Error("not an Ogg file");
    const segments = file[offset + 26];
    const table = file.subarray(offset + 27, offset + 27 + segments);
    let at = offset + 27 + segments;
    for (const size of table) {
      pending.push(file.subarray(at, at + size));
      at += size;
      if (size < 255) {
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    offset = at;
  }
  return packets.slice(2);
}
