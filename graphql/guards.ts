// Yoga plugins that bound and clean what a GraphQL request may carry. They run inside envelop, so
// they apply over HTTP and WebSocket alike (graphql/ws.ts parses, validates and executes through
// yoga.getEnveloped).
import { GraphQLError, Kind, visit, type DocumentNode, type ExecutionResult, type ValidationContext, type ValidationRule } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Viewer } from "../domain/access/viewer.ts";
import { NUL_MESSAGE, containsNul } from "../lib/nul.ts";
import { maxAliasesRule, maxCostRule, maxDepthRule } from "./limits.ts";

/** Depth, aliases and cost of every operation (graphql/limits.ts). */
export function limitsPlugin(): Plugin {
  const rules = [maxDepthRule(), maxAliasesRule(), maxCostRule()];
  return { onValidate: ({ addValidationRule }) => rules.forEach((rule) => addValidationRule(rule)) };
}

/**
 * Anonymous callers in production learn nothing of the schema they may not use: no introspection,
 * and no "Did you mean …?" in error messages (those spell out field and enum names one guess at a
 * time). Signed-in users and development keep both. `viewer` is in the initial context: lib/http-server.ts
 * resolves it before yoga runs (validation is synchronous), and graphql/ws.ts for each operation.
 */
export function anonymousPlugin(dev: boolean): Plugin<{ viewer?: Viewer | null }> {
  const anonymous = (context: { viewer?: Viewer | null }) => !dev && !context.viewer;
  return {
    onValidate({ context, addValidationRule }) {
      if (!anonymous(context)) return;
      // A rule of its own name also keeps yoga's validation cache for the anonymous apart.
      addValidationRule(noIntrospectionRule);
      return ({ result, setResult }) => {
        if (result.length) setResult(result.map(withoutSuggestion));
      };
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!anonymous(args.contextValue)) return;
      // Variables are coerced during execution: "Value "X" does not exist in "Y" enum. Did you mean …?"
      // comes back as a result or is thrown, depending on the executor's path.
      setExecuteFn(async (execution) => {
        try {
          const result = (await executeFn(execution)) as ExecutionResult;
          return result.errors?.length ? { ...result, errors: result.errors.map(withoutSuggestion) } : result;
        } catch (e) {
          throw e instanceof Error ? withoutSuggestion(e) : e;
        }
      });
    },
  };
}

const noIntrospectionRule: ValidationRule = function noIntrospection(context: ValidationContext) {
  return {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") {
        context.reportError(
          new GraphQLError("Sign in to read the API's schema", { nodes: [node], extensions: { code: "UNAUTHENTICATED", reason: "INTROSPECTION" } }),
        );
      }
    },
  };
};

/**
 * The same error without its closing "Did you mean …?", nor in the error it wraps (graphql/errors.ts
 * shows the innermost message). A copy: validation results are cached.
 */
function withoutSuggestion<E extends Error>(error: E): E {
  const original: unknown = (error as { originalError?: unknown }).originalError;
  const cleanOriginal = original instanceof Error ? withoutSuggestion(original) : original;
  const message = error.message.replace(/\s*Did you mean [^?]*\?$/s, "");
  if (message === error.message && cleanOriginal === original) return error;
  const descriptors = Object.getOwnPropertyDescriptors(error);
  return Object.create(Object.getPrototypeOf(error), {
    ...descriptors,
    message: { value: message, writable: true, configurable: true, enumerable: false },
    ...(descriptors.originalError ? { originalError: { ...descriptors.originalError, value: cleanOriginal } } : {}),
  }) as E;
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
