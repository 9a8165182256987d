// A supervisor's saved report definitions: save (create or change), delete, list. Each belongs to
// its owner; admins (users.manage) may change anyone's in their organisation. Saving checks the
// filters against what the owner may see now and sets the next send time.
import { type Viewer, can } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { nextSendTime } from "./report-schedule.ts";
import { type SavedReportInput, savedReportSchema } from "./saved-report-input.ts";
import { checkReport } from "./saved-report-run.ts";

function assertCanRead(viewer: Viewer) {
  if (!can(viewer, "reports.read")) throw new DomainError("FORBIDDEN", "Your role does not allow reading reports");
}

/** The saved reports the viewer may see or change: their own, or any in the organisation for an admin. */
export function savedReportsWhere(viewer: Viewer, all = false) {
  assertCanRead(viewer);
  const { organizationId, userId } = viewer;
  return all && can(viewer, "users.manage") ? { organizationId } : { organizationId, ownerId: userId };
}

export async function saveReport(viewer: Viewer, id: string | null, raw: SavedReportInput, deps: Deps, ip?: string) {
  assertCanRead(viewer);
  const input = parseInput(savedReportSchema, raw);
  const { organizationId } = viewer;
  const db = deps.db;
  const existing = id ? await db.savedReport.findFirst({ where: { id, ...savedReportsWhere(viewer, true) } }) : null;
  if (id && !existing) throw notFound("Saved report");
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timezone: true } });
  const now = deps.now();
  // The filters must be among the saver's own (an admin editing someone's report checks as the admin).
  await checkReport(viewer, input, org.timezone, deps);
  const data = { ...input, nextSendAt: nextSendTime(input, org.timezone, now), lastError: null };
  try {
    return await db.$transaction(async (tx) => {
      const saved = existing
        ? await tx.savedReport.update({ where: { id: existing.id }, data })
        : await tx.savedReport.create({ data: { ...data, organizationId, ownerId: viewer.userId } });
      const shape = (r: typeof input) => ({
        name: r.name,
        kind: r.kind,
        parameters: r.parameters,
        schedule: r.schedule,
        weekday: r.weekday,
        monthDay: r.monthDay,
        sendHour: r.sendHour,
        recipients: r.recipients,
        format: r.format,
      });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "saved_report.updated" : "saved_report.created",
        targetType: "SavedReport",
        targetId: saved.id,
        targetLabel: saved.name,
        data: { changes: auditChanges(existing && shape(existing as never), shape(input)) } as never,
        ip,
      });
      return saved;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A saved report") : e;
  }
}

export async function deleteSavedReport(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  await deps.db.$transaction(async (tx) => {
    const existing = await tx.savedReport.findFirst({ where: { id, ...savedReportsWhere(viewer, true) } });
    if (!existing) throw notFound("Saved report");
    await tx.savedReport.delete({ where: { id: existing.id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "saved_report.deleted",
      targetType: "SavedReport",
      targetId: existing.id,
      targetLabel: existing.name,
      ip,
    });
  });
}
