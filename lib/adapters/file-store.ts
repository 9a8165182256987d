import fs from "node:fs/promises";
import path from "node:path";
import type { FileStore } from "../../domain/ports.ts";

/** Files under one folder; keys are made by the domain (org/case/uuid) and checked to stay inside it. */
export function folderFileStore(root: string): FileStore {
  const resolve = (key: string) => {
    const p = path.resolve(root, key);
    if (!p.startsWith(path.resolve(root) + path.sep)) throw new Error(`file key outside the store: ${key}`);
    return p;
  };
  return {
    async save(key, bytes) {
      const p = resolve(key);
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, bytes, { flag: "wx" });
    },
    read: (key) => fs.readFile(resolve(key)),
  };
}
