import { ADMINISTRATION_PERMISSIONS } from "../access/permissions.ts";
import { DomainError, fieldError, notFound } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";

export class UserRepository {
  constructor(private readonly db: Db) {}

  async getInOrg(organizationId: string, id: string) {
    const user = await this.db.user.findFirst({ where: { id, organizationId } });
    if (!user) throw notFound("User");
    return user;
  }

  async assertRoleInOrg(organizationId: string, roleId: string) {
    const role = await this.db.role.findFirst({ where: { id: roleId, organizationId }, select: { id: true } });
    if (!role) throw fieldError("input.roleId", "unknown", "Unknown role");
  }

  async replaceTeams(organizationId: string, userId: string, teamIds: string[]) {
    const teams = await this.db.team.findMany({ where: { id: { in: teamIds }, organizationId }, select: { id: true } });
    if (teams.length !== new Set(teamIds).size) {
      throw fieldError("input.teamIds", "unknown", "Unknown team");
    }
    await this.db.teamMember.deleteMany({ where: { userId, teamId: { notIn: teamIds } } });
    const existing = new Set((await this.db.teamMember.findMany({ where: { userId }, select: { teamId: true } })).map((m) => m.teamId));
    const added = teamIds.filter((id) => !existing.has(id));
    if (added.length) await this.db.teamMember.createMany({ data: added.map((teamId) => ({ teamId, userId })) });
  }

  async setPasswordHash(userId: string, hash: string) {
    const updated = await this.db.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
    if (updated.count === 0) await this.db.account.create({ data: { userId, accountId: userId, providerId: "credential", password: hash } });
  }

  async passwordHash(userId: string): Promise<string | null> {
    const account = await this.db.account.findFirst({ where: { userId, providerId: "credential" }, select: { password: true } });
    return account?.password ?? null;
  }

  /** Signs the user out everywhere (or everywhere but one session). */
  revokeSessions(userId: string, exceptSessionId?: string) {
    return this.db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
  }

  /**
   * Call after a change to users or roles, inside its transaction: refuses (and so rolls back)
   * a change that would leave nobody able to manage users and roles.
   */
  async assertAdministrationRemains(organizationId: string) {
    const admins = await this.db.user.count({
      where: { organizationId, active: true, role: { permissions: { hasEvery: ADMINISTRATION_PERMISSIONS } } },
    });
    if (admins === 0) {
      throw new DomainError("CONFLICT", "This change would leave no active user who can manage users and roles", { reason: "LAST_ADMIN" });
    }
  }
}
