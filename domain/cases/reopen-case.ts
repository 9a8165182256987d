// A customer writing back (by e-mail, SMS...) reopens their resolved, closed or pending case: it
// moves to the process's first OPEN status, its service-level clocks told.
import type { Db } from "../shared/tx.ts";
import { advanceCaseSla } from "./case-sla.ts";
import { recordStatusChange } from "./status-spans.ts";

export async function reopenCase(tx: Db, caseId: string, now: Date) {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { organizationId: true, processId: true, statusId: true, status: { select: { category: true } } },
  });
  if (kase.status.category === "NEW" || kase.status.category === "OPEN") return;
  const open = await tx.caseStatus.findFirst({ where: { processId: kase.processId, category: "OPEN" }, orderBy: { sortOrder: "asc" }, select: { id: true } });
  if (!open) return;
  await tx.case.update({ where: { id: caseId }, data: { statusId: open.id, closedAt: null } });
  await advanceCaseSla(tx, caseId, { type: "status", from: kase.status.category }, now);
  await recordStatusChange(tx, { organizationId: kase.organizationId, caseId, fromStatusId: kase.statusId, toStatusId: open.id, actorId: null, at: now });
}
