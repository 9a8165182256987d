// Coded errors, mapped once (lib/client-error.ts, as for plain HTTP): a DomainError keeps its code
// and message, a busy database is "busy, try again"; anything else is masked as INTERNAL (and
// logged) so no stack trace or SQL reaches a client. GraphQL's own errors (parse, validation) pass.
import { GraphQLError } from "graphql";
import { clientError } from "../lib/client-error.ts";
import type { Logger } from "../lib/logger.ts";

/**
 * graphql's CommonJS and ES builds both get loaded (by different dependencies), so a GraphQLError
 * may come from either copy: recognise it by name, not by class.
 */
function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof Error && e.name === "GraphQLError";
}

/** graphql-js and envelop wrap errors in GraphQLErrors, sometimes twice: find what was thrown. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5 && isGraphQLError(current) && current.originalError; i++) current = current.originalError;
  return current;
}

export function maskError(log: Logger) {
  return (error: unknown): Error => {
    const located = isGraphQLError(error) ? error : null;
    const cause = rootCause(error);
    if (isGraphQLError(cause)) {
      // Raised by GraphQL itself (parse, validation, bad variables): safe to show; give it a code.
      const code = (cause.extensions?.code as string | undefined) ?? "INVALID_INPUT";
      return new GraphQLError(cause.message, {
        nodes: cause.nodes,
        positions: cause.positions,
        path: located?.path ?? cause.path,
        extensions: { ...cause.extensions, code },
      });
    }
    const { body, log: level } = clientError(cause);
    if (level === "warn") log.warn({ err: cause }, "GraphQL operation refused: database busy");
    if (level === "error") log.error({ err: cause }, "unexpected error in GraphQL operation");
    const { message, ...extensions } = body;
    return new GraphQLError(message, { path: located?.path, extensions });
  };
}
