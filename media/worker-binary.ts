// Where the mediasoup worker (the C++ media engine) is: MEDIASOUP_WORKER_BIN, else the build cache
// of scripts/mediasoup-worker.sh (keyed by version), else where npm's postinstall puts it on a
// machine with internet. None of them: voice stays off, and the reason says how to get one.
import { accessSync, constants, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type WorkerBinary = { path: string } | { path: null; reason: string };

const require = createRequire(import.meta.url);
/** Our worker patches (scripts/mediasoup-worker.sh PATCHES): part of the cached binary's name. */
export const WORKER_PATCHES = "c3";

/** mediasoup's folder (its package.json is not exported: found from its entry point). */
const packageRoot = () => path.resolve(path.dirname(require.resolve("mediasoup")), "..", "..");

export function mediasoupVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** The file is there and may be run. */
export const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function findWorkerBinary(settings: { workerBin?: string; cacheDir: string }): WorkerBinary {
  const version = mediasoupVersion();
  if (settings.workerBin) {
    return executable(settings.workerBin)
      ? { path: settings.workerBin }
      : { path: null, reason: `MEDIASOUP_WORKER_BIN points at ${settings.workerBin}, which is not an executable file` };
  }
  const cached = path.join(settings.cacheDir, `mediasoup-worker-${version}-${WORKER_PATCHES}`);
  if (executable(cached)) return { path: cached };
  const npmBuilt = path.join(packageRoot(), "worker", "out", "Release", "mediasoup-worker");
  if (executable(npmBuilt)) return { path: npmBuilt };
  return {
    path: null,
    reason: `no mediasoup worker ${version} found (looked in ${cached} and ${npmBuilt}); build it offline with scripts/mediasoup-worker.sh or set MEDIASOUP_WORKER_BIN`,
  };
}
