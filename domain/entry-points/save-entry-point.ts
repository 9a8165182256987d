import { randomBytes } from "node:crypto";
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { auditChanges } from "../audit/audit-details.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { widgetConfigSchema } from "./widget-config.ts";

const entryPointSchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  queueId: z.uuid(),
  active: z.boolean().default(true),
  config: widgetConfigSchema,
  /** The IVR flow web callers ("Call us") meet first; null: straight to the queue. */
  ivrFlowId: z.uuid().nullable().default(null),
});
export type EntryPointInput = z.input<typeof entryPointSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "entry_points.manage")) throw new DomainError("FORBIDDEN", "You may not manage chat widgets");
}

/** Creates (no id) or updates a chat widget. Its key (for the script tag) is made once, at random. */
export async function saveEntryPoint(viewer: Viewer, id: string | null, raw: EntryPointInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(entryPointSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    const ep = await deps.db.$transaction(async (tx) => {
      if (!(await tx.queue.count({ where: { id: input.queueId, organizationId } }))) throw fieldError("input.queueId", "unknown", "Unknown queue");
      for (const [n, t] of input.config.topics.entries()) {
        if (t.queueId && !(await tx.queue.count({ where: { id: t.queueId, organizationId } }))) throw fieldError(`input.config.topics.${n}.queueId`, "unknown", "Unknown queue");
      }
      const existing = id ? await tx.entryPoint.findFirst({ where: { id, organizationId, kind: "CHAT_WIDGET" } }) : null;
      if (id && !existing) throw notFound("Chat widget");
      if (input.ivrFlowId && !(await tx.ivrFlow.count({ where: { id: input.ivrFlowId, organizationId } }))) throw fieldError("input.ivrFlowId", "unknown", "Unknown IVR flow");
      const data = { name: input.name, queueId: input.queueId, active: input.active, config: input.config, ivrFlowId: input.ivrFlowId };
      const ep = id
        ? await tx.entryPoint.update({ where: { id }, data })
        : await tx.entryPoint.create({ data: { ...data, organizationId, kind: "CHAT_WIDGET", key: randomBytes(18).toString("base64url") } });
      // Every setting an admin can change (texts, colours, hours, topics...), as what changed.
      const flat = (w: { name: string; queueId: string | null; active: boolean; ivrFlowId: string | null; config: unknown }) => ({
        name: w.name,
        queueId: w.queueId,
        active: w.active,
        ivrFlowId: w.ivrFlowId,
        ...(w.config && typeof w.config === "object" ? (w.config as Record<string, unknown>) : {}),
      });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: id ? "entry_point.updated" : "entry_point.created",
        targetType: "EntryPoint",
        targetId: ep.id,
        targetLabel: ep.name,
        data: { changes: auditChanges(existing && flat(existing), flat(data)) } as never,
        ip,
      });
      return ep;
    });
    return ep;
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A chat widget") : e;
  }
}

/**
 * Makes a new identity-verification secret and returns it once: sites sign their users' ids with it.
 * Stored sealed; signatures made with the old one stop verifying at once.
 */
export async function rotateIdentitySecret(viewer: Viewer, id: string, deps: Deps, ip?: string): Promise<string> {
  assertCanManage(viewer);
  const secret = randomBytes(32).toString("hex");
  await deps.db.$transaction(async (tx) => {
    const ep = await tx.entryPoint.findFirst({ where: { id, organizationId: viewer.organizationId } });
    if (!ep) throw notFound("Chat widget");
    await tx.entryPoint.update({ where: { id }, data: { identitySecret: deps.secrets.seal(secret) } });
    await recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: "entry_point.secret_rotated", targetType: "EntryPoint", targetId: id, targetLabel: ep.name, ip });
  });
  return secret;
}
