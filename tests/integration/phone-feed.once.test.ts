// The stream a telephone hears, through a real mediasoup worker: opened (and its SSRC fixed, as our
// SDP states it) before anyone knows whether the telephone takes A-law or µ-law, it then carries
// the law the mixer is started in, with that law's payload type, under that one SSRC. A plain RTP
// socket stands in for Janus. No database: it runs in one integration project only.
import dgram from "node:dgram";
import os from "node:os";
import path from "node:path";
import { type types, createWorker } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Law, PAYLOAD_TYPE } from "../../media/phone/g711.ts";
import { openPhoneFeed } from "../../media/phone/phone-feed.ts";
import { PhoneMixer } from "../../media/phone/phone-mixer.ts";
import { findWorkerBinary } from "../../media/worker-binary.ts";

let worker: types.Worker;
beforeAll(async () => {
  const bin = findWorkerBinary({ workerBin: process.env.MEDIASOUP_WORKER_BIN, cacheDir: path.join(os.homedir(), ".cache", "centrala") });
  if (bin.path === null) throw new Error(bin.reason);
  worker = await createWorker({ workerBin: bin.path, logLevel: "warn" });
});
afterAll(() => worker?.close());

describe("a telephone's stream", () => {
  it.each(["alaw", "ulaw"] as const)("carries %s, under the SSRC fixed before the law was known", async (law: Law) => {
    const router = await worker.createRouter({
      mediaCodecs: [
        { kind: "audio", mimeType: "audio/PCMA", clockRate: 8000, channels: 1, preferredPayloadType: 8 },
        { kind: "audio", mimeType: "audio/PCMU", clockRate: 8000, channels: 1, preferredPayloadType: 0 },
      ],
    });
    const janus = await router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
    const mixer = new PhoneMixer(0x50001234);
    const feed = await openPhoneFeed(router, mixer, janus);
    const stated = feed.consumer.rtpParameters.encodings![0].ssrc!;

    const sink = dgram.createSocket("udp4");
    const got: { payloadType: number; ssrc: number }[] = [];
    sink.on("message", (m) => {
      // RTCP (sender reports) shares the port.
      if (m[1] < 192 || m[1] > 223) got.push({ payloadType: m[1] & 0x7f, ssrc: m.readUInt32BE(8) });
    });
    await new Promise<void>((r) => sink.bind(0, "127.0.0.1", () => r()));
    await janus.connect({ ip: "127.0.0.1", port: sink.address().port });
    mixer.start(law);
    await new Promise((r) => setTimeout(r, 500));
    mixer.stop();
    sink.close();
    router.close();

    // 25 frames in half a second; a few at the edges may be missed.
    expect(got.length).toBeGreaterThan(15);
    expect(new Set(got.map((p) => p.payloadType))).toEqual(new Set([PAYLOAD_TYPE[law]]));
    expect(new Set(got.map((p) => p.ssrc))).toEqual(new Set([stated]));
  });
});
