// Runs `node --import tsx server.ts` as its own process, as a user would, and reports readiness.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import serverNodeOptions from "../../scripts/server-node-options.json" with { type: "json" };

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface SpawnedServer {
  child: ChildProcess;
  /** Resolves with the output so far when the server prints that it is ready; rejects if it exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnServer(env: Record<string, string | undefined>, { inheritEnv = false, timeoutMs = 120_000 } = {}): SpawnedServer {
  const base = inheritEnv ? process.env : { PATH: process.env.PATH, HOME: process.env.HOME };
  // As `npm start` runs it (scripts/start.mjs).
  const child = spawn(process.execPath, [...serverNodeOptions, "--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: { ...base, NEXT_TELEMETRY_DISABLED: "1", ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const timer = setInterval(() => {
      if (output.includes("Centrala is ready")) {
        clearInterval(timer);
        resolve(output);
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`not ready in ${timeoutMs} ms:\n${output}`));
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}:\n${output}`));
    });
  });
  ready.catch(() => {}); // awaited only by callers that expect a start
  return {
    child,
    ready,
    exited,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
