// One side of a call into an Ogg Opus file, packet by packet as the media engine forwards them
// (RTP over a local UDP socket). The file keeps wall-clock time: whatever did not arrive — silence
// suppressed by the browser, a lost packet, a paused recording — is filled with silent frames, so
// both sides of a call line up and the file lasts as long as the recording did.
import dgram from "node:dgram";
import { createWriteStream, type WriteStream } from "node:fs";
import { PAGE_BOS, PAGE_EOS, SILENCE_20MS, oggPage, opusHead, opusSamples, opusTags, rtpPayload } from "./ogg-opus.ts";

const FRAME = 960; // 20 ms at 48 kHz
const MAX_GAP_FILL = 48_000 * 60 * 10; // never write more than ten minutes of filler at once

export class TrackRecorder {
  readonly socket = dgram.createSocket("udp4");
  private out: WriteStream;
  private sequence = 0;
  private written = 0; // samples written so far
  private anchor: { timestamp: number; sample: number } | null = null;
  private paused = false;
  private done: Promise<void>;

  constructor(
    path: string,
    private readonly serial: number,
    /** When the recording started (performance.now()), shared by both sides of the call. */
    private readonly startedAt: number,
  ) {
    this.out = createWriteStream(path);
    this.done = new Promise((resolve, reject) => {
      this.out.on("finish", () => resolve());
      this.out.on("error", reject);
    });
    this.page(opusHead(), 0n, PAGE_BOS);
    this.page(opusTags(), 0n);
    this.socket.on("message", (m) => this.onRtp(m));
  }

  /** Binds the local socket the media engine sends this side's audio to. */
  listen(): Promise<number> {
    return new Promise((resolve) => this.socket.bind(0, "127.0.0.1", () => resolve(this.socket.address().port)));
  }

  private page(packet: Uint8Array, granule: bigint, flags = 0) {
    this.out.write(oggPage(packet, { granule, serial: this.serial, sequence: this.sequence++, flags }));
  }

  private now() {
    return Math.round(((performance.now() - this.startedAt) / 1000) * 48_000);
  }

  private silenceUntil(sample: number) {
    const limit = this.written + MAX_GAP_FILL;
    while (this.written + FRAME <= Math.min(sample, limit)) {
      this.written += FRAME;
      this.page(SILENCE_20MS, BigInt(this.written));
    }
  }

  private onRtp(message: Buffer) {
    if (this.paused) return;
    const rtp = rtpPayload(message);
    if (!rtp) return;
    // The first packet (and the first after a pause) is placed by the clock; the rest by their
    // RTP timestamps, so network jitter does not stretch the file.
    this.anchor ??= { timestamp: rtp.timestamp, sample: Math.max(this.now(), this.written) };
    // Signed 32-bit distance from the anchor: a packet from just before it is late, not 24 hours on.
    const at = this.anchor.sample + ((rtp.timestamp - this.anchor.timestamp) | 0);
    if (at < this.written) return; // late or repeated
    this.silenceUntil(at);
    const samples = opusSamples(rtp.payload) || FRAME;
    this.written += samples;
    this.page(rtp.payload, BigInt(this.written));
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
    this.silenceUntil(Math.round(seconds * 48_000) - FRAME);
    this.written += FRAME;
    this.page(SILENCE_20MS, BigInt(this.written), PAGE_EOS);
    this.out.end();
    await this.done;
  }
}
