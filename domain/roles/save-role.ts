import { z } from "zod";
import { PERMISSIONS } from "../access/permissions.ts";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { UserRepository } from "../users/user-repository.ts";

const roleSchema = z.object({
  name: z.string().trim().min(1, "required").max(60, "at most 60 characters"),
  description: z.string().trim().max(500, "at most 500 characters").default(""),
  permissions: z.array(z.enum(PERMISSIONS, "unknown permission")).transform((p) => [...new Set(p)].sort()),
});
export type RoleInput = z.input<typeof roleSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "roles.manage")) throw new DomainError("FORBIDDEN", "You may not manage roles");
}

export async function createRole(viewer: Viewer, raw: RoleInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(roleSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    const role = await deps.db.$transaction(async (tx) => {
      const role = await tx.role.create({ data: { organizationId, ...input } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "role.created",
        targetType: "Role",
        targetId: role.id,
        targetLabel: role.name,
        data: input,
        ip,
      });
      return role;
    });
    deps.events.publish("role.updated", { organizationId, roleId: role.id });
    return role;
  } catch (e) {
    throw isUniqueViolation(e) ? duplicateName() : e;
  }
}

/** Edits a role, built-in ones included; refused if nobody could administer afterwards. */
export async function updateRole(viewer: Viewer, id: string, raw: RoleInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(roleSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    const role = await deps.db.$transaction(async (tx) => {
      const before = await tx.role.findFirst({ where: { id, organizationId } });
      if (!before) throw notFound("Role");
      const role = await tx.role.update({ where: { id }, data: input });
      await new UserRepository(tx).assertAdministrationRemains(organizationId);
      const added = input.permissions.filter((p) => !before.permissions.includes(p));
      const removed = before.permissions.filter((p) => !input.permissions.includes(p as never));
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "role.updated",
        targetType: "Role",
        targetId: id,
        targetLabel: role.name,
        data: { added, removed },
        ip,
      });
      return role;
    });
    deps.events.publish("role.updated", { organizationId, roleId: id });
    return role;
  } catch (e) {
    throw isUniqueViolation(e) ? duplicateName() : e;
  }
}

export async function deleteRole(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  await deps.db.$transaction(async (tx) => {
    const role = await tx.role.findFirst({ where: { id, organizationId }, include: { _count: { select: { users: true } } } });
    if (!role) throw notFound("Role");
    if (role.key) throw new DomainError("CONFLICT", "Built-in roles cannot be deleted; edit their permissions instead", { reason: "BUILT_IN" });
    if (role._count.users > 0) {
      throw new DomainError("CONFLICT", `This role still has ${role._count.users} user(s); give them another role first`, {
        reason: "IN_USE",
        users: role._count.users,
      });
    }
    await tx.role.delete({ where: { id } });
    await recordAudit(tx, { organizationId, actorId: viewer.userId, action: "role.deleted", targetType: "Role", targetId: id, targetLabel: role.name, ip });
  });
  deps.events.publish("role.deleted", { organizationId, roleId: id });
}

const duplicateName = () => nameTaken("A role");
