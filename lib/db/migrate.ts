// Applies pending migrations at start-up, on PGlite and PostgreSQL alike. A warm start reads
// _prisma_migrations and skips the schema engine entirely when nothing is pending.
import type { Logger } from "../logger.ts";
import type { Database } from "./database.ts";
import { NO_FILTERS, loadSchemaEngine, migrationsList, readMigrations } from "./schema-engine.ts";

// Our own lock id: Prisma's engine may take its own (72707369) on another connection.
const MIGRATION_LOCK_ID = 0x63656e74; // "cent"

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export async function migrate(db: Database, log: Logger): Promise<string[]> {
  const files = readMigrations();
  const pending = await pendingMigrations(db, files);
  if (pending.length === 0) return [];
  // On PostgreSQL several nodes may start at once: one migrates, the others wait and then see nothing pending.
  const unlock = await db.lock(MIGRATION_LOCK_ID);
  try {
    if ((await pendingMigrations(db, files)).length === 0) return [];
    log.info({ pending }, "applying database migrations");
    const engine = await loadSchemaEngine(db.migrationAdapter(), (line) => log.debug({ engine: line }, "schema engine"));
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrationsList(), filters: NO_FILTERS });
      return appliedMigrationNames;
    } catch (cause) {
      throw new MigrationError(`Database migration failed: ${engineErrorText(cause)}`, { cause });
    } finally {
      engine.free?.();
    }
  } finally {
    await unlock();
  }
}

/** Names of migrations not yet applied (cheap: one catalog query, one table read). */
export async function pendingMigrations(db: Database, files: { name: string; checksum: string }[] = readMigrations()): Promise<string[]> {
  const [{ exists }] = await db.rawQuery<{ exists: boolean }>("select to_regclass('public._prisma_migrations') is not null as exists");
  if (!exists) return files.map((f) => f.name);
  const rows = await db.rawQuery<{ migration_name: string }>(
    "select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null",
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return files.filter((f) => !applied.has(f.name)).map((f) => f.name);
}

/**
 * Applies pending migrations in a child process (lib/db/migrate-process.ts). The caller must not
 * hold the database open when it is PGlite (one process, one opener); PostgreSQL does not mind.
 */
export async function migrateInChildProcess(opts: { databaseUrl?: string; dataDir: string; logLevel: string }): Promise<string[]> {
  const { fork } = await import("node:child_process");
  const child = fork(new URL("./migrate-process.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, CENTRALA_MIGRATE: JSON.stringify(opts) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const result = await new Promise<{ applied?: string[]; error?: string }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { applied?: string[]; error?: string }));
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new MigrationError(`the migration process stopped (${signal ?? `exit code ${code}`}) before reporting`)));
  });
  await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  if (result.error) throw new MigrationError(result.error);
  return result.applied ?? [];
}

function engineErrorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}
