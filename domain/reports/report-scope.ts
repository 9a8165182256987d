// Whose calls a viewer's queue reports may count. With agents.monitor_all: every queue, team and
// agent. A team lead (agents.monitor_team): the teams they lead, those teams' agents, and the queues
// those agents work in (all of each such queue's calls, answered or not). Anyone else: nothing.
import { visibleAgentsWhere } from "../agents/agent-visibility.ts";
import { type Viewer, can } from "../access/viewer.ts";
import { fieldError } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";

export interface ReportScope {
  queues: { id: string; name: string; serviceLevelSeconds: number; serviceLevelPercent: number }[];
  teams: { id: string; name: string }[];
  agents: { id: string; name: string; username: string }[];
}

export interface ReportFilters {
  queueIds?: string[] | null;
  teamId?: string | null;
  agentId?: string | null;
}

/** The teams whose agents the viewer may report on: all, or those they lead. */
export function scopeTeamsWhere(viewer: Viewer) {
  const { organizationId } = viewer;
  return can(viewer, "agents.monitor_all") ? { organizationId } : { organizationId, members: { some: { userId: viewer.userId, lead: true } } };
}

/** A team filter must be one of the viewer's teams. */
export async function assertTeamInScope(viewer: Viewer, teamId: string | null | undefined, db: Db): Promise<void> {
  if (teamId && !(await db.team.count({ where: { id: teamId, ...scopeTeamsWhere(viewer) } })))
    throw fieldError("teamId", "unknown", "There is no such team among yours");
}

/** What the viewer may choose from (the report's filter options). */
export async function reportScope(viewer: Viewer, db: Db): Promise<ReportScope> {
  const agentsWhere = visibleAgentsWhere(viewer);
  if (!agentsWhere) return { queues: [], teams: [], agents: [] };
  const all = can(viewer, "agents.monitor_all");
  const organizationId = viewer.organizationId;
  const [agents, teams] = await Promise.all([
    db.user.findMany({ where: agentsWhere, select: { id: true, name: true, username: true }, orderBy: [{ name: "asc" }, { username: "asc" }] }),
    db.team.findMany({
      where: scopeTeamsWhere(viewer),
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const queues = await db.queue.findMany({
    where: all ? { organizationId } : { organizationId, members: { some: { userId: { in: agents.map((a) => a.id) } } } },
    select: { id: true, name: true, serviceLevelSeconds: true, serviceLevelPercent: true },
    orderBy: { name: "asc" },
  });
  return { queues, teams, agents };
}

/**
 * The filters asked for, checked against the scope: the queues to count (all the viewer may when
 * none is chosen) and the answering agents to count (null: any, unanswered calls included).
 */
export async function resolveFilters(scope: ReportScope, filters: ReportFilters, db: Db): Promise<{ queueIds: string[]; agentIds: string[] | null }> {
  const allowedQueues = new Set(scope.queues.map((q) => q.id));
  const queueIds = filters.queueIds?.length ? filters.queueIds : [...allowedQueues];
  if (queueIds.some((id) => !allowedQueues.has(id))) throw fieldError("queueIds", "unknown", "There is no such queue among yours");
  let agentIds: string[] | null = null;
  if (filters.teamId) {
    if (!scope.teams.some((t) => t.id === filters.teamId)) throw fieldError("teamId", "unknown", "There is no such team among yours");
    const members = await db.teamMember.findMany({ where: { teamId: filters.teamId }, select: { userId: true } });
    const allowed = new Set(scope.agents.map((a) => a.id));
    agentIds = members.map((m) => m.userId).filter((id) => allowed.has(id));
  }
  if (filters.agentId) {
    if (!scope.agents.some((a) => a.id === filters.agentId)) throw fieldError("agentId", "unknown", "There is no such agent among yours");
    agentIds = agentIds ? agentIds.filter((id) => id === filters.agentId) : [filters.agentId];
  }
  return { queueIds, agentIds };
}
