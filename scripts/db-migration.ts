// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes a database from
// the existing migrations to prisma/schema.prisma. The diff runs on in-memory PGlite databases,
// so no PostgreSQL server is needed. The server applies new migrations at its next start.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteMigrationAdapter } from "../lib/db/database.ts";
import { MIGRATIONS_DIR, NO_FILTERS, SCHEMA_PATH, loadSchemaEngine, migrationsList } from "../lib/db/schema-engine.ts";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lower-case letters, digits and _; e.g. add_case_deadline)");
  process.exit(2);
}

fs.mkdirSync(MIGRATIONS_DIR, { recursive: true });
const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, '# Written by scripts/db-migration.ts\nprovider = "postgresql"\n');

const scratch = await PGlite.create();
const engine = await loadSchemaEngine(pgliteMigrationAdapter(scratch));
const list = migrationsList();
const from = list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" };
const schema = { files: [{ path: SCHEMA_PATH, content: fs.readFileSync(SCHEMA_PATH, "utf8") }] };
const { stdout: sql } = await engine.diff({ from, to: { tag: "schemaDatamodel", ...schema }, script: true, exitCode: null, filters: NO_FILTERS });
engine.free?.();
await scratch.close();

if (!sql.trim() || sql.trim().startsWith("-- This is an empty migration")) {
  console.log("The schema matches the migrations: nothing to write.");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it and commit it with the schema change.`);
}
