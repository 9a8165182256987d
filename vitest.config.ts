import { defineConfig } from "vitest/config";

// Three tiers (CONVENTIONS.md): unit tests beside the code; integration tests against a real
// PostgreSQL (each file creates and drops its own database) and again against PGlite.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["{domain,lib,graphql,app,prisma}/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "integration-postgres",
          include: ["tests/integration/**/*.test.ts"],
          env: { TEST_DB: "postgres" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "integration-pglite",
          include: ["tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/**/*.postgres.test.ts"],
          env: { TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
