// Prisma's schema engine compiled to WASM, driven through a driver adapter: the Prisma CLI's
// `migrate` needs a native binary that cannot be downloaded offline; this needs nothing.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const SCHEMA_PATH = path.join(root, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(root, "prisma/migrations");

type MigrationsList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok"; value: string } } }[];
};

export interface SchemaEngine {
  applyMigrations(input: { migrationsList: MigrationsList; filters: Filters }): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: Record<string, unknown>): Promise<{ exitCode: number; stdout: string }>;
  free?(): void;
}

type Filters = { externalTables: string[]; externalEnums: string[] };
export const NO_FILTERS: Filters = { externalTables: [], externalEnums: [] };

export interface MigrationFile {
  name: string;
  sql: string;
  /** Same checksum Prisma writes to _prisma_migrations. */
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function migrationsList(dir = MIGRATIONS_DIR): MigrationsList {
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(dir).map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
    })),
  };
}

type EngineModule = { SchemaEngine: { new: (...args: unknown[]) => Promise<SchemaEngine> } };
let engineModule: Promise<EngineModule> | undefined;

/**
 * wasm-bindgen's glue module keeps the memory of the instance it was given in module-level
 * caches, so the WASM is instantiated once per process and shared by every engine.
 */
function engineModuleOnce(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), { "./schema_engine_bg.js": bg as never });
    (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg as unknown as EngineModule;
  })();
  return engineModule;
}

export async function loadSchemaEngine(factory: SqlMigrationAwareDriverAdapterFactory, onLog?: (line: string) => void): Promise<SchemaEngine> {
  const { SchemaEngine } = await engineModuleOnce();
  const datamodel = fs.readFileSync(SCHEMA_PATH, "utf8");
  return SchemaEngine.new({ datamodels: [[SCHEMA_PATH, datamodel]] }, (line: string) => onLog?.(line), bindMigrationAwareSqlAdapterFactory(factory));
}
