// Reading the coded errors the API returns (graphql/errors.ts) in a form screens can show.
import type { CombinedError } from "@urql/core";

export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

export interface ApiError {
  code: string;
  message: string;
  fields: FieldIssue[];
  reason?: string;
  retryAfterSeconds?: number;
}

export function apiError(error: CombinedError | undefined | null): ApiError | null {
  if (!error) return null;
  const gql = error.graphQLErrors[0];
  if (!gql) return { code: error.networkError ? "NETWORK" : "INTERNAL", message: error.message, fields: [] };
  const ext = (gql.extensions ?? {}) as Record<string, unknown>;
  return {
    code: typeof ext.code === "string" ? ext.code : "INTERNAL",
    message: gql.message,
    fields: Array.isArray(ext.fields) ? (ext.fields as FieldIssue[]) : [],
    reason: typeof ext.reason === "string" ? ext.reason : undefined,
    retryAfterSeconds: typeof ext.retryAfterSeconds === "number" ? ext.retryAfterSeconds : undefined,
  };
}

/** Issues keyed by the last segment of their path ("input.username" -> "username"). */
export function fieldIssues(error: ApiError | null): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const f of error?.fields ?? []) out[f.path.split(".").at(-1) ?? f.path] ??= f;
  return out;
}
