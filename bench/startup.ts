// npm run bench:startup — how long `server.ts` takes to be ready (first start on an empty data
// folder: migrations + demo seed; warm start), to serve its first page, and its memory when idle.
// Needs the pages built (npm run build). BENCH_POSTGRES_URL=postgres://.../postgres adds PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnServer } from "../tests/support/spawn-server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { table } from "./stats.ts";

const WARM_RUNS = Number(process.env.WARM_RUNS ?? 3);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 10);
let port = 43100;

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function run(env: Record<string, string>, measureIdle: boolean) {
  const p = String(port++);
  const t0 = performance.now();
  const server = spawnServer({ NODE_ENV: "production", HOST: "127.0.0.1", PORT: p, LOG_LEVEL: "warn", ...env });
  await server.ready;
  const ready = performance.now() - t0;
  const page = await fetch(`http://127.0.0.1:${p}/login`);
  if (page.status !== 200) throw new Error(`/login answered ${page.status}`);
  await page.text();
  const firstPage = performance.now() - t0;
  let idle = Number.NaN;
  if (measureIdle) {
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    idle = rssMb(server.child.pid!);
  }
  await server.stop();
  return { ready, firstPage, idle };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: Record<string, string>[] = [];

async function measure(label: string, fresh: () => Promise<{ env: Record<string, string>; drop(): Promise<void> }>) {
  const db = await fresh();
  const first = await run(db.env, true);
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await run(db.env, false));
  await db.drop();
  rows.push({
    database: label,
    "first start (ready)": `${(first.ready / 1000).toFixed(1)} s`,
    "first page served": `${(first.firstPage / 1000).toFixed(1)} s`,
    [`warm start, median of ${WARM_RUNS}`]: `${(median(warm.map((w) => w.ready)) / 1000).toFixed(1)} s`,
    [`idle RSS after ${IDLE_SECONDS} s`]: `${first.idle.toFixed(0)} MB`,
  });
}

console.log(`Centrala start-up on ${os.cpus().length} cores, Node ${process.version}\n`);
await measure("PGlite (embedded)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "centrala-bench-"));
  return { env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
});
if (process.env.BENCH_POSTGRES_URL) {
  process.env.TEST_POSTGRES_URL = process.env.BENCH_POSTGRES_URL;
  await measure("PostgreSQL", () => createTestDatabase("postgres"));
}
table(rows);
