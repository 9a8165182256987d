import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { blendingSchema, capacitySchema } from "../routing/capacity.ts";
import { DomainError } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";

const settingsSchema = z.object({
  defaultCapacity: capacitySchema,
  missedOffersBeforePause: z.number().int().min(1, "1–20").max(20, "1–20"),
  blending: blendingSchema.optional(),
  /** Days call recordings are kept unless their queue says otherwise; null: for ever; left out: unchanged. */
  recordingRetentionDays: z.number().int("whole days").min(1, "1–36500").max(36_500, "1–36500").nullable().optional(),
});
export type OrganizationSettingsInput = z.input<typeof settingsSchema>;

/** How much work agents take at once unless set per agent, how many missed offers pause them, the
 * blended rules, and how long recordings are kept. A change wakes every queue: work that waited may
 * now have somewhere to go. */
export async function updateOrganizationSettings(viewer: Viewer, raw: OrganizationSettingsInput, deps: Deps, ip?: string) {
  if (!can(viewer, "queues.manage")) throw new DomainError("FORBIDDEN", "You may not change routing settings");
  const input = parseInput(settingsSchema, raw);
  const org = await deps.db.$transaction(async (tx) => {
    const org = await tx.organization.update({ where: { id: viewer.organizationId }, data: input });
    await recordAudit(tx, {
      organizationId: org.id,
      actorId: viewer.userId,
      action: "organization.settings_updated",
      targetType: "Organization",
      targetId: org.id,
      targetLabel: org.name,
      data: input,
      ip,
    });
    return org;
  });
  deps.events.publish("routing.wake", { organizationId: org.id, queueIds: "all" });
  return org;
}
