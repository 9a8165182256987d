// One fax call's media on RTP: G.711 packets in on a UDP socket, put in order by the jitter
// buffer, one frame per 20 ms tick into the fax modem (lost packets marked for fill-in), and
// each frame the modem answers sent at once as one RTP packet. On a call the socket faces
// mediasoup (a PlainTransport consuming the phone's audio, and the transport whose producer the
// phone hears); in the tests and bench:fax two endpoints face each other over loopback.
import dgram from "node:dgram";
import { FaxJitterBuffer, type JitterBufferStats } from "./jitter-buffer.ts";
import { FAX_FRAME_BYTES, FAX_SILENCE, FaxModem, type FaxLaw, type FaxModemOptions } from "./fax-modem.ts";
import type { FaxEvent, FaxOutcome } from "./t30.ts";

export const FAX_PAYLOAD_TYPE: Record<FaxLaw, number> = { alaw: 8, ulaw: 0 };
/** After an event-loop stall the ticks missed are caught up in a burst, up to this many (1 s);
 * the far jitter buffer absorbs a burst, while a gap would be lost audio. */
const MAX_CATCH_UP = 50;

export type FaxRtpOptions = FaxModemOptions & {
  /** Frames held before playing (default 5 = 100 ms; T.30 does not mind latency). */
  playoutFrames?: number;
  /** What our packets carry (the producer's SSRC and payload type when mediasoup is the far end). */
  ssrc?: number;
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

export class FaxRtpEndpoint {
  readonly jitter: FaxJitterBuffer;
  private readonly socket: dgram.Socket;
  private readonly law: FaxLaw;
  private readonly payloadType: number;
  private readonly ssrc: number;
  private seq = Math.floor(Math.random() * 0x10000);
  private timestamp = Math.floor(Math.random() * 0x100000000);
  private remote: { host: string; port: number } | null = null;
  private modem: FaxModem | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly counters = { sent: 0, ignored: 0, ticks: 0, stalls: 0 };
  private closed = false;

  private constructor(
    private readonly options: FaxRtpOptions,
    socket: dgram.Socket,
    readonly port: number,
  ) {
    this.socket = socket;
    this.law = options.law ?? "alaw";
    this.payloadType = options.payloadType ?? FAX_PAYLOAD_TYPE[this.law];
    this.ssrc = options.ssrc ?? Math.floor(Math.random() * 0x100000000) >>> 0;
    this.jitter = new FaxJitterBuffer(options.playoutFrames ?? 5, MAX_CATCH_UP);
    socket.on("message", (packet, from) => this.receive(packet, from));
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

  /** Starts the modem and the call's 20 ms clock; settles with the outcome when the modem is done. */
  start(): Promise<FaxRtpResult> {
    if (this.modem) throw new Error("the fax endpoint has already started");
    const modem = new FaxModem(this.options, (frame) => this.send(frame), this.options.onEvent);
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
      this.close();
      return { ...outcome, rtp: { ...this.counters, jitter: { ...this.jitter.stats } } };
    });
  }

  /** The call is over: the modem finishes with what it has. */
  hangup(): void {
    this.modem?.hangup();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.modem?.kill();
    this.socket.close();
  }

  private receive(packet: Buffer, from: dgram.RemoteInfo): void {
    if (this.remote && (from.port !== this.remote.port || from.address !== this.remote.host)) {
      this.counters.ignored++;
      return;
    }
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

  private send(payload: Buffer): void {
    if (this.closed) return;
    const packet = Buffer.allocUnsafe(12 + payload.length);
    packet[0] = 0x80;
    packet[1] = this.payloadType;
    packet.writeUInt16BE(this.seq, 2);
    packet.writeUInt32BE(this.timestamp >>> 0, 4);
    packet.writeUInt32BE(this.ssrc >>> 0, 8);
    payload.copy(packet, 12);
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + FAX_FRAME_BYTES) >>> 0;
    this.counters.sent++;
    if (this.remote) this.socket.send(packet, this.remote.port, this.remote.host);
  }
}

const silences: Partial<Record<FaxLaw, Buffer>> = {};
/** What the modem hears before the far end's audio has started. */
function silence(law: FaxLaw): Buffer {
  return (silences[law] ??= Buffer.alloc(FAX_FRAME_BYTES, FAX_SILENCE[law]));
}
