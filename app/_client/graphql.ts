// Typed GraphQL documents for the browser: gql.tada checks every query against
// graphql/schema.graphql at compile time (graphql-env.d.ts is generated from it).
import { type ResultOf, type VariablesOf, initGraphQLTada } from "gql.tada";
import type { introspection } from "../../graphql/graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; JSON: unknown; ID: string };
  // A fragment's fields are part of the result's type (no readFragment() to unwrap them).
  disableMasking: true;
}>();

export type { ResultOf, VariablesOf };
