// Disposition codes: how a call ended ("Sale", "Call back", "Wrong number"), chosen by the agent in
// wrap-up. Managed with the queues; archived codes leave the agents' list but stay on past calls.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { translationsSchema } from "../shared/localized-name.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";

const dispositionCodeSchema = z.object({
  name: z.string().trim().min(1, "required").max(60, "at most 60 characters"),
  /** The name in other languages, for viewers who read those. */
  translations: translationsSchema,
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  active: z.boolean().default(true),
  /** For campaigns' result codes: reached, retry or failed; null: a plain disposition; left out: unchanged. */
  kind: z.enum(["REACHED", "RETRY", "FAILED"]).nullable().optional(),
});
export type DispositionCodeInput = z.input<typeof dispositionCodeSchema>;

export async function saveDispositionCode(viewer: Viewer, id: string | null, raw: DispositionCodeInput, deps: Deps, ip?: string) {
  if (!can(viewer, "queues.manage")) throw new DomainError("FORBIDDEN", "You may not manage dispositions");
  const input = parseInput(dispositionCodeSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    return await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.dispositionCode.findFirst({ where: { id, organizationId } }) : null;
      if (id && !existing) throw notFound("Disposition");
      const code = id
        ? await tx.dispositionCode.update({ where: { id }, data: input })
        : await tx.dispositionCode.create({ data: { ...input, organizationId } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: id ? "disposition_code.updated" : "disposition_code.created",
        targetType: "DispositionCode",
        targetId: code.id,
        targetLabel: code.name,
        data: { changes: auditChanges(existing, input) } as never,
        ip,
      });
      return code;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A disposition");
    throw e;
  }
}
