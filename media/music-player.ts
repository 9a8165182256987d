// Music on hold: Opus packets from a file, sent as RTP to the media engine at real-time pace
// (50 a second), looping. One player per call on hold; stopped with the call's room.
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import { opusPacketsFromOgg } from "./ogg-opus.ts";

const FILE = new URL("./sounds/music-on-hold.opus", import.meta.url);
let cached: Uint8Array[] | null = null;
const music = () => (cached ??= opusPacketsFromOgg(readFileSync(FILE)));

export class MusicPlayer {
  private socket = dgram.createSocket("udp4");
  private timer: ReturnType<typeof setInterval> | null = null;
  private sent = 0;
  private seq = Math.floor(Math.random() * 65535);
  private ts = Math.floor(Math.random() * 2 ** 31);

  constructor(readonly ssrc: number) {}

  /** Starts sending to the media engine's port; the first packet teaches it where music comes from. */
  start(port: number) {
    const packets = music();
    const started = performance.now();
    const tick = () => {
      const due = Math.floor((performance.now() - started) / 20) + 1;
      for (; this.sent < due; this.sent++) {
        const payload = packets[this.sent % packets.length];
        const header = Buffer.alloc(12);
        header[0] = 0x80;
        header[1] = 100;
        header.writeUInt16BE(this.seq++ & 0xffff, 2);
        header.writeUInt32BE((this.ts += 960) >>> 0, 4);
        header.writeUInt32BE(this.ssrc, 8);
        this.socket.send(Buffer.concat([header, payload]), port, "127.0.0.1");
      }
    };
    tick();
    this.timer = setInterval(tick, 20);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.socket.close();
  }
}
