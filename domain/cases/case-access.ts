// Which cases a viewer may see and change. With cases.read_all: every case of the organisation.
// An agent: cases assigned to them, cases of queues they belong to, and cases they have worked on.
// A team lead (agents.monitor_team; agents.monitor_all: every agent): also the cases the agents
// they may watch are assigned to or have worked on — to watch, not to write in, unless the role
// also holds cases.manage (the permission to step into another agent's case).
import type { Prisma } from "../../generated/prisma/client.ts";
import { visibleAgentsWhere } from "../agents/agent-visibility.ts";
import { can, type Viewer } from "../access/viewer.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";

/** The cases that are the viewer's own work (or, with cases.read_all, every case): readable and writable. */
function ownCasesWhere(viewer: Viewer): Prisma.CaseWhereInput | null {
  if (can(viewer, "cases.read_all")) return { organizationId: viewer.organizationId };
  if (!can(viewer, "agents.work")) return null;
  const me = viewer.userId;
  return {
    organizationId: viewer.organizationId,
    OR: [{ assigneeId: me }, { queue: { members: { some: { userId: me } } } }, { interactions: { some: { agentId: me } } }],
  };
}

/** The cases of the agents the viewer leads (watches): readable only. */
function ledCasesWhere(viewer: Viewer): Prisma.CaseWhereInput | null {
  const agents = visibleAgentsWhere(viewer);
  if (!agents) return null;
  return { organizationId: viewer.organizationId, OR: [{ assignee: agents }, { interactions: { some: { agent: agents } } }] };
}

export function visibleCasesWhere(viewer: Viewer): Prisma.CaseWhereInput | null {
  const parts = [ownCasesWhere(viewer), can(viewer, "cases.read_all") ? null : ledCasesWhere(viewer)].filter((p) => p !== null);
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0] : { OR: parts };
}

/** The case if the viewer may see it; NOT_FOUND otherwise (never FORBIDDEN: that would confirm it exists). */
export async function visibleCase(viewer: Viewer, caseId: string, db: Db) {
  const where = visibleCasesWhere(viewer);
  const found = where ? await db.case.findFirst({ where: { AND: [where, { id: caseId }] } }) : null;
  if (!found) throw notFound("Case");
  return found;
}

/** Whether the viewer may write in a case they can see (messages, notes, e-mail): their own work, or cases.manage. */
export async function canWriteCase(viewer: Viewer, caseId: string, db: Db): Promise<boolean> {
  if (can(viewer, "cases.manage")) return true;
  const own = ownCasesWhere(viewer);
  return own !== null && (await db.case.count({ where: { AND: [own, { id: caseId }] } })) > 0;
}

/** The case if the viewer may write in it; a case they only watch is FORBIDDEN (READ_ONLY). */
export async function writableCase(viewer: Viewer, caseId: string, db: Db) {
  const found = await visibleCase(viewer, caseId, db);
  if (!(await canWriteCase(viewer, caseId, db))) {
    throw new DomainError("FORBIDDEN", "You may watch this case but not write in it", { reason: "READ_ONLY" });
  }
  return found;
}

/** Changing a case (status, assignee, deadline...): its assignee, or anyone with cases.manage. */
export async function changeableCase(viewer: Viewer, caseId: string, db: Db) {
  const found = await visibleCase(viewer, caseId, db);
  if (found.assigneeId !== viewer.userId && !can(viewer, "cases.manage")) {
    throw new DomainError("FORBIDDEN", "Only the case's assignee or a supervisor may change it");
  }
  return found;
}
