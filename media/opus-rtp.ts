// Opus packets of our own (music on hold, IVR prompts for browsers) as RTP to a port of the media
// engine on this host: one 20 ms packet (960 samples at 48 kHz) after another, one stream (SSRC).
import dgram from "node:dgram";

export class OpusRtpSender {
  private socket = dgram.createSocket("udp4");
  private seq = Math.floor(Math.random() * 65535);
  private ts = Math.floor(Math.random() * 2 ** 31);

  constructor(readonly ssrc: number) {}

  send(payload: Uint8Array, port: number) {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = 100;
    header.writeUInt16BE(this.seq++ & 0xffff, 2);
    header.writeUInt32BE((this.ts += 960) >>> 0, 4);
    header.writeUInt32BE(this.ssrc, 8);
    this.socket.send(Buffer.concat([header, payload]), port, "127.0.0.1");
  }

  close() {
    this.socket.close();
  }
}
