import { ADMINISTRATION_PERMISSIONS } from "../access/permissions.ts";
import { DomainError, fieldError, notFound } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";
import { followTeams, queuesFollowing } from "../queues/queue-teams.ts";

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

  /** Puts the user in exactly these teams; returns the queues whose members changed with it (those
   * following a team they joined or left: queue-teams.ts), for the caller to announce. */
  async replaceTeams(organizationId: string, userId: string, teamIds: string[]): Promise<string[]> {
    const teams = await this.db.team.findMany({ where: { id: { in: teamIds }, organizationId }, select: { id: true } });
    if (teams.length !== new Set(teamIds).size) {
      throw fieldError("input.teamIds", "unknown", "Unknown team");
    }
    const before = (await this.db.teamMember.findMany({ where: { userId }, select: { teamId: true } })).map((m) => m.teamId);
    const left = before.filter((id) => !teamIds.includes(id));
    const joined = teamIds.filter((id) => !before.includes(id));
    if (left.length) await this.db.teamMember.deleteMany({ where: { userId, teamId: { in: left } } });
    if (joined.length) await this.db.teamMember.createMany({ data: joined.map((teamId) => ({ teamId, userId })), skipDuplicates: true });
    return followTeams(this.db, await queuesFollowing(this.db, [...left, ...joined]));
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
