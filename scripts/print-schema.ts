// Writes graphql/schema.graphql: the API contract, reviewed in diffs. `npm run generate` then
// derives graphql/graphql-env.d.ts from it (gql.tada), so the browser's queries are type-checked.
import fs from "node:fs";
import path from "node:path";
import { printSchema } from "graphql";
import { schema } from "../graphql/schema/index.ts";

const dir = path.join(import.meta.dirname, "..", "graphql");
const sdl = `${printSchema(schema)}\n`;
fs.writeFileSync(path.join(dir, "schema.graphql"), sdl);
console.log("wrote graphql/schema.graphql");
