import type { z } from "zod";
import { DomainError } from "./errors.ts";

/** Validates use-case input with zod; issues become INVALID_INPUT with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ path: [prefix, ...i.path].join("."), message: i.message }));
  throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
}

/** Prisma's unique-constraint violation (P2002), so a race between two creates reads as CONFLICT. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}
