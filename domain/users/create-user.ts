import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { type CreateUserInput, createUserSchema, passwordProblem } from "./user-input.ts";
import { UserRepository } from "./user-repository.ts";

export async function createUser(viewer: Viewer, raw: CreateUserInput, deps: Deps, ip?: string) {
  if (!can(viewer, "users.manage")) throw new DomainError("FORBIDDEN", "You may not create users");
  const input = parseInput(createUserSchema, raw);
  const weak = passwordProblem(input.password, input.username);
  if (weak) throw fieldError("input.password", "same_as_login", `Password ${weak}`);
  await assertUnique(deps, input.username, input.email);
  const hash = await deps.passwords.hash(input.password);
  const organizationId = viewer.organizationId;
  try {
    const user = await deps.db.$transaction(async (tx) => {
      const users = new UserRepository(tx);
      await users.assertRoleInOrg(organizationId, input.roleId);
      const user = await tx.user.create({
        data: {
          organizationId,
          username: input.username,
          displayUsername: input.username,
          name: input.name,
          email: input.email,
          roleId: input.roleId,
          locale: input.locale,
          capacity: input.capacity ?? undefined,
          presence: { create: { organizationId } },
        },
      });
      await users.setPasswordHash(user.id, hash);
      const queues = await users.replaceTeams(organizationId, user.id, input.teamIds);
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "user.created",
        targetType: "User",
        targetId: user.id,
        targetLabel: user.name,
        data: { username: user.username, roleId: user.roleId, teamIds: input.teamIds },
        ip,
      });
      return { ...user, queues };
    });
    deps.events.publish("user.created", { organizationId, userId: user.id });
    for (const queueId of user.queues) deps.events.publish("queue.updated", { organizationId, queueId });
    return user;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("CONFLICT", "A user with this login or e-mail already exists");
    throw e;
  }
}

export async function assertUnique(deps: Deps, username: string, email: string, exceptId?: string) {
  const clash = await deps.db.user.findFirst({
    where: { OR: [{ username }, { email }], ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { username: true, email: true },
  });
  if (!clash) return;
  const fields = [
    ...(clash.username === username ? [{ path: "input.username", code: "taken", message: "already taken" }] : []),
    ...(clash.email === email ? [{ path: "input.email", code: "taken", message: "already used by another user" }] : []),
  ];
  throw new DomainError("CONFLICT", "A user with this login or e-mail already exists", { fields });
}
