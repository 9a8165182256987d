// The server the HTTP benches measure: a real server process in production mode (no pages) on a
// database of its own, with the sign-in and widget-start limits lifted — every simulated person
// here comes from 127.0.0.1. BENCH_DATABASE=pglite|postgres picks the database. BENCH_SPLIT_MEDIA=1
// runs it as a cluster deploys it: the measured server is a web node (ROLES=web,worker) and the
// calls' media runs in a second process (ROLES=media, the next port), through Redis (BENCH_REDIS_URL).
import { spawnServer } from "../tests/support/spawn-server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";

export async function startBenchServer(
  port: string,
  { database = "postgres", env = {}, inheritEnv = false }: { database?: "postgres" | "pglite"; env?: Record<string, string>; inheritEnv?: boolean } = {},
) {
  const split = process.env.BENCH_SPLIT_MEDIA === "1";
  const kind = split ? "postgres" : process.env.BENCH_DATABASE === "pglite" || process.env.BENCH_DATABASE === "postgres" ? process.env.BENCH_DATABASE : database;
  const db = await createTestDatabase(kind);
  const common = {
    ...db.env,
    NODE_ENV: "production",
    CENTRALA_SKIP_NEXT: "1",
    HOST: "127.0.0.1",
    PORT: port,
    LOG_LEVEL: "warn",
    SIGNIN_RATE_LIMIT_PER_MINUTE: "10000",
    WIDGET_STARTS_PER_MINUTE: "10000",
    ...(split ? { REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379", AUTH_SECRET: "bench-secret-bench-secret-bench-0000" } : {}),
    ...env,
  };
  const server = spawnServer(split ? { ...common, ROLES: "web,worker" } : common, { inheritEnv });
  // The media node starts once the web node has migrated the database.
  const media = split ? server.ready.then(() => spawnServer({ ...common, ROLES: "media", PORT: String(Number(port) + 1) }, { inheritEnv })) : null;
  return {
    kind,
    /** The database's settings (DATABASE_URL or DATA_DIR), for a bench that sets up its data directly. */
    databaseEnv: db.env,
    base: `http://127.0.0.1:${port}`,
    ready: media ? media.then((m) => m.ready) : server.ready,
    output: () => server.output(),
    async stop() {
      if (media) await (await media).stop();
      await server.stop();
      await db.drop();
    },
  };
}
