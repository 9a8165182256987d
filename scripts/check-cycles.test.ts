import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, findCycles, findSliceCycles } from "./check-cycles.mjs";

let dir = "";
function tree(files: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), "cycles-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("findCycles", () => {
  it("finds a ring through several slices and names it from each file", () => {
    const root = tree({
      "domain/a/x.ts": 'import { y } from "../b/y.ts";\nexport const x = y;\n',
      "domain/b/y.ts": 'import { z } from "@/domain/c/z";\nexport const y = z;\n',
      "domain/c/z.ts": 'export { x } from "../a/x.ts";\nexport const z = 1;\n',
      "domain/c/leaf.ts": 'import { x } from "../a/x.ts";\nexport const leaf = x;\n',
    });
    const cycles = findCycles(root, ["domain"]);
    expect(cycles).toHaveLength(1);
    expect(cycles[0].files).toEqual(["domain/a/x.ts", "domain/b/y.ts", "domain/c/z.ts"]);
    expect(cycles[0].ringOf["domain/b/y.ts"]).toEqual(["domain/b/y.ts", "domain/c/z.ts", "domain/a/x.ts", "domain/b/y.ts"]);
  });

  it("ignores imports erased at compile time and late dynamic imports", () => {
    const root = tree({
      "domain/a/x.ts": 'import type { Y } from "../b/y.ts";\nexport type X = Y;\n',
      "domain/b/y.ts": 'import { type X } from "../a/x.ts";\nexport type Y = X;\nexport const later = () => import("../a/x.ts");\n',
    });
    expect(findCycles(root, ["domain"])).toEqual([]);
  });

  it("tells cycles between slices apart from cycles between files", () => {
    const root = tree({
      "domain/a/one.ts": 'import { two } from "../b/two.ts";\nexport const one = two;\n',
      "domain/a/three.ts": "export const three = 3;\n",
      "domain/b/two.ts": 'import { three } from "../a/three.ts";\nexport const two = three;\n',
    });
    expect(findCycles(root, ["domain"])).toEqual([]);
    expect(findSliceCycles(root).map((c) => c.slices)).toEqual([["a", "b"]]);
  });
});

it("the repository has no import cycles between files", () => {
  expect(findCycles(ROOT).map((c) => c.files)).toEqual([]);
});
