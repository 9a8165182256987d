// One side of a call into a file, packet by packet as the media engine forwards them (RTP over a
// local UDP socket): Opus into Ogg pages, telephone audio (G.711) as raw A-law or µ-law bytes. The file keeps wall-clock time: whatever did not arrive — silence
// suppressed by the browser, a lost packet, a paused recording — is filled with silent frames, so
// both sides of a call line up and the file lasts as long as the recording did.
import dgram from "node:dgram";
import { createWriteStream, type WriteStream } from "node:fs";
import { PAGE_BOS, PAGE_EOS, SILENCE_20MS, oggPage, opusHead, opusSamples, opusTags, rtpPayload } from "./ogg-opus.ts";
import { type Law, SILENCE } from "./phone/g711.ts";

/** What a side's file holds: Ogg Opus, or raw G.711 at 8 kHz. */
export type TrackFormat = "opus" | Law;
export const trackExtension = (f: TrackFormat) => (f === "opus" ? "opus" : f);

export class TrackRecorder {
  readonly socket = dgram.createSocket("udp4");
  private out: WriteStream;
  private sequence = 0;
  private written = 0; // samples written so far
  private anchor: { timestamp: number; sample: number } | null = null;
  private paused = false;
  private done: Promise<void>;

  private readonly rate: number;
  private readonly frame: number;
  private readonly silence: Uint8Array;

  constructor(
    path: string,
    private readonly serial: number,
    /** When the recording started (performance.now()), shared by both sides of the call. */
    private readonly startedAt: number,
    readonly format: TrackFormat = "opus",
    /** The audio's payload type; other packets on the stream (telephone events) are left out. */
    private readonly payloadType?: number,
  ) {
    this.rate = format === "opus" ? 48_000 : 8000;
    this.frame = this.rate / 50;
    this.silence = format === "opus" ? SILENCE_20MS : new Uint8Array(this.frame).fill(SILENCE[format]);
    this.out = createWriteStream(path);
    this.done = new Promise((resolve, reject) => {
      this.out.on("finish", () => resolve());
      this.out.on("error", reject);
    });
    if (format === "opus") {
      this.page(opusHead(), 0n, PAGE_BOS);
      this.page(opusTags(), 0n);
    }
    this.socket.on("message", (m) => this.onRtp(m));
  }

  /** Binds the local socket the media engine sends this side's audio to. */
  listen(): Promise<number> {
    return new Promise((resolve) => this.socket.bind(0, "127.0.0.1", () => resolve(this.socket.address().port)));
  }

  private page(packet: Uint8Array, granule: bigint, flags = 0) {
    this.put(oggPage(packet, { granule, serial: this.serial, sequence: this.sequence++, flags }));
  }

  /** Writes go out in batches (about four a second): one system call per packet would cost more
   * than the recording itself. */
  private pending: Uint8Array[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private put(bytes: Uint8Array) {
    this.pending.push(bytes);
    this.flushTimer ??= setTimeout(() => this.flush(), 250);
  }
  private flush() {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.length) this.out.write(Buffer.concat(this.pending));
    this.pending = [];
  }

  private now() {
    return Math.round(((performance.now() - this.startedAt) / 1000) * this.rate);
  }

  /** One frame of audio (or of silence) more in the file. */
  private write(payload: Uint8Array, samples: number, flags = 0) {
    this.written += samples;
    if (this.format === "opus") this.page(payload, BigInt(this.written), flags);
    else this.put(Buffer.from(payload));
  }

  private silenceUntil(sample: number) {
    // Never more than ten minutes of filler at once.
    const limit = this.written + this.rate * 600;
    while (this.written + this.frame <= Math.min(sample, limit)) this.write(this.silence, this.frame);
  }

  private onRtp(message: Buffer) {
    if (this.paused) return;
    const rtp = rtpPayload(message);
    if (!rtp || (this.payloadType !== undefined && rtp.payloadType !== this.payloadType)) return;
    // The first packet (and the first after a pause) is placed by the clock; the rest by their
    // RTP timestamps, so network jitter does not stretch the file.
    this.anchor ??= { timestamp: rtp.timestamp, sample: Math.max(this.now(), this.written) };
    // Signed 32-bit distance from the anchor: a packet from just before it is late, not 24 hours on.
    const at = this.anchor.sample + ((rtp.timestamp - this.anchor.timestamp) | 0);
    if (at < this.written) return; // late or repeated
    this.silenceUntil(at);
    const samples = this.format === "opus" ? opusSamples(rtp.payload) || this.frame : rtp.payload.length;
    this.write(rtp.payload, samples);
  }

  pause() {
    this.paused = true;
    this.silenceUntil(this.now());
  }

  resume() {
    this.silenceUntil(this.now());
    this.anchor = null;
    this.paused = false;
  }

  /** The side's audio now comes from another microphone (a transfer, a reconnect): its RTP
   * timestamps start afresh, so the next packet is placed by the clock again. */
  newSource() {
    if (!this.paused) this.silenceUntil(this.now());
    this.anchor = null;
  }

  /** Pads to `seconds` and closes the file. */
  async finish(seconds: number) {
    this.socket.close();
    this.silenceUntil(Math.round(seconds * this.rate) - this.frame);
    this.write(this.silence, this.frame, PAGE_EOS);
    this.flush();
    this.out.end();
    await this.done;
  }
}
