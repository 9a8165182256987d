// A telephone's audio in a phone test, in this process: SIPp does the SIP, but the SDP it sends
// names this socket as the phone's media port (sipp(…, { audio: { port } })), so every RTP packet
// Janus sends the phone lands here — its payload type and bytes, exactly as a telephone would get
// them. The phone talks back (G.711 frames every 20 ms, and keys as RFC 4733 telephone-events in
// the same stream) from the same socket: Janus's SIP plugin connects its RTP socket to the port
// the SDP gave, and takes nothing from anywhere else.
import dgram from "node:dgram";
import { type Law, decode, encode } from "../../../media/phone/g711.ts";

const FRAME = 160;
export const LAW_PT: Record<Law, number> = { alaw: 8, ulaw: 0 };
const EVENTS = "0123456789*#ABCD";

export class TestPhone {
  private readonly socket = dgram.createSocket("udp4");
  /** Where the phone's own packets leave from: its SDP port, or (sendFrom) another address. */
  private out: dgram.Socket = this.socket;
  /** Every RTP packet received, in order. */
  readonly received: { payloadType: number; payload: Buffer }[] = [];
  /** Janus's RTP socket (where its packets come from): where the phone's own audio goes. */
  private peer: dgram.RemoteInfo | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private seq = Math.floor(Math.random() * 65535);
  private ts = Math.floor(Math.random() * 2 ** 31);
  private readonly ssrc = Math.floor(Math.random() * 2 ** 31);
  private talking: { law: Law; audio: Uint8Array; at: number } | null = null;
  private keys: string[] = [];
  private key: { event: number; ts: number; sent: number } | null = null;

  private constructor() {
    this.socket.on("message", (m, rinfo) => {
      if (m.length < 12 || m[0] >> 6 !== 2) return;
      this.peer ??= rinfo;
      const headerLength = 12 + (m[0] & 0x0f) * 4;
      // A header extension (Janus adds one) is not audio.
      const offset = m[0] & 0x10 && m.length >= headerLength + 4 ? headerLength + 4 + m.readUInt16BE(headerLength + 2) * 4 : headerLength;
      this.received.push({ payloadType: m[1] & 0x7f, payload: Buffer.from(m.subarray(offset)) });
    });
  }

  /** `sendFrom`: the phone talks from this address rather than its SDP's (a provider whose media
   * leaves from another host than the one its SDP names). */
  static async open(opts: { sendFrom?: string } = {}): Promise<TestPhone> {
    const phone = new TestPhone();
    await new Promise<void>((r) => phone.socket.bind(0, "127.0.0.1", () => r()));
    if (opts.sendFrom) {
      const out = dgram.createSocket("udp4");
      await new Promise<void>((r) => out.bind(0, opts.sendFrom, () => r()));
      phone.out = out;
    }
    return phone;
  }

  get port() {
    return this.socket.address().port;
  }

  /** What the phone heard with this payload type, the payloads one after another (`since`: from
   * the packet count mark() gave). */
  heard(payloadType: number, since = 0): Buffer {
    return Buffer.concat(this.received.slice(since).filter((p) => p.payloadType === payloadType).map((p) => p.payload));
  }

  mark() {
    return this.received.length;
  }

  /** The payload types heard, and how many packets of each. */
  payloadTypes(): Record<number, number> {
    const out: Record<number, number> = {};
    for (const p of this.received) out[p.payloadType] = (out[p.payloadType] ?? 0) + 1;
    return out;
  }

  /** Sends `audio` (G.711 in `law`, looping) from now on, 20 ms a packet, once Janus has sent
   * something (its address is learnt from it). */
  talk(law: Law, audio: Uint8Array) {
    this.talking = { law, audio, at: 0 };
    this.timer ??= setInterval(() => this.tick(), 20);
  }

  /** How much of its audio the phone has said so far (ms; it loops at the end). */
  spokenMs() {
    return (this.talking?.at ?? 0) / 8;
  }

  /** Presses keys: RFC 4733 events (payload type 101) in place of the audio, 100 ms each. */
  press(digits: string) {
    this.keys.push(...digits);
    this.timer ??= setInterval(() => this.tick(), 20);
  }

  private tick() {
    if (!this.peer) return;
    this.ts += FRAME;
    if (!this.key && this.keys.length) this.key = { event: EVENTS.indexOf(this.keys.shift()!), ts: this.ts, sent: 0 };
    if (this.key) {
      // Five packets of the key going on, then three ends (as telephones repeat them).
      const k = this.key;
      k.sent++;
      const end = k.sent > 5;
      const payload = Buffer.alloc(4);
      payload[0] = k.event;
      payload[1] = (end ? 0x80 : 0) | 10;
      payload.writeUInt16BE(Math.min(k.sent, 5) * FRAME, 2);
      this.send(101, k.ts, payload, k.sent === 1);
      if (k.sent === 8) this.key = null;
      return;
    }
    const t = this.talking;
    if (!t) return;
    if (t.at + FRAME > t.audio.length) t.at = 0;
    this.send(LAW_PT[t.law], this.ts, t.audio.subarray(t.at, t.at + FRAME));
    t.at += FRAME;
  }

  private send(payloadType: number, timestamp: number, payload: Uint8Array, marker = false) {
    const packet = Buffer.alloc(12 + payload.length);
    packet[0] = 0x80;
    packet[1] = (marker ? 0x80 : 0) | payloadType;
    packet.writeUInt16BE(this.seq++ & 0xffff, 2);
    packet.writeUInt32BE(timestamp >>> 0, 4);
    packet.writeUInt32BE(this.ssrc, 8);
    packet.set(payload, 12);
    this.out.send(packet, this.peer!.port, this.peer!.address);
  }

  close() {
    if (this.timer) clearInterval(this.timer);
    this.socket.close();
    if (this.out !== this.socket) this.out.close();
  }
}

/** `ms` of A-law silence. */
export const silence = (ms: number) => new Uint8Array(ms * 8).fill(0xd5);

/** `ms` of a steady A-law tone (a voicemail's beep: 1 kHz unless told). */
export function tone(ms: number, hz = 1000): Uint8Array {
  const pcm = Int32Array.from({ length: ms * 8 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / 8000)));
  const out = new Uint8Array(pcm.length);
  encode("alaw", pcm, out);
  return out;
}

/** Pieces of audio one after another. */
export function joinAudio(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `seconds` of noise in `law`, no two 20 ms frames alike (so a frame heard is that frame). */
export function noise(law: Law, seconds: number, seed = 1): Uint8Array {
  let x = seed;
  const pcm = Int32Array.from({ length: seconds * 8000 }, () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return (x % 16000) - 8000;
  });
  const out = new Uint8Array(pcm.length);
  encode(law, pcm, out);
  return out;
}

/** G.711 audio in the other law, as the phone mixer turns it (decoded, then encoded). */
export function transcode(from: Law, to: Law, audio: Uint8Array): Uint8Array {
  if (from === to) return audio;
  const pcm = new Int32Array(audio.length);
  decode(from, audio, pcm);
  const out = new Uint8Array(audio.length);
  encode(to, pcm, out);
  return out;
}

/** How many of `of`'s 20 ms frames appear, byte for byte, in `heard`. */
export function framesFound(of: Uint8Array, heard: Buffer): number {
  let found = 0;
  for (let at = 0; at + FRAME <= of.length; at += FRAME) if (heard.indexOf(of.subarray(at, at + FRAME)) >= 0) found++;
  return found;
}
