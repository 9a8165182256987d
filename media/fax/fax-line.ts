// One fax call's media: G.711 RTP packets in, put in order by the jitter buffer, one frame per
// 20 ms tick into the fax modem (lost packets marked for fill-in), and each frame the modem
// answers sent at once. FaxLine is that core, whatever carries the packets: on a telephone call
// the phone leg (its tap in, its mixer's stream out: media/phone/phone-leg.ts); FaxRtpEndpoint
// puts it on a UDP socket of its own (the tests, bench:fax).
import dgram from "node:dgram";
import { FaxJitterBuffer, type JitterBufferStats } from "./jitter-buffer.ts";
import { FAX_FRAME_BYTES, FAX_SILENCE, FaxModem, type FaxLaw, type FaxModemOptions } from "./fax-modem.ts";
import type { FaxEvent, FaxOutcome } from "./t30.ts";

export const FAX_PAYLOAD_TYPE: Record<FaxLaw, number> = { alaw: 8, ulaw: 0 };
/** After an event-loop stall the ticks missed are caught up in a burst, up to this many (1 s);
 * the far jitter buffer absorbs a burst, while a gap would be lost audio. */
const MAX_CATCH_UP = 50;

export type FaxLineOptions = FaxModemOptions & {
  /** Frames held before playing (default 5 = 100 ms; T.30 does not mind latency). */
  playoutFrames?: number;
  /** The payload type of the audio in (default: the law's static one). */
  payloadType?: number;
  onEvent?: (event: FaxEvent) => void;
};

export type FaxRtpStats = {
  sent: number;
  /** Packets of another payload type (telephone-event, comfort noise) or from elsewhere. */
  ignored: number;
  ticks: number;
  /** Times the clock found itself more than 100 ms behind (event-loop stalls). */
  stalls: number;
  jitter: JitterBufferStats;
};

export type FaxRtpResult = FaxOutcome & { rtp: FaxRtpStats };

export class FaxLine {
  readonly jitter: FaxJitterBuffer;
  private readonly law: FaxLaw;
  /** The payload type of the audio, in and out. */
  readonly payloadType: number;
  private modem: FaxModem | null = null;
  private timer: NodeJS.Timeout | null = null;
  readonly counters = { sent: 0, ignored: 0, ticks: 0, stalls: 0 };
  private stopped = false;

  /** `send`: one 20 ms frame of the modem's audio, to go out now as one packet. */
  constructor(
    private readonly options: FaxLineOptions,
    private readonly send: (payload: Buffer) => void,
  ) {
    this.law = options.law ?? "alaw";
    this.payloadType = options.payloadType ?? FAX_PAYLOAD_TYPE[this.law];
    this.jitter = new FaxJitterBuffer(options.playoutFrames ?? 5, MAX_CATCH_UP);
  }

  /** Starts the modem and the call's 20 ms clock; settles with the outcome when the modem is done. */
  start(): Promise<FaxRtpResult> {
    if (this.modem) throw new Error("the fax line has already started");
    const modem = new FaxModem(
      this.options,
      (frame) => {
        if (this.stopped) return;
        this.counters.sent++;
        this.send(frame);
      },
      this.options.onEvent,
    );
    this.modem = modem;
    const started = performance.now();
    this.timer = setInterval(() => {
      const due = Math.floor((performance.now() - started) / 20);
      if (due - this.counters.ticks > 5) this.counters.stalls++;
      if (due - this.counters.ticks > MAX_CATCH_UP) this.counters.ticks = due - MAX_CATCH_UP;
      while (this.counters.ticks < due) {
        this.counters.ticks++;
        const playout = this.jitter.take();
        modem.write(playout.kind === "audio" ? playout.payload : playout.kind === "lost" ? "lost" : silence(this.law));
      }
    }, 10);
    return modem.done.then((outcome) => {
      this.stop();
      return { ...outcome, rtp: { ...this.counters, jitter: { ...this.jitter.stats } } };
    });
  }

  /** One RTP packet from the far end. */
  receive(packet: Buffer): void {
    if (packet.length < 12 || packet[0]! >> 6 !== 2) return;
    if ((packet[1]! & 0x7f) !== this.payloadType) {
      this.counters.ignored++;
      return;
    }
    let start = 12 + (packet[0]! & 0x0f) * 4;
    if (packet[0]! & 0x10) {
      if (packet.length < start + 4) return;
      start += 4 + packet.readUInt16BE(start + 2) * 4;
    }
    let end = packet.length;
    if (packet[0]! & 0x20) end -= packet[packet.length - 1]!;
    if (end - start !== FAX_FRAME_BYTES) {
      // Not 20 ms framing: the trunk must be set to ptime 20 for fax (docs/fax.md).
      this.counters.ignored++;
      return;
    }
    this.jitter.push(packet.readUInt16BE(2), packet.subarray(start, end));
  }

  /** The call is over: the modem finishes with what it has. */
  hangup(): void {
    this.modem?.hangup();
  }

  /** Stops at once (shutdown, or the modem is done). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.modem?.kill();
  }
}

export type FaxRtpOptions = FaxLineOptions & {
  /** Our packets' SSRC (default: random). */
  ssrc?: number;
};

/** A FaxLine on a UDP socket of its own, sending RTP to `connect`'s address (or, until then, to
 * wherever the first packet came from). */
export class FaxRtpEndpoint {
  private readonly line: FaxLine;
  private readonly ssrc: number;
  private seq = Math.floor(Math.random() * 0x10000);
  private timestamp = Math.floor(Math.random() * 0x100000000);
  private remote: { host: string; port: number } | null = null;
  private closed = false;

  private constructor(
    options: FaxRtpOptions,
    private readonly socket: dgram.Socket,
    readonly port: number,
  ) {
    this.ssrc = options.ssrc ?? Math.floor(Math.random() * 0x100000000) >>> 0;
    this.line = new FaxLine(options, (payload) => this.sendRtp(payload));
    socket.on("message", (packet, from) => {
      this.remote ??= { host: from.address, port: from.port };
      if (from.port !== this.remote.port || from.address !== this.remote.host) this.line.counters.ignored++;
      else this.line.receive(packet);
    });
  }

  /** A socket on `host` (any free port), ready for the far end's packets. */
  static async open(options: FaxRtpOptions, host = "127.0.0.1", port = 0): Promise<FaxRtpEndpoint> {
    const socket = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(port, host, () => {
        socket.off("error", reject);
        resolve();
      });
    });
    socket.on("error", () => {});
    return new FaxRtpEndpoint(options, socket, socket.address().port);
  }

  /** Where our packets go; only packets from there are listened to. */
  connect(remote: { host: string; port: number }): void {
    this.remote = remote;
  }

  start(): Promise<FaxRtpResult> {
    return this.line.start().finally(() => this.close());
  }

  hangup(): void {
    this.line.hangup();
  }

  /** Packets sent and taken in so far. */
  stats(): { sent: number; received: number } {
    return { sent: this.line.counters.sent, received: this.line.jitter.stats.received };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.line.stop();
    this.socket.close();
  }

  private sendRtp(payload: Buffer): void {
    if (this.closed || !this.remote) return;
    const packet = Buffer.allocUnsafe(12 + payload.length);
    packet[0] = 0x80;
    packet[1] = this.line.payloadType;
    packet.writeUInt16BE(this.seq, 2);
    packet.writeUInt32BE(this.timestamp >>> 0, 4);
    packet.writeUInt32BE(this.ssrc >>> 0, 8);
    payload.copy(packet, 12);
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + FAX_FRAME_BYTES) >>> 0;
    this.socket.send(packet, this.remote.port, this.remote.host);
  }
}

const silences: Partial<Record<FaxLaw, Buffer>> = {};
/** What the modem hears before the far end's audio has started. */
function silence(law: FaxLaw): Buffer {
  return (silences[law] ??= Buffer.alloc(FAX_FRAME_BYTES, FAX_SILENCE[law]));
}
