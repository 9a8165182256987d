// Prompts spoken by speech synthesis: espeak-ng (Debian's, with Polish, English and Russian voices)
// speaks the text, ffmpeg turns it into what a telephone takes (8 kHz A-law), and the result is
// kept on disk by a hash of what was said and how, so a menu heard by many callers is made once.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Language } from "../../domain/ivr/speech.ts";

/** espeak-ng's voice for each language (British English: the product's English is British). */
const VOICES: Record<Language, string> = { pl: "pl", en: "en-gb", ru: "ru" };
/** Longer prompts are a mistake (a menu is a few sentences); refusing them bounds the work. */
export const MAX_PROMPT_CHARS = 2000;
const TIMEOUT_MS = 20_000;

export interface SpeechOptions {
  cacheDir: string;
  espeakBin?: string;
  ffmpegBin?: string;
  /** Words per minute (espeak-ng's -s); 150 is calm and clear on a telephone. */
  speed?: number;
}

export class SpeechError extends Error {}

/** Runs a program with `input` on its stdin; its stdout, or an error with what it said. */
function run(bin: string, args: string[], input: Uint8Array | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new SpeechError(e.code === "ENOENT" ? `${bin} is not installed` : `${bin} failed: ${e.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new SpeechError(`${path.basename(bin)} failed (${code ?? "killed"}): ${err.trim().slice(-300)}`));
    });
    child.stdin.on("error", () => {}); // a program that died early: its exit says why
    child.stdin.end(input);
  });
}

/** The text spoken in `language`, as 8 kHz A-law bytes. */
export async function synthesize(text: string, language: Language, opts: SpeechOptions): Promise<Uint8Array> {
  const words = text.trim();
  if (!words) throw new SpeechError("There is nothing to say");
  if (words.length > MAX_PROMPT_CHARS) throw new SpeechError(`A prompt may have at most ${MAX_PROMPT_CHARS} characters`);
  const speed = opts.speed ?? 150;
  const key = createHash("sha256").update(`espeak-ng|${VOICES[language]}|${speed}|${words}`).digest("hex");
  const file = path.join(opts.cacheDir, `${key}.alaw`);
  const cached = await readFile(file).catch(() => null);
  if (cached && cached.length > 0) return new Uint8Array(cached);
  // Text on stdin (never as an argument: a prompt starting with "-" is not an option), UTF-8 (-b 1).
  const wav = await run(opts.espeakBin ?? "espeak-ng", ["-v", VOICES[language], "-s", String(speed), "-b", "1", "--stdout"], words);
  const alaw = await run(opts.ffmpegBin ?? process.env.FFMPEG_PATH ?? "ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", "pipe:0", "-f", "alaw", "-ar", "8000", "-ac", "1", "pipe:1"], wav);
  if (alaw.length < 800) throw new SpeechError("The speech synthesiser produced no audio");
  await mkdir(opts.cacheDir, { recursive: true });
  // Written whole, then renamed: a caller never gets half a prompt from the cache.
  const partial = `${file}.${process.pid}.part`;
  await writeFile(partial, alaw);
  await rename(partial, file);
  return new Uint8Array(alaw);
}
