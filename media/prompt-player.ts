// IVR prompts for browsers (a web caller in a flow): Opus packets sent once, as RTP at real-time
// pace (50 a second), to the media engine's port for the room's prompt producer — the way
// music-player.ts sends the music, but one prompt at a time, with word of when it has been played.
import { OpusRtpSender } from "./opus-rtp.ts";

export class PromptPlayer {
  private rtp: OpusRtpSender;
  private timer: ReturnType<typeof setInterval> | null = null;
  private port = 0;
  private closed = false;

  constructor(readonly ssrc: number) {
    this.rtp = new OpusRtpSender(ssrc);
  }

  /** Where the media engine listens for the prompt producer's audio. */
  start(port: number) {
    this.port = port;
  }

  /** Plays `packets` (stopping any prompt still playing); `done` once the last one was sent. */
  play(packets: Uint8Array[], done: () => void) {
    this.stop();
    if (this.closed) return;
    const started = performance.now();
    let sent = 0;
    const tick = () => {
      const due = Math.min(packets.length, Math.floor((performance.now() - started) / 20) + 1);
      for (; sent < due; sent++) this.rtp.send(packets[sent], this.port);
      if (sent < packets.length) return;
      this.stop();
      done();
    };
    this.timer = setInterval(tick, 20);
    tick();
  }

  /** Stops the prompt playing now (a key pressed: barge-in); its `done` is not called. */
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  close() {
    this.stop();
    this.closed = true;
    this.rtp.close();
  }
}
