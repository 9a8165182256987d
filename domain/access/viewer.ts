import type { Locale } from "../shared/locale.ts";
import type { Permission } from "./permissions.ts";

/** The signed-in user on whose behalf a request runs. */
export interface Viewer {
  userId: string;
  organizationId: string;
  name: string;
  username: string;
  roleId: string;
  permissions: ReadonlySet<Permission>;
  locale: Locale;
  sessionId: string;
  sessionExpiresAt: Date;
}

export function can(viewer: Viewer | null | undefined, permission: Permission): boolean {
  return viewer?.permissions.has(permission) ?? false;
}
