import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { translationsSchema } from "../shared/localized-name.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";

const pauseCodeSchema = z.object({
  name: z.string().trim().min(1, "required").max(60, "at most 60 characters"),
  /** The name in other languages, for viewers who read those. */
  translations: translationsSchema,
  maxDurationMinutes: z.number().int().min(1, "1–1440").max(1440, "1–1440").nullable().default(null),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  /** Archived codes disappear from the agents' menu but stay in the history. */
  active: z.boolean().default(true),
});
export type PauseCodeInput = z.input<typeof pauseCodeSchema>;

export async function savePauseCode(viewer: Viewer, id: string | null, raw: PauseCodeInput, deps: Deps, ip?: string) {
  if (!can(viewer, "pause_codes.manage")) throw new DomainError("FORBIDDEN", "You may not manage pause reasons");
  const input = parseInput(pauseCodeSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    const code = await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.pauseCode.findFirst({ where: { id, organizationId } }) : null;
      if (id && !existing) throw notFound("Pause reason");
      const code = id ? await tx.pauseCode.update({ where: { id }, data: input }) : await tx.pauseCode.create({ data: { ...input, organizationId } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: id ? "pause_code.updated" : "pause_code.created",
        targetType: "PauseCode",
        targetId: code.id,
        targetLabel: code.name,
        data: { changes: auditChanges(existing, input) } as never,
        ip,
      });
      return code;
    });
    deps.events.publish("pause_code.updated", { organizationId, pauseCodeId: code.id });
    return code;
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A pause reason");
    throw e;
  }
}
