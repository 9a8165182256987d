// Coded errors, thrown by domain code and mapped once to GraphQL extensions.code (graphql/errors.ts).
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_INPUT",
  "LIMIT_EXCEEDED",
  "ACCOUNT_LOCKED",
  "INVALID_CREDENTIALS",
  "UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the input field, e.g. "input.username". */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldIssue[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const conflict = (message: string, details: DomainError["details"] = {}) => new DomainError("CONFLICT", message, details);
export const invalidInput = (path: string, message: string) => new DomainError("INVALID_INPUT", message, { fields: [{ path, message }] });
