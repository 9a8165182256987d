// Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, otherwise
// PGlite (PostgreSQL compiled to WASM) in DATA_DIR/db. Both give the same Prisma client.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client.ts";

export type { PrismaClient };

export interface Database {
  kind: "pglite" | "postgres";
  /** Where the data is, for logs: never includes a password. */
  location: string;
  prisma: PrismaClient;
  /** Driver adapter factory for Prisma's schema engine (migrations). */
  migrationAdapter(): SqlMigrationAwareDriverAdapterFactory;
  /** Runs one statement outside Prisma (advisory locks, existence checks). */
  rawQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Holds a cluster-wide lock until the returned function is called. PostgreSQL: a session
   * advisory lock on a dedicated connection. PGlite serves one process, so there is nothing to lock.
   */
  lock(key: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The database could not be opened; `message` says what to fix. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseOpenError";
  }
}

/** True when the embedded database has never been created (everything is still to migrate). */
export function isNewEmbeddedDatabase(opts: { databaseUrl?: string; dataDir: string }): boolean {
  return !opts.databaseUrl && !fs.existsSync(path.join(opts.dataDir, "db", "PG_VERSION"));
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPglite(path.join(opts.dataDir, "db"));
}

async function openPglite(dir: string): Promise<Database> {
  assertWritableFolder(dir);
  let pglite: PGlite;
  try {
    // PostgreSQL's default 128 MB page cache was a third of the server's idle memory; the embedded
    // database serves one small site (a busy one runs on PostgreSQL), for which 16 MB is plenty.
    // pg_trgm: the contact directory's substring search by index (migration contacts_directory).
    pglite = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"], extensions: { pg_trgm } });
  } catch (cause) {
    throw new DatabaseOpenError(`Cannot open the embedded database in ${dir}: ${errorText(cause)}`, { cause });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  return {
    kind: "pglite",
    location: `PGlite in ${dir}`,
    prisma,
    migrationAdapter: () => pgliteMigrationAdapter(pglite),
    rawQuery: async (sql, params) => (await pglite.query<never>(sql, params)).rows,
    lock: async () => async () => {},
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * pglite-prisma-adapter 0.7.2 starts executeScript without awaiting it, so a failing migration
 * surfaces as an unhandled rejection instead of a failed migration. Await it here.
 */
export function pgliteMigrationAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPGlite(pglite);
  const fixScripts = async (adapterPromise: ReturnType<typeof base.connect>) => {
    const adapter = await adapterPromise;
    const client = (adapter as unknown as { client: PGlite }).client;
    adapter.executeScript = async (script: string) => {
      try {
        await client.exec(script);
      } catch (e) {
        (adapter as unknown as { onError(e: unknown): never }).onError(e);
      }
    };
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => fixScripts(base.connect()),
    connectToShadowDb: () => fixScripts(base.connectToShadowDb()),
  };
}

function connectionFields(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    // ?host=/var/run/postgresql (libpq's spelling) connects over the server's Unix socket.
    host: u.searchParams.get("host") || decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)),
    ssl: ["require", "verify-full", "verify-ca"].includes(u.searchParams.get("sslmode") ?? "")
      ? { rejectUnauthorized: u.searchParams.get("sslmode") !== "require" }
      : undefined,
  };
}

/**
 * adapter-pg 7.10 cannot type PostgreSQL's internal "char" columns (oid 18) that the schema
 * engine reads from pg_catalog; report them as text.
 */
function catalogSafePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("error", () => {});
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult | undefined>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const f of result?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  return pool;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const fields = connectionFields(url);
  const where = `${fields.host}:${fields.port}/${fields.database}`;
  const pool = new pg.Pool({ ...fields, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that kills the process.
  pool.on("error", () => {});
  try {
    await pool.query("select 1");
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(`Cannot connect to PostgreSQL at ${where}: ${errorText(cause)}`, { cause });
  }
  const admin = async (sql: string) => {
    const client = new pg.Client(fields);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // Under load a transaction waits for a free connection rather than failing after Prisma's 2 s.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  return {
    kind: "postgres",
    location: `PostgreSQL at ${where}`,
    prisma,
    migrationAdapter() {
      const main = new PrismaPg(catalogSafePool({ ...fields, max: 2 }), { disposeExternalPool: true });
      return {
        provider: main.provider,
        adapterName: main.adapterName,
        connect: () => main.connect(),
        // adapter-pg's own shadow database reuses `connectionString` and drops the database while
        // its pool is still connected; make and drop our own.
        async connectToShadowDb() {
          const name = `centrala_shadow_${process.pid}_${Date.now()}`;
          await admin(`CREATE DATABASE "${name}"`);
          const adapter = await new PrismaPg(catalogSafePool({ ...fields, database: name, max: 2 }), { disposeExternalPool: true }).connect();
          const dispose = adapter.dispose.bind(adapter);
          adapter.dispose = async () => {
            await dispose();
            await admin(`DROP DATABASE IF EXISTS "${name}"`);
          };
          return adapter;
        },
      };
    },
    rawQuery: async (sql, params) => (await pool.query(sql, params)).rows,
    async lock(key) {
      const client = new pg.Client(fields);
      client.on("error", () => {});
      await client.connect();
      await client.query("select pg_advisory_lock($1)", [key]);
      return async () => {
        await client.query("select pg_advisory_unlock($1)", [key]).catch(() => {});
        await client.end().catch(() => {});
      };
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function assertWritableFolder(dir: string) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (cause) {
    throw new DatabaseOpenError(`The data folder ${dir} is not writable (${errorText(cause)}). Set DATA_DIR to a folder this user can write.`, { cause });
  }
}

function errorText(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return e.errors.map(errorText).join("; ");
  const code = (e as NodeJS.ErrnoException).code;
  if (e instanceof Error) return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
  return String(e);
}
