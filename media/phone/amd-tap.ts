// Listens to a campaign call's first seconds for answering-machine detection: the telephone's leg
// hands over the called side's RTP (G.711, as the trunk sends it; or a socket gets it); each packet's audio
// goes to the detector (domain/campaigns/amd.ts) in arrival order, and the decision is reported
// once. Packets out of order or repeated are dropped by sequence number (late audio would not
// change a cadence decision). Stops listening once decided.
import dgram from "node:dgram";
import { createAmd, type AmdConfig, type AmdResult } from "../../domain/campaigns/amd.ts";
import { decode, type Law, PAYLOAD_TYPE } from "./g711.ts";

/** The called side's RTP as 8 kHz PCM in arrival order: packets out of order or repeated are
 * dropped by sequence number, other payloads (telephone-events) passed over. */
export class RtpPcm {
  private lastSeq: number | null = null;
  private pcm = new Int32Array(160);

  constructor(
    private readonly law: Law,
    private readonly onPcm: (pcm: Int32Array) => void,
  ) {}

  push(m: Buffer) {
    if (m.length < 13 || m[0] >> 6 !== 2 || (m[1] & 0x7f) !== PAYLOAD_TYPE[this.law]) return;
    const seq = m.readUInt16BE(2);
    if (this.lastSeq !== null && ((seq - this.lastSeq) & 0xffff) >= 0x8000) return; // late or repeated
    if (this.lastSeq === seq) return;
    this.lastSeq = seq;
    const headerLength = 12 + (m[0] & 0x0f) * 4;
    const extension = m[0] & 0x10 ? 4 + m.readUInt16BE(headerLength + 2) * 4 : 0;
    const padding = m[0] & 0x20 ? m[m.length - 1] : 0;
    const payload = m.subarray(headerLength + extension, m.length - padding);
    if (payload.length === 0) return;
    if (this.pcm.length < payload.length) this.pcm = new Int32Array(payload.length);
    decode(this.law, payload, this.pcm);
    this.onPcm(this.pcm.subarray(0, payload.length));
  }
}

export class AmdTap {
  private socket: dgram.Socket | null = null;
  private readonly amd;
  private readonly rtp: RtpPcm;
  private done = false;

  constructor(
    law: Law,
    private readonly onResult: (result: AmdResult) => void,
    config: Partial<AmdConfig> = {},
  ) {
    this.amd = createAmd(config);
    this.rtp = new RtpPcm(law, (pcm) => {
      const result = this.amd.push(pcm);
      if (result) this.report(result);
    });
  }

  /** Takes the RTP on a UDP socket of its own (instead of being fed with push). */
  listen(): Promise<number> {
    const socket = (this.socket = dgram.createSocket("udp4"));
    socket.on("message", (m) => this.push(m));
    return new Promise((r) => socket.bind(0, "127.0.0.1", () => r(socket.address().port)));
  }

  /** One RTP packet from the called side. */
  push(m: Buffer) {
    if (!this.done) this.rtp.push(m);
  }

  /** The call ended or was answered by us before a decision: decide with what was heard. */
  finish(): AmdResult {
    const result = this.amd.finish();
    this.report(result);
    return result;
  }

  private report(result: AmdResult) {
    if (this.done) return;
    this.done = true;
    this.onResult(result);
  }

  close() {
    this.done = true;
    this.socket?.close();
    this.socket = null;
  }
}
