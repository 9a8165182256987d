// Uploaded sounds (domain/audio) as the media role plays them: IVR prompts as A-law for the phone
// mixer, music on hold as A-law (telephones) and Opus packets (browsers). Read from the database
// once and kept in a small LRU, bounded by bytes: prompts by id (a sound's content never changes
// under its id), music by id and updatedAt (what the call's queue reports, so a changed row is read again).
import type { PrismaClient } from "../generated/prisma/client.ts";
import { opusPacketsFromOgg } from "./ogg-opus.ts";

export interface HoldMusic {
  /** Which upload (id and version): the same key is the same music. */
  key: string;
  alaw: Uint8Array;
  opus: Uint8Array[];
}

const BUDGET_BYTES = 64 * 1024 * 1024;

class Lru<T> {
  private entries = new Map<string, { value: T; bytes: number }>();
  private total = 0;
  constructor(private readonly budget: number) {}

  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: T, bytes: number) {
    const old = this.entries.get(key);
    if (old) this.total -= old.bytes;
    this.entries.delete(key);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= this.budget || this.entries.size <= 1) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  clear() {
    this.entries.clear();
    this.total = 0;
  }
}

const prompts = new Lru<Uint8Array>(BUDGET_BYTES);
const music = new Lru<HoldMusic>(BUDGET_BYTES);
/** Loads under way, so many callers reaching one prompt at once read it once. */
const loading = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  const running = loading.get(key) as Promise<T> | undefined;
  if (running) return running;
  const p = load().finally(() => loading.delete(key));
  loading.set(key, p);
  return p;
}

/** An uploaded prompt's A-law bytes; null when it no longer exists. */
export async function promptAudio(id: string, db: PrismaClient): Promise<Uint8Array | null> {
  const cached = prompts.get(id);
  if (cached) return cached;
  return once(`prompt:${id}`, async () => {
    const row = await db.audioFile.findUnique({ where: { id }, select: { alaw: true } });
    if (!row) return null;
    const alaw = new Uint8Array(row.alaw);
    prompts.set(id, alaw, alaw.length);
    return alaw;
  });
}

/** Uploaded music for hold, ready for both kinds of caller; null when it no longer exists. Throws
 * when its Opus cannot be read (the caller then hears the product's music). */
export async function holdMusicOf(ref: { id: string; updatedAt: Date }, db: PrismaClient): Promise<HoldMusic | null> {
  const key = `${ref.id}:${ref.updatedAt.getTime()}`;
  const cached = music.get(key);
  if (cached) return cached;
  return once(`music:${key}`, async () => {
    const row = await db.audioFile.findUnique({ where: { id: ref.id }, select: { alaw: true, opus: true } });
    if (!row) return null;
    const opus = opusPacketsFromOgg(new Uint8Array(row.opus));
    if (!opus.length || row.alaw.length < 160) throw new Error("the uploaded music has no audio");
    const loaded: HoldMusic = { key, alaw: new Uint8Array(row.alaw), opus };
    music.set(key, loaded, row.alaw.length + row.opus.length);
    return loaded;
  });
}

/** Forgets everything (tests). */
export function clearUploadedAudio() {
  prompts.clear();
  music.clear();
}
