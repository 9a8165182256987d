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
  /** English text for logs and API users; screens translate `code` (with `params`) instead. */
  message: string;
  /** zod's issue code (too_small, invalid_format...) or ours (taken, unknown, same_as_login...). */
  code: string;
  params?: Record<string, string | number>;
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

/** One bad input field. */
export const fieldError = (path: string, code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError("INVALID_INPUT", message, { fields: [{ path, code, message, ...(params ? { params } : {}) }] });

/** A unique name is already used in this organisation. */
export const nameTaken = (what: string) =>
  new DomainError("CONFLICT", `${what} with this name already exists`, { fields: [{ path: "input.name", code: "taken", message: "already exists" }] });

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const conflict = (message: string, details: DomainError["details"] = {}) => new DomainError("CONFLICT", message, details);
