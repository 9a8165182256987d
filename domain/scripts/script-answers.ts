// An agent following a script on an interaction they handle: which script version it follows,
// the contact's fields for its texts, and saving the answers. Saved answers are replayed through
// the engine, so what is stored is a path the script allows, never what a screen claims.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { DomainError, notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/parse.ts";
import { latestPublished, storedDefinition } from "./call-scripts.ts";
import { stepsSchema } from "./definition.ts";
import { replay, type ScriptRequest } from "./engine.ts";
import { campaignFieldsOf } from "../campaigns/dialer/agent-side.ts";
import { setDisposition } from "../dispositions/set-disposition.ts";

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

const saveSchema = z.object({
  scriptVersionId: z.uuid(),
  steps: stepsSchema,
  /** Closing: the attempt's result code (the script's own, or one the agent picks). */
  complete: z.boolean().default(false),
  resultCode: z.string().trim().max(40).nullable().default(null),
  /** For a call-back the script left open: when (the contact's wall clock). */
  callbackAt: z.string().regex(WALL_CLOCK, "YYYY-MM-DDTHH:mm").nullable().default(null),
});
export type SaveScriptAnswersInput = z.input<typeof saveSchema>;

/** An interaction the viewer handles or handled (accepted once), in their organisation. */
async function handledInteraction(viewer: Viewer, interactionId: string, deps: Pick<Deps, "db">) {
  if (!can(viewer, "agents.work")) throw new DomainError("FORBIDDEN", "Only agents follow call scripts");
  const interaction = await deps.db.interaction.findFirst({
    where: {
      id: interactionId,
      organizationId: viewer.organizationId,
      OR: [{ agentId: viewer.userId }, { events: { some: { agentId: viewer.userId, type: "accepted" } } }],
    },
    select: {
      id: true,
      queueId: true,
      case: { select: { contactVerified: true, contact: { select: { firstName: true, lastName: true, company: true, fields: true } } } },
    },
  });
  if (!interaction) throw notFound("Interaction");
  return interaction;
}

type Handled = Awaited<ReturnType<typeof handledInteraction>>;

/** The contact's fields a script's texts may use: custom fields (debt, address…) and the name. */
function contactFields(interaction: Handled): Record<string, string> {
  const contact = interaction.case.contactVerified ? interaction.case.contact : null;
  if (!contact) return {};
  const fields: Record<string, string> = {};
  const custom = contact.fields;
  if (custom && typeof custom === "object" && !Array.isArray(custom)) {
    for (const [k, v] of Object.entries(custom)) if (typeof v === "string" || typeof v === "number") fields[k] = String(v);
  }
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  Object.assign(fields, { firstName: contact.firstName, lastName: contact.lastName, company: contact.company }, name ? { name } : {});
  return fields;
}

/** The version an interaction follows: the one its answers were saved against, else the newest
 * published version of its queue's script. (An outbound attempt will name its campaign's pinned
 * version here.) */
async function versionFor(interaction: Handled, organizationId: string, deps: Pick<Deps, "db">) {
  const saved = await deps.db.scriptAnswers.findFirst({
    where: { interactionId: interaction.id },
    orderBy: { createdAt: "desc" },
    include: { scriptVersion: true },
  });
  if (saved) return { version: saved.scriptVersion, answers: saved };
  if (!interaction.queueId) return null;
  const queue = await deps.db.queue.findFirst({ where: { id: interaction.queueId, organizationId }, select: { callScriptId: true } });
  const version = queue?.callScriptId ? await latestPublished(queue.callScriptId, deps) : null;
  return version ? { version, answers: null } : null;
}

/** What the agent's script panel needs, or null when the interaction has no script. */
export async function interactionScript(viewer: Viewer, interactionId: string, deps: Pick<Deps, "db">) {
  const interaction = await handledInteraction(viewer, interactionId, deps);
  const found = await versionFor(interaction, viewer.organizationId, deps);
  if (!found) return null;
  const script = await deps.db.callScript.findUniqueOrThrow({ where: { id: found.version.scriptId }, select: { name: true } });
  const fields = { ...contactFields(interaction), ...(await campaignFieldsOf(deps.db, interactionId)) };
  return { interactionId, name: script.name, version: found.version, definition: storedDefinition(found.version.definition), fields, answers: found.answers };
}

export async function saveScriptAnswers(viewer: Viewer, interactionId: string, raw: SaveScriptAnswersInput, deps: Deps) {
  const input = parseInput(saveSchema, raw);
  const interaction = await handledInteraction(viewer, interactionId, deps);
  const found = await versionFor(interaction, viewer.organizationId, deps);
  if (!found || found.version.id !== input.scriptVersionId || found.version.status !== "PUBLISHED")
    throw new DomainError("CONFLICT", "This interaction does not follow that script", { reason: "NO_SCRIPT" });
  if (found.answers?.completedAt) throw new DomainError("CONFLICT", "The script was already closed", { reason: "SCRIPT_CLOSED" });
  const def = storedDefinition(found.version.definition);
  const out = replay(def, { ...contactFields(interaction), ...(await campaignFieldsOf(deps.db, interactionId)) }, input.steps);
  if (!out.ok)
    throw new DomainError("INVALID_INPUT", `Answer ${out.at! + 1} is refused: ${out.error}`, {
      fields: [{ path: `input.steps.${out.at}`, code: out.error.toLowerCase(), message: out.error }],
    });
  const state = out.state;
  let resultCode: string | null = state.resultCode;
  const requests: ScriptRequest[] = [...state.requests];
  if (input.complete) {
    if (state.current !== null) throw new DomainError("INVALID_INPUT", "The script has not ended", { reason: "SCRIPT_NOT_ENDED" });
    resultCode = input.resultCode ?? state.resultCode;
    const known = def.resultCodes.some((r) => r.code === resultCode);
    if (def.resultCodes.length > 0 && !known)
      throw new DomainError("INVALID_INPUT", "Choose a result code", {
        fields: [{ path: "input.resultCode", code: "unknown", message: "not one of the script's result codes" }],
      });
    const open = requests.findIndex((r) => r.kind === "callback" && r.at === null);
    if (open >= 0) {
      if (!input.callbackAt)
        throw new DomainError("INVALID_INPUT", "Choose when to call back", { fields: [{ path: "input.callbackAt", code: "required", message: "required" }] });
      requests[open] = { kind: "callback", at: input.callbackAt };
    }
  }
  const data = { steps: input.steps, requests, resultCode, agentId: viewer.userId, completedAt: input.complete ? deps.now() : null };
  // The unique (interaction, version) makes two tabs saving at once write one row.
  const saved = await deps.db.scriptAnswers.upsert({
    where: { interactionId_scriptVersionId: { interactionId, scriptVersionId: found.version.id } },
    create: { ...data, organizationId: viewer.organizationId, interactionId, scriptVersionId: found.version.id },
    update: data,
  });
  if (input.complete) await giveResultDisposition(viewer, interactionId, def.resultCodes.find((r) => r.code === resultCode)?.dispositionId, deps);
  return saved;
}

/** A script closed with a result code that names a disposition gives the interaction that
 * disposition — unless its agent chose one already, or it was archived since (then the agent
 * chooses in wrap-up). It does not end the wrap-up: the agent still says they are done. */
async function giveResultDisposition(viewer: Viewer, interactionId: string, dispositionId: string | undefined, deps: Deps) {
  if (!dispositionId) return;
  const [interaction, active] = await Promise.all([
    deps.db.interaction.findUniqueOrThrow({ where: { id: interactionId }, select: { dispositionCodeId: true, dispositionNote: true } }),
    deps.db.dispositionCode.count({ where: { id: dispositionId, organizationId: viewer.organizationId, active: true } }),
  ]);
  if (interaction.dispositionCodeId || !active) return;
  await setDisposition(viewer, interactionId, { dispositionCodeId: dispositionId, note: interaction.dispositionNote, done: false }, deps);
}
