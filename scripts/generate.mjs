// Generated code, never committed: the Prisma client and Pothos' Prisma types (always), and with
// --api the GraphQL contract (graphql/schema.graphql) and its browser types (graphql-env.d.ts),
// which are committed so that a change to the API shows in review.
//
// Dependencies install no scripts of their own here (.npmrc), so nothing runs this after `npm ci`:
// `npm start`, `npm run dev` and `npm test` call it with --if-changed, which skips the work when
// the schema and the lock file are what the last run generated from.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const stamp = path.join(root, "generated", ".inputs-hash");
const inputsHash = () =>
  createHash("sha256")
    .update(fs.readFileSync(path.join(root, "prisma/schema.prisma")))
    .update(fs.readFileSync(path.join(root, "package-lock.json")))
    .digest("hex");

const api = process.argv.includes("--api");
const current = inputsHash();
if (!api && process.argv.includes("--if-changed") && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === current) process.exit(0);

const env = {
  ...process.env,
  // Prisma runs the generators it names (prisma-pothos-types) from node_modules/.bin.
  PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
  // Prisma's CLI wants its native schema engine even for `generate`, and cannot download it
  // offline; generate never uses it, and the stub fails loudly if anything else tries.
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts/no-schema-engine.sh"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, env, stdio: "inherit" });

run(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"]);
fs.writeFileSync(stamp, current);
if (api) {
  run(process.execPath, ["--import", "tsx", "scripts/print-schema.ts"]);
  run(process.execPath, [path.join(root, "node_modules/gql.tada/bin/cli.js"), "generate", "output"]);
}
