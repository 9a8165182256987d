// Prisma CLI configuration. Only `prisma generate` runs through the CLI here; migrations are
// applied by our own runner (scripts/migrate.ts, db/migrate.ts) through Prisma's WASM schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/centrala" },
});
