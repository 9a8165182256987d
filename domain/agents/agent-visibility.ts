// Which agents a viewer may watch: everyone's with agents.monitor_all, otherwise the members of
// the teams the viewer leads (agents.monitor_team). Computed here and nowhere else.
import type { Prisma } from "../../generated/prisma/client.ts";
import { can, type Viewer } from "../access/viewer.ts";
import type { Db } from "../shared/tx.ts";

/** Users who take work (their role grants agents.work). */
export function agentsWhere(organizationId: string): Prisma.UserWhereInput {
  return { organizationId, active: true, role: { permissions: { has: "agents.work" } } };
}

/** The agents this viewer may see, as a Prisma filter; null when none. */
export function visibleAgentsWhere(viewer: Viewer, teamId?: string | null): Prisma.UserWhereInput | null {
  const base = agentsWhere(viewer.organizationId);
  const inTeam: Prisma.UserWhereInput = teamId ? { teamMemberships: { some: { teamId } } } : {};
  if (can(viewer, "agents.monitor_all")) return { ...base, ...inTeam };
  if (can(viewer, "agents.monitor_team")) {
    return {
      AND: [base, inTeam, { teamMemberships: { some: { team: { members: { some: { userId: viewer.userId, lead: true } } } } } }],
    };
  }
  return null;
}

export async function visibleAgentIds(viewer: Viewer, db: Db): Promise<Set<string>> {
  const where = visibleAgentsWhere(viewer);
  if (!where) return new Set();
  const rows = await db.user.findMany({ where, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export async function canSeeAgent(viewer: Viewer, userId: string, db: Db): Promise<boolean> {
  const where = visibleAgentsWhere(viewer);
  return where !== null && (await db.user.count({ where: { AND: [where, { id: userId }] } })) > 0;
}
