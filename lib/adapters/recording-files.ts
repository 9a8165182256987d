import type { Dirent } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { RecordingFiles } from "../../domain/voice/recording-retention.ts";

/** Recordings under RECORDINGS_DIR (<org>/<yyyy>/<mm>/<call>.ogg) and their part files (.parts/<call>/). */
export function folderRecordingFiles(root: string): RecordingFiles {
  const base = path.resolve(root);
  const inside = (key: string) => {
    const p = path.resolve(base, key);
    if (!p.startsWith(base + path.sep)) throw new Error(`recording key outside the folder: ${key}`);
    return p;
  };
  const parts = path.join(base, ".parts");
  return {
    remove: (key) => fs.rm(inside(key), { force: true }),
    async partFolders() {
      let entries: Dirent[];
      try {
        entries = await fs.readdir(parts, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw err;
      }
      const folders = await Promise.all(
        entries
          .filter((e) => e.isDirectory())
          .map(async (e) => {
            const s = await fs.stat(path.join(parts, e.name)).catch(() => null);
            return s ? { callId: e.name, modifiedAt: s.mtime } : null;
          }),
      );
      return folders.filter((f) => f !== null);
    },
    removeParts: (callId) => fs.rm(inside(path.join(".parts", callId)), { recursive: true, force: true }),
  };
}
