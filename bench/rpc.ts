// npm run bench:rpc — round trip of one RPC call between two processes through Redis (REDIS_URL,
// default 127.0.0.1:6379): p50/p95/p99 one at a time with a small and a join-sized (~2 KB)
// payload, and with CONCURRENT calls in flight. The serving node is tests/support/rpc-child.ts.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createLogger } from "../lib/logger.ts";
import { RpcNode } from "../lib/rpc/rpc-node.ts";
import { ms, summary, table } from "./stats.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CALLS = Number(process.env.CALLS ?? 2000);
const CONCURRENT = Number(process.env.CONCURRENT ?? 20);
const namespace = `centrala-bench-${randomUUID()}`;

const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "../tests/support/rpc-child.ts")], {
  env: { ...process.env, REDIS_URL, RPC_NAMESPACE: namespace },
  stdio: ["ignore", "pipe", "inherit"],
});
const target = await new Promise<string>((resolve) => {
  let out = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d;
    const m = /node (\S+)\n/.exec(out);
    if (m) resolve(m[1]);
  });
});
const node = await RpcNode.open({ redisUrl: REDIS_URL, namespace, log: createLogger("warn", false) });
try {
  const small = { callId: randomUUID(), partyId: randomUUID() };
  const joinSized = { ...small, blob: "x".repeat(2048) };
  const time = async (payload: unknown) => {
    const started = performance.now();
    await node.call(target, "echo", [payload]);
    return performance.now() - started;
  };
  for (let i = 0; i < 200; i++) await time(small); // warm-up
  const rows = [];
  for (const [name, payload] of [
    ["small", small],
    ["2 KB", joinSized],
  ] as const) {
    const took: number[] = [];
    for (let i = 0; i < CALLS; i++) took.push(await time(payload));
    const s = summary(took);
    rows.push({ calls: `${name}, one at a time`, n: s.n, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) });
  }
  const took: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      for (let i = 0; i < CALLS / CONCURRENT; i++) took.push(await time(small));
    }),
  );
  const s = summary(took);
  const perSecond = Math.round(took.length / ((performance.now() - started) / 1000));
  rows.push({ calls: `small, ${CONCURRENT} in flight (${perSecond}/s)`, n: s.n, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) });
  table(rows);
} finally {
  await node.close();
  child.kill();
}
