import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
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

export async function saveCannedReply(viewer: Viewer, id: string | null, raw: CannedReplyInput, deps: Deps) {
  assertCanManage(viewer);
  const input = parseInput(replySchema, raw);
  if (input.queueId && !(await deps.db.queue.count({ where: { id: input.queueId, organizationId: viewer.organizationId } }))) throw fieldError("input.queueId", "unknown", "Unknown queue");
  try {
    if (id) {
      const existing = await deps.db.cannedReply.findFirst({ where: { id, organizationId: viewer.organizationId } });
      if (!existing) throw notFound("Canned reply");
      return await deps.db.cannedReply.update({ where: { id }, data: input });
    }
    return await deps.db.cannedReply.create({ data: { ...input, organizationId: viewer.organizationId } });
  } catch (e) {
    throw isUniqueViolation(e) ? new DomainError("CONFLICT", "A canned reply with this title already exists", { fields: [{ path: "input.title", code: "taken", message: "already exists" }] }) : e;
  }
}

export async function deleteCannedReply(viewer: Viewer, id: string, deps: Deps) {
  assertCanManage(viewer);
  const deleted = await deps.db.cannedReply.deleteMany({ where: { id, organizationId: viewer.organizationId } });
  if (!deleted.count) throw notFound("Canned reply");
}
