import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { changeableCase } from "./case-access.ts";
import { advanceCaseSla } from "./case-sla.ts";
import { recordStatusChange } from "./status-spans.ts";
import type { CaseCategory } from "./sla.ts";

const updateSchema = z.object({
  caseId: z.uuid(),
  statusId: z.uuid().optional(),
  /** null unassigns */
  assigneeId: z.uuid().nullable().optional(),
  deadline: z.date().nullable().optional(),
  subject: z.string().trim().max(200, "at most 200 characters").optional(),
  priority: z.number().int().min(0).max(1000).optional(),
});

/** Status, assignee, deadline, subject, priority: the case's assignee or a supervisor changes them. */
export async function updateCase(viewer: Viewer, raw: z.input<typeof updateSchema>, deps: Deps) {
  const input = parseInput(updateSchema, raw);
  const kase = await changeableCase(viewer, input.caseId, deps.db);
  const data: Record<string, unknown> = {};
  let statusFrom: CaseCategory | null = null;
  if (input.statusId) {
    const status = await deps.db.caseStatus.findFirst({ where: { id: input.statusId, processId: kase.processId, active: true } });
    if (!status) throw fieldError("input.statusId", "unknown", "This status is not part of the case's process");
    data.statusId = status.id;
    statusFrom = (await deps.db.caseStatus.findUniqueOrThrow({ where: { id: kase.statusId }, select: { category: true } })).category;
    data.closedAt = status.category === "CLOSED" || status.category === "RESOLVED" ? deps.now() : null;
  }
  if (input.assigneeId !== undefined) {
    if (input.assigneeId !== null && input.assigneeId !== viewer.userId && !can(viewer, "cases.manage")) {
      throw new DomainError("FORBIDDEN", "Only a supervisor may give a case to someone else");
    }
    if (input.assigneeId && !(await deps.db.user.count({ where: { id: input.assigneeId, organizationId: viewer.organizationId, active: true } }))) {
      throw fieldError("input.assigneeId", "unknown", "Unknown user");
    }
    data.assigneeId = input.assigneeId;
  }
  if (input.deadline !== undefined) data.deadline = input.deadline;
  if (input.subject !== undefined) data.subject = input.subject;
  if (input.priority !== undefined) data.priority = input.priority;
  const now = deps.now();
  const updated = await deps.db.$transaction(async (tx) => {
    await tx.case.update({ where: { id: kase.id }, data: { ...data, lastActivityAt: now } });
    // A new status may hold, stop or restart the service-level clocks.
    if (statusFrom) await advanceCaseSla(tx, kase.id, { type: "status", from: statusFrom }, now);
    if (data.statusId) await recordStatusChange(tx, { organizationId: kase.organizationId, caseId: kase.id, fromStatusId: kase.statusId, toStatusId: String(data.statusId), actorId: viewer.userId, at: now });
    return tx.case.findUniqueOrThrow({ where: { id: kase.id } });
  });
  deps.events.publish("case.updated", { organizationId: viewer.organizationId, caseId: kase.id });
  return updated;
}
