// Starts `server.ts` as production runs it (built pages, real sign-in) on a fresh PostgreSQL
// database, and returns the teardown that stops it and drops the database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_PORT } from "../../playwright.config.ts";
import { ROOT, spawnServer } from "../support/spawn-server.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { E2E_AUTH_SECRET } from "./e2e-secret.ts";

export default async function globalSetup() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("Build the pages first: npm run build");
  const db = await createTestDatabase("postgres");
  process.env.E2E_DATABASE_URL = db.env.DATABASE_URL;
  // Where the server keeps files, for tests that set up a stored attachment.
  process.env.E2E_ATTACHMENTS_DIR = path.join(db.env.DATA_DIR!, "attachments");
  // Call recordings of this run, where the tests can inspect them (removed at the end).
  const recordings = fs.mkdtempSync(path.join(os.tmpdir(), "centrala-e2e-recordings-"));
  process.env.E2E_RECORDINGS_DIR = recordings;
  // E2E_SPLIT_MEDIA=1: the same tests through a web node whose calls' media runs in a second
  // process (ROLES=web,worker and ROLES=media on one database and Redis), as a cluster deploys it.
  const split = process.env.E2E_SPLIT_MEDIA === "1";
  const env = {
    ...db.env,
    NODE_ENV: "production",
    PORT: String(E2E_PORT),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
    SEED: "none",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    AUTH_SECRET: E2E_AUTH_SECRET,
    SIGNIN_RATE_LIMIT_PER_MINUTE: "1000",
    LOGIN_MAX_FAILURES: "3",
    MEDIA_WORKERS: "1",
    MEDIA_LISTEN_IP: "127.0.0.1",
    // The phone tests (playwright.phone.config.ts, in their network namespace) run Janus; the rest do not.
    ...(process.env.E2E_PHONE === "1"
      ? { PHONE_GATEWAY: "1", PHONE_INTERFACE: "jv0", PHONE_MEDIA_IP: "127.0.0.2", SIP_IP: "127.0.0.1", JANUS_WS_PORT: "18190" }
      : { PHONE_GATEWAY: "0" }),
    RECORDINGS_DIR: recordings,
    ...(split ? { REDIS_URL: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379" } : {}),
  };
  const server = spawnServer(split ? { ...env, ROLES: "web,worker" } : env, { inheritEnv: true });
  await server.ready;
  // Started after the web node has migrated the database.
  const media = split ? spawnServer({ ...env, ROLES: "media", PORT: String(E2E_PORT + 1), CENTRALA_SKIP_NEXT: "1" }, { inheritEnv: true }) : null;
  await media?.ready;
  return async () => {
    await media?.stop();
    if (process.env.E2E_LOG && media) console.log(media.output());
    await server.stop();
    if (process.env.E2E_LOG) console.log(server.output());
    await db.drop();
    fs.rmSync(recordings, { recursive: true, force: true });
  };
}
