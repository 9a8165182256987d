import { can, type Viewer } from "../access/viewer.ts";
import { changeAgentState } from "../agents/set-agent-state.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { UserRepository } from "./user-repository.ts";

/**
 * Deactivating keeps the user's history (cases, calls, audit) but signs them out everywhere,
 * sets them OFFLINE and refuses their sign-ins. Reactivating lets them sign in again.
 */
export async function setUserActive(viewer: Viewer, userId: string, active: boolean, deps: Deps, ip?: string) {
  if (!can(viewer, "users.manage")) throw new DomainError("FORBIDDEN", "You may not deactivate users");
  if (!active && userId === viewer.userId) throw new DomainError("CONFLICT", "You cannot deactivate yourself", { reason: "SELF" });
  const organizationId = viewer.organizationId;
  const user = await deps.db.$transaction(async (tx) => {
    const users = new UserRepository(tx);
    const before = await users.getInOrg(organizationId, userId);
    if (before.active === active) return before;
    const user = await tx.user.update({ where: { id: userId }, data: { active, deactivatedAt: active ? null : deps.now() } });
    if (!active) {
      await users.revokeSessions(userId);
      await users.assertAdministrationRemains(organizationId);
    }
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: active ? "user.reactivated" : "user.deactivated",
      targetType: "User",
      targetId: userId,
      targetLabel: user.name,
      data: { username: user.username },
      ip,
    });
    return user;
  });
  if (!active) {
    await changeAgentState({ userId, organizationId, state: "OFFLINE", source: "DEACTIVATED", changedById: viewer.userId, seen: false }, deps);
    deps.events.publish("user.deactivated", { organizationId, userId });
  } else {
    deps.events.publish("user.updated", { organizationId, userId });
  }
  return user;
}
