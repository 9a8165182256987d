import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { LockoutPolicy } from "../auth/login-throttle.ts";
import { assertSignInAllowed, recordSignInFailure } from "../auth/sign-in-events.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { passwordProblem, passwordSchema } from "./user-input.ts";
import { UserRepository } from "./user-repository.ts";

function checkPassword(password: string, username: string, path: string) {
  const parsed = parseInput(passwordSchema, password, path);
  const weak = passwordProblem(parsed, username);
  if (weak) throw fieldError(path, "same_as_login", `Password ${weak}`);
  return parsed;
}

/** An admin sets a new password for a user, who is then signed out everywhere. */
export async function resetUserPassword(viewer: Viewer, userId: string, newPassword: string, deps: Deps, ip?: string) {
  if (!can(viewer, "users.manage")) throw new DomainError("FORBIDDEN", "You may not reset passwords");
  const organizationId = viewer.organizationId;
  const target = await new UserRepository(deps.db).getInOrg(organizationId, userId);
  const hash = await deps.passwords.hash(checkPassword(newPassword, target.username, "password"));
  await deps.db.$transaction(async (tx) => {
    const users = new UserRepository(tx);
    await users.setPasswordHash(userId, hash);
    await users.revokeSessions(userId, userId === viewer.userId ? viewer.sessionId : undefined);
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "user.password_reset",
      targetType: "User",
      targetId: userId,
      targetLabel: target.name,
      ip,
    });
  });
  deps.events.publish("user.updated", { organizationId, userId });
}

/**
 * A user changes their own password; their other sessions end. A wrong current password counts as
 * a failed sign-in of their login (the same counter and lock), and a locked login may not try.
 */
export async function changeOwnPassword(viewer: Viewer, currentPassword: string, newPassword: string, lockout: LockoutPolicy, deps: Deps, ip?: string) {
  await assertSignInAllowed(viewer.username, deps);
  const users = new UserRepository(deps.db);
  const hash = await users.passwordHash(viewer.userId);
  if (!hash || !(await deps.passwords.verify({ hash, password: currentPassword }))) {
    await recordSignInFailure(viewer.username, lockout, deps, ip, "password_change");
    throw fieldError("currentPassword", "wrong_password", "The current password is wrong");
  }
  const next = await deps.passwords.hash(checkPassword(newPassword, viewer.username, "newPassword"));
  await deps.db.$transaction(async (tx) => {
    const repo = new UserRepository(tx);
    await repo.setPasswordHash(viewer.userId, next);
    await repo.revokeSessions(viewer.userId, viewer.sessionId);
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "auth.password_changed",
      targetType: "User",
      targetId: viewer.userId,
      targetLabel: viewer.name,
      ip,
    });
  });
}
