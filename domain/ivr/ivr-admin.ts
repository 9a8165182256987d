// Administering IVR flows: an admin saves a flow (checked whole by the schema, every problem
// reported where it is, in words the editor shows), publishes it (a new frozen version that calls
// use from then on) and puts it on numbers. Audit-logged.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import type { Db } from "../shared/tx.ts";
import { type IvrFlow, flowAudio, flowFaxDocuments, flowSchema } from "./flow.ts";

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
}

/** The flow checked; problems as field errors under input.definition, with codes the editor
 * translates (ivr_missing_step, ivr_loop, ivr_key) and their details. */
export function checkFlow(definition: unknown) {
  const result = flowSchema.safeParse(definition);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => {
    const custom = i.code === "custom" ? ((i as { params?: Record<string, string> }).params ?? {}) : {};
    const { code, ...params } = custom;
    return { path: ["input", "definition", ...i.path].join("."), message: i.message, code: code ?? i.code, params };
  });
  throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${f.message}`).join("; "), { fields });
}

/** Every recording the flow plays must be one of the organisation's uploaded prompts; each that
 * is not is a field error on its step (ivr_unknown_audio). */
async function checkFlowAudio(flow: IvrFlow, organizationId: string, db: Db) {
  const named = flowAudio(flow);
  if (!named.length) return;
  const found = await db.audioFile.findMany({ where: { id: { in: [...new Set(named.map((n) => n.audioId))] }, organizationId, kind: "PROMPT" }, select: { id: true } });
  const known = new Set(found.map((f) => f.id));
  const message = "This step plays a recording that does not exist or is not a prompt";
  const fields = named
    .filter((n) => !known.has(n.audioId))
    .map((n) => ({ path: `input.definition.nodes.${n.step}.${n.field}.audioId`, code: "ivr_unknown_audio", message, params: { step: n.step } }));
  if (fields.length) throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${message}`).join("; "), { fields });
}

/** Every document the flow faxes must be one of the organisation's fax documents
 * (ivr_unknown_fax_document on its step). */
async function checkFlowFaxDocuments(flow: IvrFlow, organizationId: string, db: Db) {
  const named = flowFaxDocuments(flow);
  if (!named.length) return;
  const found = await db.faxDocument.findMany({ where: { id: { in: [...new Set(named.map((n) => n.documentId))] }, organizationId }, select: { id: true } });
  const known = new Set(found.map((f) => f.id));
  const message = "This step faxes a document that does not exist";
  const fields = named
    .filter((n) => !known.has(n.documentId))
    .map((n) => ({ path: `input.definition.nodes.${n.step}.documentId`, code: "ivr_unknown_fax_document", message, params: { step: n.step } }));
  if (fields.length) throw new DomainError("INVALID_INPUT", fields.map((f) => `${f.path}: ${message}`).join("; "), { fields });
}

const saveSchema = z.object({ name: z.string().trim().min(1, "required").max(80, "at most 80 characters"), definition: z.unknown() });

/** Creates (no id) or changes a flow. The queues it sends callers to must be the organisation's. */
export async function saveIvrFlow(viewer: Viewer, id: string | null, raw: z.input<typeof saveSchema>, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(saveSchema, raw);
  const flow = checkFlow(input.definition);
  const organizationId = viewer.organizationId;
  const queueIds = [...new Set(Object.values(flow.nodes).flatMap((n) => (n.type === "queue" ? [n.queueId] : [])))];
  const known = await deps.db.queue.count({ where: { id: { in: queueIds }, organizationId } });
  if (known !== queueIds.length) throw new DomainError("INVALID_INPUT", "A step sends callers to a queue that does not exist", { fields: [{ path: "input.definition", code: "ivr_unknown_queue", message: "A step sends callers to a queue that does not exist", params: {} }] });
  await checkFlowAudio(flow, organizationId, deps.db);
  await checkFlowFaxDocuments(flow, organizationId, deps.db);
  try {
    return await deps.db.$transaction(async (tx) => {
      const existing = id ? await tx.ivrFlow.findFirst({ where: { id, organizationId } }) : null;
      if (id && !existing) throw notFound("IVR flow");
      const saved = existing
        ? await tx.ivrFlow.update({ where: { id: existing.id }, data: { name: input.name, draft: flow } })
        : await tx.ivrFlow.create({ data: { organizationId, name: input.name, draft: flow } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: existing ? "ivr_flow.updated" : "ivr_flow.created",
        targetType: "IvrFlow",
        targetId: saved.id,
        targetLabel: saved.name,
        ip,
      });
      return saved;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("An IVR flow");
    throw e;
  }
}

/** Freezes the flow as it is saved now as its next version; calls from now on follow it. */
export async function publishIvrFlow(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  return deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`select 1 from "IvrFlow" where "id" = ${id}::uuid for update`;
    const flow = await tx.ivrFlow.findFirst({ where: { id, organizationId: viewer.organizationId } });
    if (!flow) throw notFound("IVR flow");
    const definition = checkFlow(flow.draft);
    await checkFlowAudio(definition, viewer.organizationId, tx);
    await checkFlowFaxDocuments(definition, viewer.organizationId, tx);
    const last = await tx.ivrFlowVersion.findFirst({ where: { flowId: id }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.ivrFlowVersion.create({ data: { flowId: id, version, definition, publishedById: viewer.userId } });
    const published = await tx.ivrFlow.update({ where: { id }, data: { publishedVersion: version } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "ivr_flow.published",
      targetType: "IvrFlow",
      targetId: id,
      targetLabel: flow.name,
      data: { version },
      ip,
    });
    return published;
  });
}

/** Removes a flow no number uses (its versions go with it). */
export async function deleteIvrFlow(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const flow = await deps.db.ivrFlow.findFirst({ where: { id, organizationId: viewer.organizationId }, include: { _count: { select: { entryPoints: true } } } });
  if (!flow) throw notFound("IVR flow");
  if (flow._count.entryPoints > 0) throw new DomainError("CONFLICT", "Numbers still use this flow; give them another first", { reason: "IVR_FLOW_IN_USE" });
  await deps.db.$transaction(async (tx) => {
    await tx.ivrFlow.delete({ where: { id } });
    await recordAudit(tx, { organizationId: viewer.organizationId, actorId: viewer.userId, action: "ivr_flow.deleted", targetType: "IvrFlow", targetId: id, targetLabel: flow.name, ip });
  });
}
