import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// Three tiers (CONVENTIONS.md): unit tests beside the code; integration tests against a real
// PostgreSQL (each file creates and drops its own database) and again against PGlite.
export default defineConfig({
  // graphql ships CommonJS and ES builds; Node (and so Pothos) loads the CommonJS one. Make the
  // test files use the same copy, or schema objects "come from another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    // Two files at once. On the 2-core CI machine the default is one, and the suite ran one file
    // after another (43 min); each integration file has its own database (and, for a cluster,
    // its own Redis namespace, named after it) and its servers on free ports, so two run side by
    // side safely: 27 min.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["{domain,lib,graphql,app,prisma,messages,media,scripts}/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: {
          name: "integration-postgres",
          include: ["tests/integration/**/*.test.ts"],
          env: { TEST_DB: "postgres" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-pglite",
          include: ["tests/integration/**/*.test.ts"],
          // *.once.test.ts choose their databases themselves: run them in one project only.
          exclude: ["tests/integration/**/*.once.test.ts"],
          env: { TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
