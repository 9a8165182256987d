import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// The telephone tests: a real Janus, SIPp as the telephone network and mediasoup, all inside a
// network namespace of their own (scripts/in-phone-netns.sh, run by `npm run test:phone`).
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    name: "phone",
    include: ["tests/phone/**/*.test.ts"],
    env: { TEST_DB: "postgres" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
