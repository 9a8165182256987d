// Music on hold: Opus packets from a file (the product's, or the queue's uploaded music), sent as
// RTP to the media engine at real-time pace (50 a second), looping. One player per call on hold;
// stopped with the call's room.
import { readFileSync } from "node:fs";
import { opusPacketsFromOgg } from "./ogg-opus.ts";
import { OpusRtpSender } from "./opus-rtp.ts";

const FILE = new URL("./sounds/music-on-hold.opus", import.meta.url);
let cached: Uint8Array[] | null = null;
const music = () => (cached ??= opusPacketsFromOgg(readFileSync(FILE)));

export class MusicPlayer {
  private rtp: OpusRtpSender;
  private timer: ReturnType<typeof setInterval> | null = null;
  private sent = 0;
  /** Where the current music started, in packets sent. */
  private offset = 0;

  /** `packets`: the queue's uploaded music (20 ms Opus packets); none: the product's own. */
  constructor(
    readonly ssrc: number,
    private packets: Uint8Array[] | null = null,
  ) {
    this.rtp = new OpusRtpSender(ssrc);
  }

  /** Plays other music from now on (from its beginning); null: the product's own. */
  use(packets: Uint8Array[] | null) {
    if (packets === this.packets) return;
    this.packets = packets;
    this.offset = this.sent;
  }

  /** Starts sending to the media engine's port; the first packet teaches it where music comes from. */
  start(port: number) {
    const started = performance.now();
    const tick = () => {
      const due = Math.floor((performance.now() - started) / 20) + 1;
      const packets = this.packets ?? music();
      for (; this.sent < due; this.sent++) {
        this.rtp.send(packets[(this.sent - this.offset) % packets.length], port);
      }
    };
    tick();
    this.timer = setInterval(tick, 20);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.rtp.close();
  }
}
