import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { translationsSchema } from "../shared/localized-name.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { STATUS_CATEGORIES } from "./default-process.ts";

const statusSchema = z.object({
  processId: z.uuid(),
  name: z.string().trim().min(1, "required").max(60, "at most 60 characters"),
  /** The name in other languages, for viewers who read those. */
  translations: translationsSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #2563eb"),
  category: z.enum(STATUS_CATEGORIES),
  sortOrder: z.number().int().min(0).max(1000).default(0),
  active: z.boolean().default(true),
});
export type CaseStatusInput = z.input<typeof statusSchema>;

/** Admins shape the statuses of a process; a process must keep an active NEW status for new cases. */
export async function saveCaseStatus(viewer: Viewer, id: string | null, raw: CaseStatusInput, deps: Deps, ip?: string) {
  if (!can(viewer, "cases.configure")) throw new DomainError("FORBIDDEN", "You may not configure case statuses");
  const input = parseInput(statusSchema, raw);
  try {
    return await deps.db.$transaction(async (tx) => {
      const process = await tx.process.findFirst({ where: { id: input.processId, organizationId: viewer.organizationId } });
      if (!process) throw notFound("Process");
      const existing = id ? await tx.caseStatus.findFirst({ where: { id, processId: process.id } }) : null;
      if (id && !existing) throw notFound("Status");
      const { processId, ...data } = input;
      const status = id ? await tx.caseStatus.update({ where: { id }, data }) : await tx.caseStatus.create({ data: { ...data, processId, organizationId: viewer.organizationId } });
      if (!(await tx.caseStatus.count({ where: { processId, category: "NEW", active: true } }))) {
        throw new DomainError("CONFLICT", "A process needs an active status of category New for incoming cases", { reason: "NO_NEW_STATUS" });
      }
      await recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: id ? "case_status.updated" : "case_status.created", targetType: "CaseStatus", targetId: status.id, targetLabel: status.name, data: { changes: auditChanges(existing, data) } as never, ip });
      return status;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A status") : e;
  }
}
