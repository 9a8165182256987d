// npm run bench:calls — how many concurrent two-party calls the media engine carries on this
// machine: CALLS calls (default steps 25, 50, 100, 150), each a mediasoup router with both
// parties' audio flowing in and out (Opus packets, 50 a second each way, as a browser sends),
// for SECONDS seconds, each call recorded as the product records (both sides forwarded to the
// recorder, framed into Ogg files; RECORD=0 to leave it out). Prints packet loss, the mediasoup
// workers' CPU (per call, and in all as a share of the machine), their memory, this process's CPU
// (load generator plus recorders), and then what mixing a call into its stereo file costs (ffmpeg).
// The parties here speak plain RTP over UDP (PlainTransport) rather than WebRTC: the workers do the
// same routing work, minus SRTP encryption, which a browser call adds on top (see the note printed).
// Needs the mediasoup worker (scripts/mediasoup-worker.sh). MEDIA_WORKERS (default: one per core).
import dgram from "node:dgram";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorker, type types } from "mediasoup";
import { mixStereo, probeAudio } from "../media/mix-recording.ts";
import { opusPacketsFromOgg } from "../media/ogg-opus.ts";
import { TrackRecorder } from "../media/track-recorder.ts";
import { findWorkerBinary } from "../media/worker-binary.ts";
import { table } from "./stats.ts";

const STEPS = (process.env.CALLS ?? "25,50,100,150").split(",").map(Number);
const SECONDS = Number(process.env.SECONDS ?? 20);
const WORKERS = Number(process.env.MEDIA_WORKERS || os.availableParallelism());
// Real Opus frames (20 ms, ~32 kbit/s: the music-on-hold file), so the recordings decode.
const FRAMES = opusPacketsFromOgg(readFileSync(new URL("../media/sounds/music-on-hold.opus", import.meta.url)));
const PPS = 50;
const RECORD = process.env.RECORD !== "0";
const recordings = mkdtempSync(path.join(os.tmpdir(), "centrala-bench-recordings-"));

const bin = findWorkerBinary({
  workerBin: process.env.MEDIASOUP_WORKER_BIN,
  cacheDir: process.env.CENTRALA_CACHE ?? path.join(os.homedir(), ".cache", "centrala"),
});
if (bin.path === null) throw new Error(bin.reason);
const workers = await Promise.all(
  Array.from({ length: WORKERS }, () => createWorker({ workerBin: bin.path!, logLevel: "error", rtcMinPort: 40000, rtcMaxPort: 49999 })),
);
const codecs: types.RouterRtpCodecCapability[] = [{ kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 }];

interface Leg {
  send: dgram.Socket;
  recv: dgram.Socket;
  ssrc: number;
  seq: number;
  ts: number;
  target: { ip: string; port: number };
  sent: number;
  received: number;
}
interface Call {
  router: types.Router;
  legs: Leg[];
  recorders: TrackRecorder[];
  startedAt: number;
}

const bind = (s: dgram.Socket) => new Promise<number>((r) => s.bind(0, "127.0.0.1", () => r(s.address().port)));

async function openCall(i: number): Promise<Call> {
  const router = await workers[i % workers.length].createRouter({ mediaCodecs: codecs });
  const legs: Leg[] = [];
  const producers: types.Producer[] = [];
  for (let p = 0; p < 2; p++) {
    const send = dgram.createSocket("udp4");
    const recv = dgram.createSocket("udp4");
    await bind(send);
    const recvPort = await bind(recv);
    const inbound = await router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
    const ssrc = 1000 + i * 2 + p;
    producers.push(
      await inbound.produce({
        kind: "audio",
        rtpParameters: { codecs: [{ mimeType: "audio/opus", clockRate: 48000, channels: 2, payloadType: 100 }], encodings: [{ ssrc }] },
      }),
    );
    const leg: Leg = { send, recv, ssrc, seq: 0, ts: 0, target: { ip: inbound.tuple.localAddress!, port: inbound.tuple.localPort }, sent: 0, received: 0 };
    recv.on("message", () => leg.received++);
    legs.push(leg);
    (leg as Leg & { recvPort: number }).recvPort = recvPort;
  }
  // Each party hears the other: a consumer of the other's audio, sent to their receiving socket.
  const sendTo = async (port: number, producer: types.Producer) => {
    const out = await router.createPlainTransport({ listenInfo: { protocol: "udp", ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
    await out.connect({ ip: "127.0.0.1", port });
    await out.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: false });
  };
  for (let p = 0; p < 2; p++) await sendTo((legs[p] as Leg & { recvPort: number }).recvPort, producers[1 - p]);
  // Recording, as media-service.ts does it: each side to its own recorder.
  const startedAt = performance.now();
  const recorders: TrackRecorder[] = [];
  if (RECORD) {
    for (let p = 0; p < 2; p++) {
      const recorder = new TrackRecorder(path.join(recordings, `${i}-${p}.opus`), p + 1, startedAt);
      await sendTo(await recorder.listen(), producers[p]);
      recorders.push(recorder);
    }
  }
  return { router, legs, recorders, startedAt };
}

function packet(leg: Leg): Buffer {
  const b = Buffer.alloc(12);
  b[0] = 0x80;
  b[1] = 100;
  b.writeUInt16BE(leg.seq & 0xffff, 2);
  b.writeUInt32BE((leg.ts += 960) >>> 0, 4);
  b.writeUInt32BE(leg.ssrc, 8);
  return Buffer.concat([b, FRAMES[leg.seq++ % FRAMES.length]]);
}

const cpuMs = async () => (await Promise.all(workers.map((w) => w.getResourceUsage()))).reduce((n, u) => n + u.ru_utime + u.ru_stime, 0);
const workerRssMb = async () => (await Promise.all(workers.map((w) => w.getResourceUsage()))).reduce((n, u) => n + u.ru_maxrss, 0) / 1024;

const rows: Record<string, string | number>[] = [];
for (const n of STEPS) {
  const calls: Call[] = [];
  for (let i = 0; i < n; i++) calls.push(await openCall(i));
  const legs = calls.flatMap((c) => c.legs);
  // Every leg sends 50 packets a second, the legs' clocks spread over the 20 ms period.
  const timer = setInterval(() => {
    for (const leg of legs) {
      leg.send.send(packet(leg), leg.target.port, leg.target.ip);
      leg.sent++;
    }
  }, 1000 / PPS);
  await new Promise((r) => setTimeout(r, 2000)); // settle: comedia learns the senders' addresses
  for (const leg of legs) leg.sent = leg.received = 0;
  const cpu0 = await cpuMs();
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const elapsed = performance.now() - t0;
  const cpu = (await cpuMs()) - cpu0;
  const self = process.cpuUsage(self0);
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, 300)); // the last packets in flight
  const sent = legs.reduce((s, l) => s + l.sent, 0);
  const received = legs.reduce((s, l) => s + l.received, 0);
  rows.push({
    calls: n,
    "packets sent": sent,
    "loss %": ((Math.max(0, sent - received) / sent) * 100).toFixed(3),
    "workers CPU % of machine": ((cpu / elapsed / os.availableParallelism()) * 100).toFixed(1),
    "CPU ms per call-second": (cpu / n / (elapsed / 1000)).toFixed(2),
    "workers max RSS MB": (await workerRssMb()).toFixed(0),
    "generator + recorders CPU %": (((self.user + self.system) / 1000 / elapsed) * 100).toFixed(0),
  });
  for (const c of calls) await Promise.all(c.recorders.map((r) => r.finish((performance.now() - c.startedAt) / 1000)));
  for (const c of calls) {
    c.router.close();
    for (const l of c.legs) {
      l.send.close();
      l.recv.close();
    }
  }
}
// Making the stereo file of a call is ffmpeg's work after the call: time it for a few of them.
let mix = "";
if (RECORD) {
  const seconds: number[] = [];
  const spent: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const out = path.join(recordings, `${i}.ogg`);
    await mixStereo(path.join(recordings, `${i}-0.opus`), path.join(recordings, `${i}-1.opus`), out, SECONDS + 2);
    spent.push(Number(process.hrtime.bigint() - t0) / 1e6);
    seconds.push((await probeAudio(out)).seconds);
  }
  const perSecond = spent.reduce((a, b) => a + b, 0) / seconds.reduce((a, b) => a + b, 0);
  mix = `Mixing a recording into its stereo file: ${perSecond.toFixed(1)} ms of wall time per second of call (ffmpeg, ${seconds.length} calls of ${seconds[0].toFixed(1)} s).`;
}
rmSync(recordings, { recursive: true, force: true });
console.log(
  `\n${WORKERS} mediasoup workers on ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"}), ${SECONDS} s per step, ${PPS} packets/s each way per party\n`,
);
table(rows);
console.log(`\nRecording ${RECORD ? "on" : "off"}. ${mix}`);
console.log("Plain RTP between the parties and the workers: a browser call adds SRTP (AES-GCM/CM) in the worker on top of this routing work.");
for (const w of workers) w.close();
