// Yoga plugins that bound and clean what a GraphQL request may carry. They run inside envelop, so
// they apply over HTTP and WebSocket alike (graphql/ws.ts parses, validates and executes through
// yoga.getEnveloped).
import type { Plugin } from "graphql-yoga";
import { maxAliasesRule, maxCostRule, maxDepthRule } from "./limits.ts";

/** Depth, aliases and cost of every operation (graphql/limits.ts). */
export function limitsPlugin(): Plugin {
  const rules = [maxDepthRule(), maxAliasesRule(), maxCostRule()];
  return { onValidate: ({ addValidationRule }) => rules.forEach((rule) => addValidationRule(rule)) };
}
