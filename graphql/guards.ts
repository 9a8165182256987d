// Yoga plugins that bound and clean what a GraphQL request may carry. They run inside envelop, so
// they apply over HTTP and WebSocket alike (graphql/ws.ts parses, validates and executes through
// yoga.getEnveloped).
import { GraphQLError, Kind, visit, type DocumentNode, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import { NUL_MESSAGE, containsNul } from "../lib/nul.ts";
import { maxAliasesRule, maxCostRule, maxDepthRule } from "./limits.ts";

/** Depth, aliases and cost of every operation (graphql/limits.ts). */
export function limitsPlugin(): Plugin {
  const rules = [maxDepthRule(), maxAliasesRule(), maxCostRule()];
  return { onValidate: ({ addValidationRule }) => rules.forEach((rule) => addValidationRule(rule)) };
}

/**
 * NUL characters (which PostgreSQL cannot store in text) in string literals or variables are refused
 * before any resolver runs, once for every operation, with INVALID_INPUT.
 */
export function noNulPlugin(): Plugin {
  const refuse = (document: DocumentNode, variables: unknown, stop: (result: ExecutionResult) => void) => {
    if (containsNul(variables) || hasNulLiteral(document)) {
      stop({ errors: [new GraphQLError(NUL_MESSAGE, { extensions: { code: "INVALID_INPUT", reason: "NUL_CHARACTER" } })] });
    }
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => refuse(args.document, args.variableValues, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => refuse(args.document, args.variableValues, setResultAndStopExecution),
  };
}

function hasNulLiteral(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes("\u0000")) found = true;
    },
  });
  return found;
}
