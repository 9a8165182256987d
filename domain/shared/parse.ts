import type { z } from "zod";
import { DomainError } from "./errors.ts";

/** Validates use-case input with zod; issues become INVALID_INPUT with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({
    path: [prefix, ...i.path].join("."),
    message: i.message,
    code: i.code,
    params: issueParams(i as unknown as Record<string, unknown>),
  }));
  throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
}

/** Prisma's unique-constraint violation (P2002), so a race between two creates reads as CONFLICT. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

function issueParams(issue: Record<string, unknown>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const key of ["minimum", "maximum", "format", "origin"]) {
    const v = issue[key];
    if (typeof v === "number" || typeof v === "string") params[key] = v;
    if (typeof v === "bigint") params[key] = Number(v);
  }
  return params;
}
