// The fax call's jitter buffer: RTP payloads put back in sequence-number order and played one per
// 20 ms tick, a missing packet reported as lost (the modem fills in across it) rather than played
// as silence. In-band fax (V.17 at 14 400 bit/s) loses its carrier on a 20 ms hole of silence and
// fails on reordered packets, which is why fax audio never goes through the phone mixer (that
// plays packets in arrival order, silence for gaps). Latency does not matter to T.30 (300 ms
// one-way was fine), so the buffer holds ~100 ms before it starts playing.

/** a − b for 16-bit RTP sequence numbers, in −32768..32767. */
export const seqDiff = (a: number, b: number): number => ((a - b + 0x8000) & 0xffff) - 0x8000;

export type JitterBufferStats = {
  /** Packets taken in. */
  received: number;
  /** Arrived after their turn had passed (played as lost). */
  late: number;
  duplicates: number;
  /** Ticks with no packet for their turn once playing (the modem filled in). */
  lost: number;
  /** Packets dropped because the buffer ran too far ahead (a burst, or the far clock is faster). */
  skipped: number;
  /** Times the sender's stream started over (a sequence jump). */
  restarts: number;
};

export type Playout = { kind: "audio"; payload: Uint8Array } | { kind: "lost" } | { kind: "waiting" };

/** A jump this far ahead is a new stream (the far end restarted), not loss. */
const NEW_STREAM_JUMP = 500;

export class FaxJitterBuffer {
  private readonly packets = new Map<number, Uint8Array>();
  private next: number | null = null;
  private highest = 0;
  private playing = false;
  readonly stats: JitterBufferStats = { received: 0, late: 0, duplicates: 0, lost: 0, skipped: 0, restarts: 0 };

  /**
   * @param playoutFrames frames held before playing starts (5 = 100 ms)
   * @param maxAheadFrames beyond playout, how far the newest packet may run ahead before the oldest are dropped
   */
  constructor(
    private readonly playoutFrames = 5,
    private readonly maxAheadFrames = 50,
  ) {}

  push(seq: number, payload: Uint8Array): void {
    this.stats.received++;
    if (this.next === null) {
      this.next = seq;
      this.highest = seq;
    }
    const ahead = seqDiff(seq, this.next);
    if (ahead < 0) {
      this.stats.late++;
      return;
    }
    if (ahead > NEW_STREAM_JUMP) {
      this.packets.clear();
      this.next = seq;
      this.highest = seq;
      this.playing = false;
      this.stats.restarts++;
    }
    if (this.packets.has(seq)) {
      this.stats.duplicates++;
      return;
    }
    this.packets.set(seq, payload);
    if (seqDiff(seq, this.highest) > 0) this.highest = seq;
  }

  /** The frame for this tick. */
  take(): Playout {
    if (this.next === null) return { kind: "waiting" };
    if (!this.playing) {
      if (seqDiff(this.highest, this.next) + 1 < this.playoutFrames) return { kind: "waiting" };
      this.playing = true;
    }
    while (seqDiff(this.highest, this.next) > this.playoutFrames + this.maxAheadFrames) {
      if (this.packets.delete(this.next)) this.stats.skipped++;
      this.next = (this.next + 1) & 0xffff;
    }
    const payload = this.packets.get(this.next);
    this.packets.delete(this.next);
    this.next = (this.next + 1) & 0xffff;
    if (!payload) {
      this.stats.lost++;
      return { kind: "lost" };
    }
    return { kind: "audio", payload };
  }
}
