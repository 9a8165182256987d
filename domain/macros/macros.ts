// Macros: admins define them (a reply, a status, tags to add or remove, an assignee); an agent
// applies one to a case in one step. The changes to the case are made in one transaction; the
// reply comes back filled in for the case, for the composer — the agent reads it and sends it
// (as Zendesk does), it is never sent on its own.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { canWriteCase, visibleCase } from "../cases/case-access.ts";
import { applyTagChanges } from "../cases/case-tags.ts";
import { recordStatusChange } from "../cases/status-spans.ts";
import { renderTemplate } from "../email/render-template.ts";
import { templateValues } from "../email/case-templates.ts";
import type { Deps } from "../ports.ts";
import { DomainError, type ErrorReason, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { type MacroRefusal, planMacro } from "./macro-plan.ts";

const macroSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
    body: z.string().trim().max(5000, "at most 5000 characters").default(""),
    cannedReplyId: z.uuid().nullable().default(null),
    statusId: z.uuid().nullable().default(null),
    assign: z.enum(["KEEP", "ME", "UNASSIGN", "USER"]).default("KEEP"),
    assigneeId: z.uuid().nullable().default(null),
    addTagIds: z.array(z.uuid()).max(20).default([]),
    removeTagIds: z.array(z.uuid()).max(20).default([]),
  })
  .superRefine((m, ctx) => {
    if (m.body && m.cannedReplyId) ctx.addIssue({ code: "custom", path: ["body"], message: "either a text or a canned reply, not both" });
    if (m.assign === "USER" && !m.assigneeId) ctx.addIssue({ code: "custom", path: ["assigneeId"], message: "required" });
    if (m.addTagIds.some((id) => m.removeTagIds.includes(id))) ctx.addIssue({ code: "custom", path: ["removeTagIds"], message: "a tag both added and removed" });
  });
export type MacroInput = z.input<typeof macroSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "cases.configure")) throw new DomainError("FORBIDDEN", "You may not manage macros");
}

export async function saveMacro(viewer: Viewer, id: string | null, raw: MacroInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(macroSchema, raw);
  const organizationId = viewer.organizationId;
  const { addTagIds, removeTagIds, ...fields } = input;
  const data = { ...fields, assigneeId: input.assign === "USER" ? input.assigneeId : null };
  const db = deps.db;
  if (data.cannedReplyId && !(await db.cannedReply.count({ where: { id: data.cannedReplyId, organizationId } }))) throw fieldError("input.cannedReplyId", "unknown", "Unknown canned reply");
  if (data.statusId && !(await db.caseStatus.count({ where: { id: data.statusId, organizationId } }))) throw fieldError("input.statusId", "unknown", "Unknown status");
  if (data.assigneeId && !(await db.user.count({ where: { id: data.assigneeId, organizationId, active: true } }))) throw fieldError("input.assigneeId", "unknown", "Unknown user");
  const tagIds = [...addTagIds, ...removeTagIds];
  if (tagIds.length && (await db.tag.count({ where: { id: { in: tagIds }, organizationId } })) !== new Set(tagIds).size) throw fieldError("input.addTagIds", "unknown", "Unknown tag");
  const tags = [...new Set(addTagIds)].map((tagId) => ({ tagId, add: true })).concat([...new Set(removeTagIds)].map((tagId) => ({ tagId, add: false })));
  try {
    return await db.$transaction(async (tx) => {
      const existing = id ? await tx.macro.findFirst({ where: { id, organizationId }, include: { tags: true } }) : null;
      if (id && !existing) throw notFound("Macro");
      const saved = existing
        ? await tx.macro.update({ where: { id: existing.id }, data: { ...data, tags: { deleteMany: {}, create: tags } } })
        : await tx.macro.create({ data: { ...data, organizationId, tags: { create: tags } } });
      const shape = (m: typeof data & { tags: { tagId: string; add: boolean }[] }) => ({
        ...m,
        addTagIds: m.tags.filter((t) => t.add).map((t) => t.tagId),
        removeTagIds: m.tags.filter((t) => !t.add).map((t) => t.tagId),
        tags: undefined,
      });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "macro.updated" : "macro.created",
        targetType: "Macro",
        targetId: saved.id,
        targetLabel: saved.name,
        data: {
          changes: auditChanges(
            existing &&
              shape({
                name: existing.name,
                body: existing.body,
                cannedReplyId: existing.cannedReplyId,
                statusId: existing.statusId,
                assign: existing.assign,
                assigneeId: existing.assigneeId,
                tags: existing.tags,
              }),
            { ...data, addTagIds, removeTagIds },
          ),
        } as never,
        ip,
      });
      return saved;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A macro") : e;
  }
}

export async function deleteMacro(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  await deps.db.$transaction(async (tx) => {
    const existing = await tx.macro.findFirst({ where: { id, organizationId: viewer.organizationId } });
    if (!existing) throw notFound("Macro");
    await tx.macro.delete({ where: { id: existing.id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "macro.deleted",
      targetType: "Macro",
      targetId: existing.id,
      targetLabel: existing.name,
      ip,
    });
  });
}

const REFUSALS: Record<MacroRefusal, { reason: ErrorReason; message: string }> = {
  READ_ONLY: { reason: "READ_ONLY", message: "You may watch this case but not write in it" },
  NOT_ASSIGNEE: { reason: "MACRO_NOT_ASSIGNEE", message: "Only the case's assignee or a supervisor may make this change" },
  STATUS_ELSEWHERE: { reason: "MACRO_STATUS_ELSEWHERE", message: "The macro's status is not one this case can have" },
  NO_ASSIGNEE: { reason: "MACRO_NO_ASSIGNEE", message: "The macro names nobody to assign the case to" },
};
const refuse = (why: MacroRefusal, part: string) => new DomainError("FORBIDDEN", REFUSALS[why].message, { reason: REFUSALS[why].reason, part });

/**
 * Applies a macro to a case: status, assignee and tags change together (or nothing does), the
 * timeline says who applied which macro. Returns the reply filled in for the case, to put into
 * the composer.
 */
export async function applyMacro(viewer: Viewer, raw: { caseId: string; macroId: string }, deps: Deps) {
  const input = parseInput(z.object({ caseId: z.uuid(), macroId: z.uuid() }), raw);
  const now = deps.now();
  const result = await deps.db.$transaction(async (tx) => {
    const kase = await visibleCase(viewer, input.caseId, tx);
    const macro = await tx.macro.findFirst({
      where: { id: input.macroId, organizationId: viewer.organizationId },
      include: { tags: { include: { tag: { select: { active: true } } } }, cannedReply: { select: { body: true, queueId: true } } },
    });
    if (!macro) throw notFound("Macro");
    // One application at a time per case: the plan is made from the case as it is now.
    await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${kase.id}::uuid FOR UPDATE`;
    const [current, tags, statuses, canWrite] = await Promise.all([
      tx.case.findUniqueOrThrow({ where: { id: kase.id }, select: { assigneeId: true, statusId: true } }),
      tx.caseTag.findMany({ where: { caseId: kase.id }, select: { tagId: true } }),
      tx.caseStatus.findMany({ where: { processId: kase.processId, active: true }, select: { id: true, category: true } }),
      canWriteCase(viewer, kase.id, tx),
    ]);
    const plan = planMacro(
      {
        statusId: macro.statusId,
        assign: macro.assign,
        assigneeId: macro.assigneeId,
        // An archived tag is no longer put on cases, macros included.
        addTagIds: macro.tags.filter((t) => t.add && t.tag.active).map((t) => t.tagId),
        removeTagIds: macro.tags.filter((t) => !t.add).map((t) => t.tagId),
      },
      { assigneeId: current.assigneeId, statusId: current.statusId, tagIds: tags.map((t) => t.tagId), statusIds: statuses.map((s) => s.id) },
      { userId: viewer.userId, canWrite, canManage: can(viewer, "cases.manage") },
    );
    if (!plan.ok) throw refuse(plan.reason, plan.part);
    // The person a macro names may have left since.
    if (plan.assigneeId && !(await tx.user.count({ where: { id: plan.assigneeId, organizationId: viewer.organizationId, active: true } }))) throw refuse("NO_ASSIGNEE", "assignee");
    const data: { statusId?: string; closedAt?: Date | null; assigneeId?: string | null } = {};
    if (plan.statusId) {
      const category = statuses.find((s) => s.id === plan.statusId)!.category;
      data.statusId = plan.statusId;
      data.closedAt = category === "CLOSED" || category === "RESOLVED" ? now : null;
    }
    if (plan.assigneeId !== undefined) data.assigneeId = plan.assigneeId;
    if (Object.keys(data).length) await tx.case.update({ where: { id: kase.id }, data: { ...data, lastActivityAt: now } });
    if (data.statusId)
      await recordStatusChange(tx, { organizationId: kase.organizationId, caseId: kase.id, fromStatusId: current.statusId, toStatusId: data.statusId, actorId: viewer.userId, at: now });
    await applyTagChanges(tx, kase, viewer.userId, { add: plan.addTagIds, remove: plan.removeTagIds }, now);
    await tx.caseEvent.create({ data: { organizationId: kase.organizationId, caseId: kase.id, type: "macro_applied", actorId: viewer.userId, data: { macroId: macro.id, name: macro.name }, at: now } });
    // A canned reply kept for another queue is not offered in this case, nor through a macro.
    const template = macro.body || (macro.cannedReply && (!macro.cannedReply.queueId || macro.cannedReply.queueId === kase.queueId) ? macro.cannedReply.body : "");
    return { kase, template };
  });
  deps.events.publish("case.updated", { organizationId: viewer.organizationId, caseId: input.caseId });
  const reply = result.template ? renderTemplate(result.template, await templateValues(viewer, result.kase, deps.db)) : "";
  return { caseId: input.caseId, reply };
}
