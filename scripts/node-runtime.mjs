// Which Node.js runs Centrala. Node 24 LTS is the target and 22.12 the oldest accepted (mediasoup,
// graphql-yoga's helpers and sanitize-html declare Node ≥ 22; Node 20's support ended in April 2026).
// Where the machine's own Node is older, the official Node 24 build is taken from the npm registry
// (the package node-<platform>-<arch>, the same binary nodejs.org ships) into the cache, once:
//
//   node scripts/node-runtime.mjs          # prints the path of a Node binary to use (fetching if needed)
//   node scripts/node-runtime.mjs --check  # exit 0 when this Node is supported, 1 otherwise (prints why)
//
// Plain JavaScript that runs on old Node versions too: it is what tells them to step aside.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The Node 24 build fetched when the machine's Node is too old (pinned: its tarball is checked by npm). */
export const FETCHED_NODE_VERSION = "24.22.3";
export const MINIMUM = [22, 12, 0];

const cacheDir = () => process.env.CENTRALA_CACHE || path.join(os.homedir(), ".cache", "centrala");

/** Whether a version string ("v20.20.2" or "20.20.2") is one Centrala runs on. */
export function supported(version) {
  const parts = version.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < MINIMUM.length; i++) {
    if ((parts[i] ?? 0) !== MINIMUM[i]) return (parts[i] ?? 0) > MINIMUM[i];
  }
  return true;
}

export function tooOldMessage(version) {
  return `Centrala needs Node.js ${MINIMUM.slice(0, 2).join(".")} or later (24 LTS recommended); this is Node.js ${version.replace(/^v/, "")}.`;
}

/** npm, as the npm that started us (npm start / npm test) or the one on PATH. */
function npm(args, options) {
  const cli = process.env.npm_execpath;
  return cli && cli.endsWith(".js") ? execFileSync(process.execPath, [cli, ...args], options) : execFileSync("npm", args, options);
}

/**
 * The path of a supported Node binary: this process's own when it is new enough, else Node 24
 * from the cache, fetched from the npm registry the first time. Throws with a readable message
 * when none can be had.
 */
export function supportedNode({ log = (line) => console.error(line) } = {}) {
  if (supported(process.version)) return process.execPath;
  const platformPackage = `node-${process.platform}-${process.arch}`;
  const dir = path.join(cacheDir(), `node-${FETCHED_NODE_VERSION}`);
  const bin = path.join(dir, "bin", "node");
  if (fs.existsSync(bin)) return bin;
  log(`${tooOldMessage(process.version)} Fetching Node.js ${FETCHED_NODE_VERSION} from the npm registry (${platformPackage}, about 50 MB, once) into ${dir}…`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "centrala-node-"));
  try {
    const name = npm(["pack", `${platformPackage}@${FETCHED_NODE_VERSION}`, "--silent", "--pack-destination", tmp], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    })
      .trim()
      .split("\n")
      .pop();
    const partial = `${dir}.partial-${process.pid}`;
    fs.mkdirSync(partial, { recursive: true });
    execFileSync("tar", ["xzf", path.join(tmp, name), "-C", partial, "--strip-components=1"], { stdio: "inherit" });
    const version = execFileSync(path.join(partial, "bin", "node"), ["--version"], { encoding: "utf8" }).trim();
    if (!supported(version)) throw new Error(`the fetched Node.js reports ${version}`);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // Another start may have finished first; either copy is the same build.
    try {
      fs.renameSync(partial, dir);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true });
    }
    return bin;
  } catch (e) {
    const why = e instanceof Error ? (e.stderr?.toString().trim() || e.message).split("\n")[0] : String(e);
    throw new Error(
      `${tooOldMessage(process.version)} Node.js ${FETCHED_NODE_VERSION} could not be fetched from the npm registry (${why}). Install Node.js 24 (https://nodejs.org) and run the command again.`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--check")) {
    if (supported(process.version)) process.exit(0);
    console.error(tooOldMessage(process.version));
    process.exit(1);
  }
  try {
    console.log(supportedNode());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
