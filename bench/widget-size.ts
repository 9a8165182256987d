// npm run bench:widget-size — what the chat widget costs a customer's site.
//  1. The loader (public/widget.js), the only file every page view of the site downloads:
//     raw, gzip and brotli sizes (target: ≤ 10 KB gzipped).
//  2. The widget's iframe, loaded when a visitor opens the chat: every byte Chromium transfers for
//     /widget/<key> (HTML, scripts, styles, API calls), by kind. Needs `npm run build` first; a
//     real server process on a fresh embedded database with the demo widget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { ROOT, spawnServer } from "../tests/support/spawn-server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { table } from "./stats.ts";

const LOADER_TARGET_GZIP = 10 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const loader = readFileSync(path.join(ROOT, "public/widget.js"));
const gzip = gzipSync(loader, { level: 9 }).length;
const brotli = brotliCompressSync(loader, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log("Loader (public/widget.js)");
table([
  {
    raw: kb(loader.length),
    gzip: kb(gzip),
    brotli: kb(brotli),
    target: `≤ ${kb(LOADER_TARGET_GZIP)} gzip`,
    verdict: gzip <= LOADER_TARGET_GZIP ? "within" : "OVER",
  },
]);

const PORT = process.env.BENCH_PORT ?? "43400";
const db = await createTestDatabase("pglite");
const server = spawnServer({ ...db.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT, LOG_LEVEL: "warn", SEED: "demo" });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  await server.ready;
  const page = await browser.newPage();
  const transfers: { kind: string; url: string; bytes: Promise<number> }[] = [];
  page.on("requestfinished", (request) => {
    const bytes = request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize);
    transfers.push({ kind: request.resourceType(), url: request.url(), bytes });
  });
  const started = performance.now();
  await page.goto(`http://127.0.0.1:${PORT}/widget/demo-website-chat`, { waitUntil: "networkidle" });
  await page.getByRole("button", { name: /Start|Rozpocznij|Начать/ }).waitFor();
  const ready = performance.now() - started;
  const byKind = new Map<string, { n: number; bytes: number }>();
  for (const t of transfers) {
    const k = byKind.get(t.kind) ?? { n: 0, bytes: 0 };
    k.n++;
    k.bytes += await t.bytes;
    byKind.set(t.kind, k);
  }
  const total = [...byKind.values()].reduce((a, b) => a + b.bytes, 0);
  console.log("\nWidget iframe (/widget/demo-website-chat): bytes transferred on first open (as sent, with whatever compression the server applied)");
  table(
    [...byKind].map(([kind, v]) => ({ kind, requests: v.n, bytes: kb(v.bytes) })).concat([{ kind: "total", requests: transfers.length, bytes: kb(total) }]),
  );
  console.log(`\nForm ready after ${ready.toFixed(0)} ms (local server, cold caches).`);
} finally {
  await browser.close();
  await server.stop();
  await db.drop();
}
