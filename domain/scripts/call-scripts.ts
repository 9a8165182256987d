// Call scripts and their versions. Editing writes the script's draft (a new version after the
// last published one); publishing checks and freezes it, so a campaign pinning a version, and the
// answers saved against it, always read the questions that were asked.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { definitionSchema, type ScriptDefinition } from "./definition.ts";
import { type ScriptProblem, validateScript } from "./validate.ts";
import type { Db } from "../shared/tx.ts";

const scriptSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "at most 100 characters"),
  description: z.string().trim().max(1000, "at most 1000 characters").default(""),
});
export type CallScriptInput = z.input<typeof scriptSchema>;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "scripts.manage")) throw new DomainError("FORBIDDEN", "You may not manage call scripts");
}

/** A stored definition, read back; one that no longer parses reads as empty (and fails checks). */
export function storedDefinition(json: unknown): ScriptDefinition {
  const parsed = definitionSchema.safeParse(json);
  return parsed.success ? parsed.data : { questions: [], resultCodes: [] };
}

const EMPTY: ScriptDefinition = { questions: [], resultCodes: [] };

export async function createCallScript(viewer: Viewer, raw: CallScriptInput, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(scriptSchema, raw);
  const organizationId = viewer.organizationId;
  try {
    return await deps.db.$transaction(async (tx) => {
      const script = await tx.callScript.create({ data: { ...input, organizationId } });
      await tx.callScriptVersion.create({ data: { organizationId, scriptId: script.id, number: 1, definition: EMPTY } });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "call_script.created",
        targetType: "CallScript",
        targetId: script.id,
        targetLabel: script.name,
        data: {},
        ip,
      });
      return script;
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A call script") : e;
  }
}

/** Renames a script and writes its draft: the current draft, or a new one after a published version. */
export async function saveScriptDraft(viewer: Viewer, scriptId: string, raw: CallScriptInput & { definition: unknown }, deps: Deps) {
  assertCanManage(viewer);
  const input = parseInput(scriptSchema, raw);
  const definition = parseInput(definitionSchema, raw.definition, "input.definition");
  try {
    return await deps.db.$transaction(async (tx) => {
      const script = await tx.callScript.findFirst({ where: { id: scriptId, organizationId: viewer.organizationId } });
      if (!script) throw notFound("Call script");
      await tx.callScript.update({ where: { id: script.id }, data: input });
      const last = await tx.callScriptVersion.findFirst({ where: { scriptId }, orderBy: { number: "desc" } });
      if (last?.status === "DRAFT") return tx.callScriptVersion.update({ where: { id: last.id }, data: { definition } });
      return tx.callScriptVersion.create({ data: { organizationId: viewer.organizationId, scriptId, number: (last?.number ?? 0) + 1, definition } });
    });
  } catch (e) {
    throw isUniqueViolation(e) ? nameTaken("A call script") : e;
  }
}

/** Freezes the draft as the script's newest published version, if it passes the checks. */
export async function publishScript(viewer: Viewer, scriptId: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  return deps.db.$transaction(async (tx) => {
    const script = await tx.callScript.findFirst({ where: { id: scriptId, organizationId: viewer.organizationId } });
    if (!script) throw notFound("Call script");
    const draft = await tx.callScriptVersion.findFirst({ where: { scriptId, status: "DRAFT" }, orderBy: { number: "desc" } });
    if (!draft) throw new DomainError("CONFLICT", "There is no draft to publish", { reason: "NOTHING_TO_PUBLISH" });
    const definition = storedDefinition(draft.definition);
    const problems = [...validateScript(definition), ...(await unknownDispositions(tx, viewer.organizationId, definition))];
    if (problems.length > 0)
      throw new DomainError("INVALID_INPUT", `The script has ${problems.length} problem(s): ${problems.map((p) => p.code).join(", ")}`, {
        reason: "SCRIPT_INVALID",
        problems,
      });
    // Only a draft turns published, once: two publishers racing both match, only one updates.
    const { count } = await tx.callScriptVersion.updateMany({
      where: { id: draft.id, status: "DRAFT" },
      data: { status: "PUBLISHED", publishedAt: deps.now(), publishedById: viewer.userId },
    });
    if (count === 0) throw new DomainError("CONFLICT", "This version was published meanwhile", { reason: "NOTHING_TO_PUBLISH" });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "call_script.published",
      targetType: "CallScript",
      targetId: script.id,
      targetLabel: script.name,
      data: { version: draft.number },
      ip,
    });
    return tx.callScriptVersion.findUniqueOrThrow({ where: { id: draft.id } });
  });
}

/** Result codes naming a disposition that is not an active one of the organisation. */
async function unknownDispositions(tx: Db, organizationId: string, def: ScriptDefinition): Promise<ScriptProblem[]> {
  const named = [...new Set(def.resultCodes.flatMap((r) => (r.dispositionId ? [r.dispositionId] : [])))];
  if (!named.length) return [];
  const found = new Set(
    (await tx.dispositionCode.findMany({ where: { id: { in: named }, organizationId, active: true }, select: { id: true } })).map((d) => d.id),
  );
  return def.resultCodes
    .filter((r) => r.dispositionId && !found.has(r.dispositionId))
    .map((r) => ({ code: "UNKNOWN_DISPOSITION" as const, questionId: null, ref: r.code }));
}

/** Deletes a script nobody depends on: no saved answers, no queue using it. */
export async function deleteCallScript(viewer: Viewer, scriptId: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  await deps.db.$transaction(async (tx) => {
    const script = await tx.callScript.findFirst({ where: { id: scriptId, organizationId: viewer.organizationId } });
    if (!script) throw notFound("Call script");
    const used = (await tx.scriptAnswers.count({ where: { scriptVersion: { scriptId } } })) + (await tx.queue.count({ where: { callScriptId: scriptId } }));
    if (used > 0) throw new DomainError("CONFLICT", "The script has answers or a queue uses it", { reason: "SCRIPT_IN_USE" });
    await tx.callScript.delete({ where: { id: script.id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "call_script.deleted",
      targetType: "CallScript",
      targetId: script.id,
      targetLabel: script.name,
      data: {},
      ip,
    });
  });
}

/** The newest published version of a script (what a queue's calls follow), or null. */
export function latestPublished(scriptId: string, deps: Pick<Deps, "db">) {
  return deps.db.callScriptVersion.findFirst({ where: { scriptId, status: "PUBLISHED" }, orderBy: { number: "desc" } });
}

/** Which script a queue's agents follow on inbound calls (null: none); its newest published
 * version applies. Changing it is changing the queue. */
export async function setQueueScript(viewer: Viewer, queueId: string, scriptId: string | null, deps: Deps, ip?: string) {
  if (!can(viewer, "queues.manage")) throw new DomainError("FORBIDDEN", "You may not change queues");
  return deps.db.$transaction(async (tx) => {
    const queue = await tx.queue.findFirst({ where: { id: queueId, organizationId: viewer.organizationId } });
    if (!queue) throw notFound("Queue");
    if (scriptId && !(await tx.callScript.count({ where: { id: scriptId, organizationId: viewer.organizationId } }))) throw notFound("Call script");
    const saved = await tx.queue.update({ where: { id: queue.id }, data: { callScriptId: scriptId } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "queue.updated",
      targetType: "Queue",
      targetId: queue.id,
      targetLabel: queue.name,
      data: { changes: { callScriptId: { from: queue.callScriptId, to: scriptId } } },
      ip,
    });
    return saved;
  });
}
