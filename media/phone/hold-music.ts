// Music on hold for telephones: the product's hold music decoded once (by ffmpeg) to 8 kHz A-law.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const FILE = fileURLToPath(new URL("../sounds/music-on-hold.opus", import.meta.url));
let cached: Uint8Array | null = null;

/** The music as A-law bytes; a second of silence when ffmpeg cannot decode it (callers then wait in silence). */
export function holdMusic(): Uint8Array {
  if (cached) return cached;
  const r = spawnSync(process.env.FFMPEG_PATH ?? "ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", FILE, "-f", "alaw", "-ar", "8000", "-ac", "1", "-"], {
    maxBuffer: 64 * 1024 * 1024,
  });
  cached = r.status === 0 && r.stdout.length >= 160 ? new Uint8Array(r.stdout) : new Uint8Array(8000).fill(0xd5);
  return cached;
}
