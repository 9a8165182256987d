// npm run bench:web-ivr — what a web caller in an IVR flow waits for before a prompt starts,
// beyond what a telephone waits: the prompt (8 kHz A-law, as espeak-ng or an upload gives it)
// turned into Opus by ffmpeg. PROMPTS different prompts (default 40, ~3 s of speech each) are
// synthesised, then converted the first time (a new prompt) and again (cached: the usual case,
// as callers hear the same menus). Prints p50/p95/max of each step and the Opus size per second.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { opusPrompt } from "../media/ivr/opus-prompt.ts";
import { synthesize } from "../media/ivr/tts.ts";
import { ms, summary, table } from "./stats.ts";

const PROMPTS = Number(process.env.PROMPTS ?? 40);
const cacheDir = mkdtempSync(path.join(os.tmpdir(), "bench-web-ivr-"));
const speak: number[] = [];
const fresh: number[] = [];
const cached: number[] = [];
let seconds = 0;
let bytes = 0;
for (let i = 0; i < PROMPTS; i++) {
  const text = `For sales, press one. For invoice number ${1000 + i}, press two. To hear this again, press star.`;
  let t = performance.now();
  const alaw = await synthesize(text, "en", { cacheDir });
  speak.push(performance.now() - t);
  t = performance.now();
  const packets = await opusPrompt(alaw);
  fresh.push(performance.now() - t);
  t = performance.now();
  await opusPrompt(alaw);
  cached.push(performance.now() - t);
  seconds += alaw.length / 8000;
  bytes += packets.reduce((n, p) => n + p.length, 0);
}
rmSync(cacheDir, { recursive: true, force: true });
const row = (step: string, v: number[]) => {
  const s = summary(v);
  return { step, n: s.n, p50: ms(s.p50), p95: ms(s.p95), max: ms(s.max) };
};
table([row("espeak-ng (new prompt)", speak), row("A-law → Opus (new prompt)", fresh), row("A-law → Opus (cached)", cached)]);
console.log(`\nprompts: ${(seconds / PROMPTS).toFixed(1)} s each on average; Opus ${((bytes * 8) / seconds / 1000).toFixed(1)} kbit/s of speech`);
