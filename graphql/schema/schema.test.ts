import fs from "node:fs";
import path from "node:path";
import { type GraphQLObjectType, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "./index.ts";

// Public by design: none. Sign-in happens at /api/auth, outside GraphQL.
const PUBLIC_FIELDS: string[] = [];

describe("GraphQL schema", () => {
  it("declares who may use every query, mutation and subscription", () => {
    const unguarded: string[] = [];
    for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()] as GraphQLObjectType[]) {
      for (const [name, field] of Object.entries(type.getFields())) {
        const scopes = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
        if (!scopes && !PUBLIC_FIELDS.includes(name)) unguarded.push(`${type.name}.${name}`);
      }
    }
    expect(unguarded).toEqual([]);
  });

  it("matches the committed graphql/schema.graphql (run `npm run generate` after changing the API)", () => {
    const committed = fs.readFileSync(path.join(import.meta.dirname, "..", "schema.graphql"), "utf8");
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });
});
