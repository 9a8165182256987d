// Applies pending migrations in a process of its own: Prisma's WASM schema engine keeps hundreds of
// MB once loaded, and only a process that ends gives all of it back (a worker thread's heap is
// freed, but the allocator keeps much of it in the server's resident memory).
import { createLogger } from "../logger.ts";
import { openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";

const { databaseUrl, dataDir, logLevel } = JSON.parse(process.env.CENTRALA_MIGRATE ?? "{}") as { databaseUrl?: string; dataDir: string; logLevel: string };
const log = createLogger(logLevel, false);
const report = (message: { applied?: string[]; error?: string }) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
const db = await openDatabase({ databaseUrl, dataDir, poolSize: 2 });
try {
  await report({ applied: await migrate(db, log) });
} catch (e) {
  await report({ error: e instanceof Error ? e.message : String(e) });
} finally {
  await db.close();
  process.disconnect?.();
}
