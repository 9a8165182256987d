// The start command itself, as a user runs it: a separate process, real configuration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type SpawnedServer, spawnServer } from "../support/spawn-server.ts";
import { createTestDatabase } from "../support/test-database.ts";

const servers: SpawnedServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop("SIGKILL"))));

function start(env: Record<string, string>) {
  const server = spawnServer({ CENTRALA_SKIP_NEXT: "1", HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn", ...env });
  servers.push(server);
  return server;
}

const freePort = () => String(20000 + Math.floor(Math.random() * 20000));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "centrala-start-"));

describe("starting Centrala", () => {
  it("first start on PGlite migrates, seeds the demo and prints the credentials; the second keeps the data", async () => {
    const dataDir = tmp();
    const port = freePort();
    const first = start({ DATA_DIR: dataDir, PORT: port });
    const out = await first.ready;
    expect(out).toMatch(/Created the organisation "Centrala Demo"/);
    expect(out).toMatch(/supervisor\s+centrala\s+SUPERVISOR/);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in/username`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "agent1", password: "centrala" }),
    });
    expect(signIn.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = start({ DATA_DIR: dataDir, PORT: port });
    const again = await second.ready;
    expect(again).not.toMatch(/Created the organisation/);
    expect(again).toMatch(/Demo users \(password "centrala"\)/);
    await second.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  it("DATABASE_URL switches to PostgreSQL with the same behaviour", async () => {
    const db = await createTestDatabase("postgres");
    const port = freePort();
    const run = start({ ...db.env, PORT: port });
    const out = await run.ready;
    expect(out).toMatch(/PostgreSQL at 127.0.0.1:5432\/centrala_test_/);
    expect(out).toMatch(/Created the organisation "Centrala Demo"/);
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: "postgres" });
    await run.stop();
    await db.drop();
  }, 60_000);

  it("names a bad variable and stops", async () => {
    const run = start({ PORT: "eighty", DATABASE_URL: "mysql://x", DATA_DIR: tmp() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/PORT: .*\(got "eighty"\)/);
    expect(run.output()).toMatch(/DATABASE_URL: must look like postgres:\/\//);
  });

  it("says which PostgreSQL it could not reach", async () => {
    const run = start({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere", DATA_DIR: tmp(), PORT: freePort() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Cannot connect to PostgreSQL at 127.0.0.1:1\/nowhere: .*ECONNREFUSED/);
  });

  it("says the data folder is not writable", async () => {
    const file = path.join(tmp(), "a-file");
    fs.writeFileSync(file, "");
    const run = start({ DATA_DIR: path.join(file, "sub"), PORT: freePort() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/data folder .* is not writable/);
  });
});
