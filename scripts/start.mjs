// `npm start` (and `npm run dev` with --dev): one command from a fresh clone to a running product.
// On a Node.js older than Centrala supports it runs itself again on Node 24 (scripts/node-runtime.mjs),
// or stops with one line saying why; then it generates the database client and builds the pages
// when they changed since the last time (or never were), and runs server.ts.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { supported, supportedNode } from "./node-runtime.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");

/** Runs `command` as a child with this terminal, passing signals on, and exits as it does. */
function runAsChild(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!supported(process.version)) {
  let node;
  try {
    node = supportedNode();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  console.log(`Node.js ${process.version.slice(1)} is too old for Centrala; running it on ${node}.`);
  runAsChild(node, [import.meta.filename, ...process.argv.slice(2)], {
    ...process.env,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ""}`,
  });
} else {
  start();
}

function start() {
  execFileSync(process.execPath, [path.join(root, "scripts/generate.mjs"), "--if-changed"], { cwd: root, stdio: "inherit" });
  if (!dev) buildPagesIfChanged();
  // The young generation's default size (up to 3 × 32 MB on a 64-bit machine) was a fifth of an idle
  // server's memory; a few MB keeps garbage collection cheap for a server's small, short-lived objects.
  const options = JSON.parse(fs.readFileSync(path.join(root, "scripts/server-node-options.json"), "utf8"));
  runAsChild(process.execPath, [...options, "--import", "tsx", "server.ts"], {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    ...(dev ? { NODE_ENV: "development" } : {}),
  });
}

function buildPagesIfChanged() {
  const stamp = path.join(root, ".next", "centrala-build-hash");
  const inputs = ["app", "messages", "i18n", "lib", "domain", "graphql/graphql-env.d.ts", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
  const hash = createHash("sha256");
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    else hash.update(path.relative(root, p)).update(fs.readFileSync(p));
  };
  for (const input of inputs) visit(path.join(root, input));
  const current = hash.digest("hex");
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === current) return;
  console.log("Building the web pages (once after each change; about a minute)…");
  execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(stamp, current);
}
