import { Prisma } from "../../generated/prisma/client.ts";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { assertUnique } from "./create-user.ts";
import { type UpdateUserInput, updateUserSchema } from "./user-input.ts";
import { UserRepository } from "./user-repository.ts";

export async function updateUser(viewer: Viewer, raw: UpdateUserInput, deps: Deps, ip?: string) {
  if (!can(viewer, "users.manage")) throw new DomainError("FORBIDDEN", "You may not edit users");
  const input = parseInput(updateUserSchema, raw);
  const organizationId = viewer.organizationId;
  await assertUnique(deps, input.username, input.email, input.id);
  try {
    const user = await deps.db.$transaction(async (tx) => {
      const users = new UserRepository(tx);
      const before = await users.getInOrg(organizationId, input.id);
      await users.assertRoleInOrg(organizationId, input.roleId);
      const user = await tx.user.update({
        where: { id: before.id },
        data: { username: input.username, displayUsername: input.username, name: input.name, email: input.email, roleId: input.roleId, locale: input.locale, capacity: input.capacity ?? Prisma.DbNull },
      });
      const queues = await users.replaceTeams(organizationId, user.id, input.teamIds);
      if (before.roleId !== user.roleId) await users.assertAdministrationRemains(organizationId);
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "user.updated",
        targetType: "User",
        targetId: user.id,
        targetLabel: user.name,
        data: { changed: changedFields(before, user), teamIds: input.teamIds },
        ip,
      });
      return { ...user, queues };
    });
    deps.events.publish("user.updated", { organizationId, userId: user.id });
    for (const queueId of user.queues) deps.events.publish("queue.updated", { organizationId, queueId });
    return user;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("CONFLICT", "A user with this login or e-mail already exists");
    throw e;
  }
}

function changedFields<T extends Record<string, unknown>>(before: T, after: T) {
  const keys = ["username", "name", "email", "roleId", "locale"] as const;
  return Object.fromEntries(keys.filter((k) => before[k] !== after[k]).map((k) => [k, { from: String(before[k]), to: String(after[k]) }]));
}
