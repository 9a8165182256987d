// Validation of user data, shared by the use-cases and (through zod) by the GraphQL inputs.
import { z } from "zod";
import { capacitySchema } from "../routing/capacity.ts";
import { LOCALES } from "../shared/locale.ts";

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "at least 2 characters")
  .max(64, "at most 64 characters")
  .regex(/^[a-z0-9._-]+$/, "letters a–z, digits, dot, dash and underscore only");

export const passwordSchema = z.string().min(8, "at least 8 characters").max(128, "at most 128 characters");

export const userFieldsSchema = z.object({
  name: z.string().trim().min(1, "required").max(120, "at most 120 characters"),
  email: z.email("not a valid e-mail address").trim().toLowerCase().max(254),
  roleId: z.uuid("not a valid id"),
  locale: z.enum(LOCALES),
  teamIds: z.array(z.uuid("not a valid id")).max(50).default([]),
  /** Per-channel capacity overriding the organisation's default; null to use the default. */
  capacity: capacitySchema.nullable().default(null),
});

export const createUserSchema = userFieldsSchema.extend({ username: usernameSchema, password: passwordSchema });
export type CreateUserInput = z.input<typeof createUserSchema>;
export const updateUserSchema = userFieldsSchema.extend({ id: z.uuid(), username: usernameSchema });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** Beyond length: a password must not be the login itself. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return "must differ from the login";
  return null;
}
