// npm run bench:phone — telephone calls through Janus and the media service on this machine, with
// SIPp as the telephone network (runs inside the phone tests' network namespace).
//  1. Set-up: SETUP_CALLS calls one after another into a queue with a Ready agent: SIPp's INVITE →
//     200 OK (the caller is answered and hears the queue's music), and the call's arrival → the
//     agent's offer (the agent's phone rings). p50/p95.
//  2. Capacity: CALLS calls at once (default 100, started RATE a second, each lasting SECONDS):
//     every caller waits in the queue hearing its music, made by the phone mixer (50 frames a
//     second) → mediasoup → SRTP → Janus → RTP → SIPp, whose phone sends it straight back (-rtp_echo)
//     → Janus → SRTP → mediasoup: the whole path out and back in one stream. Every call is recorded
//     on two channels (the phone's stream twice, standing in for the agent's side, which a browser
//     would send). Prints the loss on the returning streams as mediasoup counts it, the mix's frames
//     against the clock, and the CPU of the mediasoup workers, of Janus and of this process
//     (domain, mixers, recorders), per call-second.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sipp } from "../tests/support/phone/sipp.ts";
import { startPhoneBench } from "./phone-bench.ts";
import { ms, summary, table } from "./stats.ts";

const CALLS = Number(process.env.CALLS ?? 100);
const RATE = Number(process.env.RATE ?? 10);
const SETUP_CALLS = Number(process.env.SETUP_CALLS ?? 30);
const SECONDS = Number(process.env.SECONDS ?? 20);
const DID = "+48221000100";

const bench = await startPhoneBench(18191);
const { prisma, org, roles, app } = bench;
const agent = await prisma.user.create({ data: { organizationId: org.id, roleId: roles.AGENT, username: "bench-agent", name: "Bench Agent", email: "a@bench.test" } });
const queue = await prisma.queue.create({ data: { organizationId: org.id, name: "Bench", channels: ["VOICE"], members: { create: [{ userId: agent.id }] } } });
const trunk = await prisma.sipTrunk.create({
  data: { organizationId: org.id, name: "Bench", host: `127.0.0.1:${bench.registrarPort}`, username: "bench", maxCalls: CALLS + 20, callsPerMinute: 10_000 },
});
await prisma.entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name: "Bench line", key: DID, queueId: queue.id, trunkId: trunk.id } });
const target = await bench.registered(trunk);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const presence = (state: "READY" | "PAUSE", voice: number) =>
  Promise.all([
    prisma.agentPresence.upsert({ where: { userId: agent.id }, create: { userId: agent.id, organizationId: org.id, state, lastSeenAt: new Date() }, update: { state, lastSeenAt: new Date() } }),
    prisma.user.update({ where: { id: agent.id }, data: { capacity: { VOICE: voice } } }),
  ]);

// 1. Set-up latency.
await presence("READY", 1);
const rttFile = (dir: string) => readFileSync(path.join(dir, readdirSync(dir).find((f) => f.endsWith("_rtt.csv"))!), "utf8");
const inviteToAnswer: number[] = [];
const arrivalToOffer: number[] = [];
for (let i = 0; i < SETUP_CALLS; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-rtt-"));
  const run = spawn("sipp", ["-sf", path.resolve("tests/phone/sipp/caller-hangs-up.xml"), "-i", "127.0.0.1", "-p", String(5300 + (i % 50)), "-mi", "127.0.0.1", "-mp", "16000", "-m", "1", "-d", "800", "-nostdin", "-trace_rtt", "-rtt_freq", "1", "-key", "caller", `+4860100${String(i).padStart(4, "0")}`, "-s", DID, target], { cwd: dir, stdio: "ignore" });
  const code = await new Promise<number | null>((r) => run.on("exit", r));
  if (code !== 0) throw new Error(`set-up call ${i}: sipp exited ${code}`);
  const lines = rttFile(dir).trim().split("\n");
  const last = lines.at(-1)!.split(";");
  inviteToAnswer.push(Number(last[1])); // date_ms;response_time_ms;rtd_no
  rmSync(dir, { recursive: true, force: true });
  const interaction = await prisma.interaction.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { arrivedAt: "desc" } });
  const offered = await prisma.interactionEvent.findFirst({ where: { interactionId: interaction.id, type: "offered" } });
  if (offered) arrivalToOffer.push(offered.at.getTime() - interaction.arrivedAt.getTime());
  await wait(300);
}
console.log(`Set-up, ${SETUP_CALLS} calls one after another (Janus + SIPp + mediasoup, PostgreSQL)`);
const a = summary(inviteToAnswer);
const b = summary(arrivalToOffer);
table([
  { measure: "INVITE → 200 OK (caller answered, hears music)", n: a.n, p50: ms(a.p50), p95: ms(a.p95), max: ms(a.max) },
  { measure: "call arrives → agent's offer rings", n: b.n, p50: ms(b.p50), p95: ms(b.p95), max: ms(b.max) },
]);

// 2. Capacity: nobody takes the calls (the agent has no room for one), so every caller waits with music.
await presence("READY", 0);
const media = app.media!;
const recordings = mkdtempSync(path.join(os.tmpdir(), "bench-phone-rec-"));
const before = { workers: (await media.stats()).cpuMs, janus: bench.janusCpu(), self: process.cpuUsage(), at: performance.now() };
const load = sipp("caller-talks.xml", {
  target,
  keys: { caller: "+48601999999" },
  args: ["-s", DID, "-m", String(CALLS), "-l", String(CALLS), "-r", String(RATE), "-d", String(SECONDS * 1000), "-rtp_echo"],
});
const rooms = (media as unknown as { rooms: Map<string, { parties: Map<string, { producer: { getStats(): Promise<{ packetCount: number; packetsLost: number }[]> } | null; phone?: { mixCounts: { frames: number } } }> }> }).rooms;
const started = new Map<string, number>();
let peak = 0;
const sampled = new Map<string, { packets: number; lost: number; frames: number; seconds: number }>();
const timer = setInterval(async () => {
  peak = Math.max(peak, rooms.size);
  for (const [callId, room] of rooms) {
    const phone = [...room.parties].find(([, p]) => p.phone);
    if (!phone || !phone[1].producer) continue;
    if (!started.has(callId)) {
      started.set(callId, performance.now());
      void media.startRecording(callId, [phone[0], phone[0]], path.join(recordings, callId)).catch(() => {});
    }
    const s = (await phone[1].producer.getStats().catch(() => []))[0];
    if (s) sampled.set(callId, { packets: s.packetCount, lost: s.packetsLost, frames: phone[1].phone!.mixCounts.frames, seconds: (performance.now() - started.get(callId)!) / 1000 });
  }
}, 1000);
const code = await load.done;
clearInterval(timer);
const after = { workers: (await media.stats()).cpuMs, janus: bench.janusCpu(), self: process.cpuUsage(before.self), at: performance.now() };
const wall = (after.at - before.at) / 1000;
const all = [...sampled.values()];
const packets = all.reduce((n, s) => n + s.packets, 0);
const lost = all.reduce((n, s) => n + Math.max(0, s.lost), 0);
const callSeconds = all.reduce((n, s) => n + s.seconds, 0);
const frames = all.reduce((n, s) => n + s.frames, 0);
const files = execFileSync("find", [recordings, "-type", "f"]).toString().trim().split("\n").filter(Boolean);
const recordedBytes = files.reduce((n, f) => n + statSync(f).size, 0);
console.log(`\nCapacity: ${CALLS} calls at once (SIPp exit ${code}; ${sampled.size} calls bridged, at most ${peak} at a time), ${wall.toFixed(0)} s`);
table([
  { measure: "loss out and back (mediasoup counts the echo)", value: `${((lost / Math.max(1, packets + lost)) * 100).toFixed(3)} % (${lost} of ${packets + lost})` },
  { measure: "mix frames sent per call-second (50 due)", value: (frames / Math.max(1, callSeconds)).toFixed(1) },
  { measure: "mediasoup workers' CPU per call-second", value: ms((after.workers - before.workers) / Math.max(1, callSeconds)) },
  { measure: "Janus's CPU per call-second", value: ms((after.janus - before.janus) / Math.max(1, callSeconds)) },
  { measure: "this process (domain, mixers, recorders) per call-second", value: ms((after.self.user + after.self.system) / 1000 / Math.max(1, callSeconds)) },
  { measure: "all three, share of the machine", value: `${((((after.workers - before.workers) + (after.janus - before.janus) + (after.self.user + after.self.system) / 1000) / (wall * 1000 * os.availableParallelism())) * 100).toFixed(1)} %` },
  { measure: "recorded (two G.711 channels a call)", value: `${files.length} files, ${(recordedBytes / 1e6).toFixed(1)} MB` },
]);
console.log("Not counted: SIPp itself (the stand-in for the telephone network).");

rmSync(recordings, { recursive: true, force: true });
await bench.close();
process.exit(0);
