// The server the HTTP benches measure: a real server process in production mode (no pages) on a
// database of its own, with the sign-in and widget-start limits lifted — every simulated person
// here comes from 127.0.0.1. BENCH_DATABASE=pglite|postgres picks the database.
import { spawnServer } from "../tests/support/spawn-server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";

export async function startBenchServer(
  port: string,
  { database = "postgres", env = {}, inheritEnv = false }: { database?: "postgres" | "pglite"; env?: Record<string, string>; inheritEnv?: boolean } = {},
) {
  const kind = process.env.BENCH_DATABASE === "pglite" || process.env.BENCH_DATABASE === "postgres" ? process.env.BENCH_DATABASE : database;
  const db = await createTestDatabase(kind);
  const server = spawnServer(
    {
      ...db.env,
      NODE_ENV: "production",
      CENTRALA_SKIP_NEXT: "1",
      HOST: "127.0.0.1",
      PORT: port,
      LOG_LEVEL: "warn",
      SIGNIN_RATE_LIMIT_PER_MINUTE: "10000",
      WIDGET_STARTS_PER_MINUTE: "10000",
      ...env,
    },
    { inheritEnv },
  );
  return {
    kind,
    /** The database's settings (DATABASE_URL or DATA_DIR), for a bench that sets up its data directly. */
    databaseEnv: db.env,
    base: `http://127.0.0.1:${port}`,
    ready: server.ready,
    output: () => server.output(),
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
}
