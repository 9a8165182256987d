// A user's row as a Viewer: what their role lets them do now. Signed-in requests pass their
// session; work done on a user's behalf without one (a scheduled report) passes none.
import { toPermissionSet } from "./permissions.ts";
import type { Viewer } from "./viewer.ts";

export const VIEWER_USER_SELECT = {
  id: true,
  organizationId: true,
  name: true,
  username: true,
  active: true,
  locale: true,
  roleId: true,
  isOperator: true,
  role: { select: { permissions: true } },
} as const;

interface ViewerUser {
  id: string;
  organizationId: string;
  name: string;
  username: string;
  active: boolean;
  locale: Viewer["locale"];
  roleId: string;
  isOperator: boolean;
  role: { permissions: string[] };
}

/** Null for a user who is gone or deactivated. */
export function viewerOfUser(user: ViewerUser | null, session: { id: string; expiresAt: Date }): Viewer | null {
  if (!user?.active) return null;
  return {
    userId: user.id,
    organizationId: user.organizationId,
    name: user.name,
    username: user.username,
    roleId: user.roleId,
    permissions: toPermissionSet(user.role.permissions, user.isOperator),
    locale: user.locale,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
  };
}
