// npm run bench:ivr — callers in an IVR flow through Janus and the media service (inside the phone
// tests' network namespace). CALLERS callers (default 50, started RATE a second) walk a two-menu
// flow that sends each back to the other, pressing a key (SIP INFO) every KEY_MS for KEYS keys;
// every key moves them on and the next prompt (espeak-ng, cached after its first caller) plays
// into their telephone. Prints the time from a key reaching the server to the next prompt starting
// (p50/p95/max) and the CPU of the mediasoup workers, Janus and this process per caller-second.
import os from "node:os";
import { digitToPromptMs } from "../media/ivr/ivr-session.ts";
import { ivrCaller } from "../tests/support/phone/ivr-caller.ts";
import { publishedFlow } from "../tests/support/ivr-flows.ts";
import { startPhoneBench } from "./phone-bench.ts";
import { ms, summary, table } from "./stats.ts";

const CALLERS = Number(process.env.CALLERS ?? 50);
const RATE = Number(process.env.RATE ?? 10);
const KEYS = Number(process.env.KEYS ?? 16);
const KEY_MS = Number(process.env.KEY_MS ?? 1500);
const DID = "+48221000200";

const bench = await startPhoneBench(18192);
const { prisma, org, app } = bench;
const queue = await prisma.queue.create({ data: { organizationId: org.id, name: "Bench", channels: ["VOICE"] } });
const trunk = await prisma.sipTrunk.create({
  data: { organizationId: org.id, name: "Bench", host: `127.0.0.1:${bench.registrarPort}`, username: "bench", maxCalls: CALLERS + 20, callsPerMinute: 10_000 },
});
const say = (en: string) => ({ text: { en } });
const flow = {
  language: "en",
  start: "a",
  nodes: {
    a: { type: "menu", prompt: say("For the second menu, press one."), options: { "1": "b" }, timeoutSeconds: 10, retries: 5, onFail: "q" },
    b: { type: "menu", prompt: say("To go back, press two."), options: { "2": "a" }, timeoutSeconds: 10, retries: 5, onFail: "q" },
    q: { type: "queue", queueId: queue.id },
  },
};
const ivrFlowId = await publishedFlow(prisma, org.id, "Bench", flow);
await prisma.entryPoint.create({ data: { organizationId: org.id, kind: "PHONE", name: "Bench line", key: DID, queueId: queue.id, trunkId: trunk.id, ivrFlowId } });
const target = await bench.registered(trunk);

const media = app.media!;
const before = { workers: (await media.stats()).cpuMs, janus: bench.janusCpu(), self: process.cpuUsage(), at: performance.now() };
const steps = [{ pause: 2000 }, ...Array.from({ length: KEYS }, (_, i) => [{ info: i % 2 ? "2" : "1" }, { pause: KEY_MS }]).flat()];
const load = ivrCaller(target, DID, "+48601888888", steps, { hangUpAfterMs: 1000 }, ["-m", String(CALLERS), "-l", String(CALLERS), "-r", String(RATE)]);
const rooms = (media as unknown as { rooms: Map<string, unknown> }).rooms;
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, rooms.size)), 500);
const code = await load.done;
clearInterval(timer);
const after = { workers: (await media.stats()).cpuMs, janus: bench.janusCpu(), self: process.cpuUsage(before.self), at: performance.now() };
const wall = (after.at - before.at) / 1000;
const calls = await prisma.call.findMany({ where: { organizationId: org.id }, select: { createdAt: true, endedAt: true } });
const callerSeconds = calls.reduce((n, c) => n + ((c.endedAt ?? new Date()).getTime() - c.createdAt.getTime()) / 1000, 0);
const chose = await prisma.interactionEvent.count({ where: { organizationId: org.id, type: "ivr", data: { path: ["what"], equals: "chose" } } });
const s = summary(digitToPromptMs);
console.log(`IVR: ${CALLERS} callers (SIPp exit ${code}; ${calls.length} calls, at most ${peak} at once), ${KEYS} keys each every ${KEY_MS} ms, ${wall.toFixed(0)} s`);
table([
  { measure: "key → next prompt starts", n: s.n, p50: ms(s.p50), p95: ms(s.p95), max: ms(s.max) },
]);
table([
  { measure: "menu choices recorded (of keys sent)", value: `${chose} of ${CALLERS * KEYS}` },
  { measure: "mediasoup workers' CPU per caller-second", value: ms((after.workers - before.workers) / Math.max(1, callerSeconds)) },
  { measure: "Janus's CPU per caller-second", value: ms((after.janus - before.janus) / Math.max(1, callerSeconds)) },
  { measure: "this process (engine, prompts, mixers) per caller-second", value: ms((after.self.user + after.self.system) / 1000 / Math.max(1, callerSeconds)) },
  { measure: "all three, share of the machine", value: `${((((after.workers - before.workers) + (after.janus - before.janus) + (after.self.user + after.self.system) / 1000) / (wall * 1000 * os.availableParallelism())) * 100).toFixed(1)} %` },
]);
console.log("Not counted: SIPp itself (the stand-in for the telephone network).");
await bench.close();
process.exit(0);
