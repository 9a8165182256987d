// Applies pending migrations in a worker thread: Prisma's WASM schema engine keeps hundreds of MB
// resident once loaded, and a thread's memory is returned when the thread ends.
import { parentPort, workerData } from "node:worker_threads";
import { createLogger } from "../logger.ts";
import { openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";

const { databaseUrl, dataDir, logLevel } = workerData as { databaseUrl?: string; dataDir: string; logLevel: string };
const log = createLogger(logLevel, false);
const db = await openDatabase({ databaseUrl, dataDir, poolSize: 2 });
try {
  parentPort!.postMessage({ applied: await migrate(db, log) });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
} finally {
  await db.close();
}
