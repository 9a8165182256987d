// Which cases a viewer may see and change. With cases.read_all: every case of the organisation.
// An agent: cases assigned to them, cases of queues they belong to, and cases they have worked on.
import type { Prisma } from "../../generated/prisma/client.ts";
import { can, type Viewer } from "../access/viewer.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";

export function visibleCasesWhere(viewer: Viewer): Prisma.CaseWhereInput | null {
  if (can(viewer, "cases.read_all")) return { organizationId: viewer.organizationId };
  if (!can(viewer, "agents.work")) return null;
  const me = viewer.userId;
  return {
    organizationId: viewer.organizationId,
    OR: [{ assigneeId: me }, { queue: { members: { some: { userId: me } } } }, { interactions: { some: { agentId: me } } }],
  };
}

/** The case if the viewer may see it; NOT_FOUND otherwise (never FORBIDDEN: that would confirm it exists). */
export async function visibleCase(viewer: Viewer, caseId: string, db: Db) {
  const where = visibleCasesWhere(viewer);
  const found = where ? await db.case.findFirst({ where: { AND: [where, { id: caseId }] } }) : null;
  if (!found) throw notFound("Case");
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
