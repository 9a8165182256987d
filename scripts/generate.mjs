// Generated code, never committed: the Prisma client and Pothos' Prisma types (always), and with
// --api the GraphQL contract (graphql/schema.graphql) and its browser types (graphql-env.d.ts),
// which are committed so that a change to the API shows in review.
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = {
  ...process.env,
  // Prisma's CLI wants its native schema engine even for `generate`, and cannot download it
  // offline; generate never uses it, and the stub fails loudly if anything else tries.
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts/no-schema-engine.sh"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, env, stdio: "inherit" });

run(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"]);
if (process.argv.includes("--api")) {
  run(process.execPath, ["--import", "tsx", "scripts/print-schema.ts"]);
  run(process.execPath, [path.join(root, "node_modules/gql.tada/bin/cli.js"), "generate", "output"]);
}
