#!/usr/bin/env node
// Import cycles are forbidden (docs/architecture.md, "Which slice depends on which"). This walks the
// static imports of the .ts/.tsx files under domain, media, graphql, lib and channels, resolves
// relative and "@/" specifiers, and finds every group of files that import each other, directly or
// around a ring. `import type` is skipped (erased when compiled: no load-order dependency), and so
// is `await import()` (a deliberate late binding). Used by the ESLint rule `centrala/no-import-cycle`
// (eslint.config.mjs) and on its own:
//
//   node scripts/check-cycles.mjs            the file cycles; exit code 1 when there is one
//   node scripts/check-cycles.mjs --slices   also the cycles between domain slices (informational)
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const FOLDERS = ["domain", "media", "graphql", "lib", "channels"];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) out.push(p);
  }
  return out;
}

const importRe = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?["']([^"']+)["']/gm;

/** The import graph: absolute file → the files it imports at load time. */
export function importGraph(root = ROOT, folders = FOLDERS) {
  const files = folders.flatMap((f) => (existsSync(join(root, f)) ? walk(join(root, f), []) : []));
  const known = new Set(files);
  const resolveSpecifier = (from, spec) => {
    let base;
    if (spec.startsWith("@/")) base = join(root, spec.slice(2));
    else if (spec.startsWith(".")) base = resolve(dirname(from), spec);
    else return null;
    const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
    return candidates.find((c) => known.has(c)) ?? null;
  };
  const graph = new Map();
  for (const file of files) {
    const edges = new Set();
    for (const m of readFileSync(file, "utf8").matchAll(importRe)) {
      if (m[2]) continue;
      // `import { type A, type B } from` is type-only too.
      const names = /^\s*\{([^}]*)\}\s+from\s+$/.exec(m[3] ?? "");
      if (names && names[1].split(",").map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith("type "))) continue;
      const target = resolveSpecifier(file, m[4]);
      if (target && target !== file) edges.add(target);
    }
    graph.set(file, [...edges]);
  }
  return graph;
}

/** Strongly connected components of more than one node (Tarjan's, iterative). */
function components(graph) {
  let index = 0;
  const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], found = [];
  for (const start of graph.keys()) {
    if (idx.has(start)) continue;
    const enter = (v) => { idx.set(v, index); low.set(v, index); index++; stack.push(v); onStack.add(v); };
    enter(start);
    const work = [[start, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const v = frame[0];
      const edges = graph.get(v) ?? [];
      if (frame[1] < edges.length) {
        const w = edges[frame[1]++];
        if (!idx.has(w)) { enter(w); work.push([w, 0]); }
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
        continue;
      }
      work.pop();
      if (work.length) { const u = work[work.length - 1][0]; low.set(u, Math.min(low.get(u), low.get(v))); }
      if (low.get(v) === idx.get(v)) {
        const comp = [];
        let w;
        do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
        if (comp.length > 1) found.push(comp.sort());
      }
    }
  }
  return found;
}

/** The shortest ring through `from` inside one component, for messages: [from, …, from]. */
function ring(graph, comp, from) {
  const inComp = new Set(comp);
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (w === from) {
        const path = [];
        for (let x = v; x !== null; x = prev.get(x)) path.unshift(x);
        return [...path, from];
      }
      if (inComp.has(w) && !prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return [from];
}

/** Every file cycle: its files and, per file, the ring through it (paths relative to `root`). */
export function findCycles(root = ROOT, folders = FOLDERS) {
  const graph = importGraph(root, folders);
  const rel = (f) => relative(root, f).split(sep).join("/");
  return components(graph).map((comp) => ({
    files: comp.map(rel),
    ringOf: Object.fromEntries(comp.map((f) => [rel(f), ring(graph, comp, f).map(rel)])),
  }));
}

/** Cycles between domain slices (domain/<slice>/…): the same search on the graph of slices. */
export function findSliceCycles(root = ROOT) {
  const graph = importGraph(root, ["domain"]);
  const sliceOf = (f) => relative(join(root, "domain"), f).split(sep)[0].replace(/\.tsx?$/, "");
  const slices = new Map();
  const why = new Map();
  for (const [file, targets] of graph) {
    if (/\.test\.tsx?$/.test(file)) continue;
    const a = sliceOf(file);
    if (!slices.has(a)) slices.set(a, new Set());
    for (const t of targets) {
      const b = sliceOf(t);
      if (a === b) continue;
      slices.get(a).add(b);
      const key = `${a}→${b}`;
      if (!why.has(key)) why.set(key, []);
      why.get(key).push(`${relative(root, file)} → ${relative(root, t)}`);
    }
  }
  const sliceGraph = new Map([...slices].map(([a, bs]) => [a, [...bs]]));
  return components(sliceGraph).map((comp) => {
    const set = new Set(comp);
    return { slices: comp, edges: [...why].filter(([k]) => k.split("→").every((s) => set.has(s))) };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cycles = findCycles();
  if (cycles.length === 0) console.log(`No import cycles among the files of ${FOLDERS.join(", ")}.`);
  for (const c of cycles) {
    console.error(`Import cycle among ${c.files.length} files:\n  ${c.ringOf[c.files[0]].join("\n    → ")}`);
  }
  if (process.argv.includes("--slices")) {
    const sliceCycles = findSliceCycles();
    console.log(sliceCycles.length ? `\nCycles between domain slices (not yet enforced):` : "\nNo cycles between domain slices.");
    for (const c of sliceCycles) {
      console.log(`\n  ${c.slices.join(", ")}`);
      for (const [k, files] of c.edges) console.log(`    ${k}: ${files.join("; ")}`);
    }
  }
  process.exitCode = cycles.length ? 1 : 0;
}
