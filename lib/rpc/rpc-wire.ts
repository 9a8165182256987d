// What RPC requests and answers look like on the wire, and errors turned into data and back.
import { DomainError, ERROR_CODES, type ErrorCode } from "../../domain/shared/errors.ts";

export type WireError = { code: ErrorCode | null; message: string; details?: DomainError["details"] };

export type RpcMessage =
  | { t: "req"; id: string; from: string; method: string; params: unknown[] }
  | { t: "res"; id: string; ok: true; value: unknown }
  | { t: "res"; id: string; ok: false; error: WireError };

/** DomainErrors keep their code and details; anything else says only that it failed. */
export function encodeError(err: unknown): WireError {
  if (err instanceof DomainError) return { code: err.code, message: err.message, details: err.details };
  return { code: null, message: `remote failure: ${(err as Error)?.message ?? String(err)}` };
}

export function decodeError(e: WireError): Error {
  if (e.code && (ERROR_CODES as readonly string[]).includes(e.code)) return new DomainError(e.code, e.message, e.details ?? {});
  return new Error(e.message);
}
