// Starts `server.ts` as production runs it (built pages, real sign-in) on a fresh PostgreSQL
// database, and returns the teardown that stops it and drops the database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_PORT } from "../../playwright.config.ts";
import { createTestDatabase } from "../support/test-database.ts";

const root = path.resolve(import.meta.dirname, "../..");

export default async function globalSetup() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("Build the pages first: npm run build");
  const db = await createTestDatabase("postgres");
  process.env.E2E_DATABASE_URL = db.env.DATABASE_URL;
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...db.env,
      NODE_ENV: "production",
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
      SEED: "none",
      LOG_LEVEL: "warn",
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0000",
      SIGNIN_RATE_LIMIT_PER_MINUTE: "1000",
      LOGIN_MAX_FAILURES: "3",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (!log.includes("Centrala is ready")) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    if (process.env.E2E_LOG) console.log(log);
    await db.drop();
  };
}
