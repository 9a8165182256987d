import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";

const replySchema = z.object({
  title: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  body: z.string().trim().min(1, "required").max(5000, "at most 5000 characters"),
  queueId: z.uuid().nullable().default(null),
});
export type CannedReplyInput = z.input<typeof replySchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "canned_replies.manage")) throw new DomainError("FORBIDDEN", "You may not manage canned replies");
}

export async function saveCannedReply(viewer: Viewer, id: string | null, raw: CannedReplyInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(replySchema, raw);
  const organizationId = viewer.organizationId;
  if (input.queueId && !(await deps.db.queue.count({ where: { id: input.queueId, organizationId } }))) throw fieldError("input.queueId", "unknown", "Unknown queue");
  try {
    return await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.cannedReply.findFirst({ where: { id, organizationId } }) : null;
      if (id && !existing) throw notFound("Canned reply");
      const saved = existing ? await tx.cannedReply.update({ where: { id: existing.id }, data: input }) : await tx.cannedReply.create({ data: { ...input, organizationId } });
      const before = existing && { title: existing.title, body: existing.body, queueId: existing.queueId };
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "canned_reply.updated" : "canned_reply.created",
        targetType: "CannedReply",
        targetId: saved.id,
        targetLabel: saved.title,
        data: { changes: auditChanges(before, input) } as never,
        ip,
      });
      return saved;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? new DomainError("CONFLICT", "A canned reply with this title already exists", { fields: [{ path: "input.title", code: "taken", message: "already exists" }] }) : e;
  }
}

export async function deleteCannedReply(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  await deps.db.$transaction(async (tx) => {
    const existing = await tx.cannedReply.findFirst({ where: { id, organizationId: viewer.organizationId } });
    if (!existing) throw notFound("Canned reply");
    await tx.cannedReply.delete({ where: { id: existing.id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "canned_reply.deleted",
      targetType: "CannedReply",
      targetId: existing.id,
      targetLabel: existing.title,
      data: { queueId: existing.queueId },
      ip,
    });
  });
}
