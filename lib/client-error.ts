// What a client is told of a failure, the same over GraphQL and plain HTTP: a domain error keeps
// its code, words and details; a database too busy to take the request is "busy, try again"
// (nothing was written); anything else is masked as INTERNAL, so no stack trace or SQL leaves.
import { DomainError } from "../domain/shared/errors.ts";
import { isWriteConflict } from "../domain/shared/tx.ts";

/** The HTTP status of each domain error code. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  LIMIT_EXCEEDED: 429,
  UNAVAILABLE: 503,
};

export interface ClientError {
  status: number;
  body: { code: string; message: string; reason?: string; [key: string]: unknown };
  headers: Record<string, string>;
  /** How the server logs it: a client's mistake not at all, a busy database as a warning, the rest as errors. */
  log: "none" | "warn" | "error";
}

/** The HTTP status for a domain error: a body too large is 413 (not "slow down", 429). */
export function statusOf(err: DomainError): number {
  return err.details.reason === "FILE_TOO_LARGE" || err.details.reason === "BODY_TOO_LARGE" ? 413 : (STATUS[err.code] ?? 400);
}

/**
 * No database connection or transaction could be had in time (Prisma P2028, the pool's own
 * timeout), or a write conflict — deadlock or serialisation failure — outlived its retries: nothing was written, and trying
 * again shortly is the answer.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  // A deadlock or serialisation failure that outlived retryWriteConflicts is the same "try again".
  if (isWriteConflict(err)) return true;
  return e?.code === "P2028" || /Unable to start a transaction in the given time|timeout exceeded when trying to connect/.test(e?.message ?? "");
}

export const BUSY_MESSAGE = "The server is busy; try again in a moment";
export const INTERNAL_MESSAGE = "Something went wrong on the server. The team has been told; try again.";

export function clientError(err: unknown): ClientError {
  if (err instanceof DomainError) return { status: statusOf(err), body: { code: err.code, message: err.message, ...err.details }, headers: {}, log: "none" };
  if (isDatabaseBusy(err))
    return { status: 503, body: { code: "UNAVAILABLE", reason: "BUSY", message: BUSY_MESSAGE }, headers: { "retry-after": "2" }, log: "warn" };
  return { status: 500, body: { code: "INTERNAL", message: INTERNAL_MESSAGE }, headers: {}, log: "error" };
}
