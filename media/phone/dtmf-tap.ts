// Keys a phone caller presses, sent as RFC 4733 telephone-events inside the call's RTP. The media
// engine forwards the phone's stream (audio and events) to this socket; each key is reported once,
// when its first packet arrives (retransmitted end packets carry the same RTP timestamp).
import dgram from "node:dgram";

const EVENTS = "0123456789*#ABCD";

export class DtmfTap {
  readonly socket = dgram.createSocket("udp4");
  private seen = new Set<number>();

  /** Every packet of the phone's stream (audio too), for whoever listens (answering-machine detection). */
  readonly listeners = new Set<(packet: Buffer) => void>();

  constructor(
    /** The stream's telephone-event payload type; null: the phone sends no key events. */
    private readonly payloadType: number | null,
    private readonly onDigit: (digit: string) => void,
  ) {
    this.socket.on("message", (m) => {
      for (const listener of this.listeners) listener(m);
      if (this.payloadType !== null) this.onRtp(m);
    });
  }

  listen(): Promise<number> {
    return new Promise((r) => this.socket.bind(0, "127.0.0.1", () => r(this.socket.address().port)));
  }

  private onRtp(m: Buffer) {
    if (m.length < 16 || m[0] >> 6 !== 2 || (m[1] & 0x7f) !== this.payloadType) return;
    const offset = 12 + (m[0] & 0x0f) * 4 + (m[0] & 0x10 ? 4 + m.readUInt16BE(12 + (m[0] & 0x0f) * 4 + 2) * 4 : 0);
    if (m.length < offset + 4) return;
    const event = m[offset];
    if (event >= EVENTS.length) return; // flash and other events are not keys
    const timestamp = m.readUInt32BE(4);
    if (this.seen.has(timestamp)) return;
    this.seen.add(timestamp);
    if (this.seen.size > 64) this.seen.delete(this.seen.values().next().value!);
    this.onDigit(EVENTS[event]);
  }

  close() {
    this.socket.close();
  }
}
