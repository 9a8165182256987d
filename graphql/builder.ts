import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import type PrismaTypes from "../generated/pothos-prisma-types.ts";
import { getDatamodel } from "../generated/pothos-prisma-types.ts";
import type { Permission } from "../domain/access/permissions.ts";
import { DomainError } from "../domain/shared/errors.ts";
import type { GraphQLContext } from "./context.ts";

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  AuthScopes: { authenticated: boolean; permission: Permission; anyPermission: Permission[] };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ScopeAuthPlugin, ValidationPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      authenticated: ctx.viewer !== null,
      permission: (p) => ctx.viewer?.permissions.has(p) ?? false,
      anyPermission: (ps) => ps.some((p) => ctx.viewer?.permissions.has(p)),
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer ? new DomainError("FORBIDDEN", "Your role does not allow this") : new DomainError("UNAUTHENTICATED", "Sign in to continue"),
  },
  validation: {
    validationError: (result) => {
      const fields = result.issues.map((i) => ({
        path: (i.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join("."),
        message: i.message,
        code: (i as { code?: string }).code ?? "invalid",
      }));
      return new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
    },
  },
  prisma: {
    client: (ctx) => ctx.app.db.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
});

builder.addScalarType(
  "DateTime",
  new GraphQLScalarType<Date, string>({
    name: "DateTime",
    description: "ISO 8601 date-time in UTC",
    serialize: (v) => (v instanceof Date ? v : new Date(String(v))).toISOString(),
    parseValue: (v) => parseDate(v),
    parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDate(ast.value) : fail()),
  }),
);

builder.addScalarType("JSON", new GraphQLScalarType({ name: "JSON", description: "Arbitrary JSON", serialize: (v) => v, parseValue: (v) => v }));

function parseDate(v: unknown): Date {
  const d = typeof v === "string" ? new Date(v) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) fail();
  return d;
}
function fail(): never {
  throw new GraphQLError("DateTime must be an ISO 8601 string", { extensions: { code: "INVALID_INPUT" } });
}

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
