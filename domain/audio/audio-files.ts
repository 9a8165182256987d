// The organisation's uploaded sounds: IVR prompts and queues' music on hold. An upload is converted
// at once (convert-audio.ts) and stored only when that worked; renaming keeps the sound; a sound a
// queue or an IVR flow (its draft or the version callers hear) still plays cannot be deleted.
// Everything is for telephony managers and audit-logged.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { AUDIO_KINDS, MAX_DURATION_MS, MAX_UPLOAD_BYTES, convertAudio } from "./convert-audio.ts";
import { ivrFlowsNaming } from "../ivr/flow-uses.ts";

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
}

const name = z.string().trim().min(1, "required").max(80, "at most 80 characters");
const uploadSchema = z.object({
  name,
  kind: z.enum(AUDIO_KINDS),
  fileName: z.string().max(500),
});

/** What lists show: never the sound's bytes. */
export const AUDIO_FILE_SUMMARY = {
  id: true,
  name: true,
  kind: true,
  durationMs: true,
  originalName: true,
  originalBytes: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** The name an upload gets when the admin gave none: its file name without the extension. */
function nameFromFile(fileName: string) {
  return (
    fileName
      .replace(/\.[^.]*$/, "")
      .replace(/\p{Cc}/gu, "")
      .trim()
      .slice(0, 80) || "sound"
  );
}

export async function uploadAudioFile(viewer: Viewer, raw: { name: string; kind: string; fileName: string; bytes: Uint8Array }, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(uploadSchema, { ...raw, name: raw.name.trim() || nameFromFile(raw.fileName), bytes: undefined });
  if (raw.bytes.length > MAX_UPLOAD_BYTES)
    throw new DomainError("LIMIT_EXCEEDED", `The file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB`, {
      reason: "FILE_TOO_LARGE",
      maxBytes: MAX_UPLOAD_BYTES,
    });
  const organizationId = viewer.organizationId;
  // A taken name is said before the (slow) conversion; the unique index still decides a race.
  if (await deps.db.audioFile.count({ where: { organizationId, name: input.name } })) throw nameTaken("A sound");
  const sound = await convertAudio(raw.bytes, { maxMs: MAX_DURATION_MS[input.kind] });
  try {
    return await deps.db.$transaction(async (tx) => {
      const saved = await tx.audioFile.create({
        data: {
          organizationId,
          name: input.name,
          kind: input.kind,
          alaw: sound.alaw,
          opus: sound.opus,
          durationMs: sound.durationMs,
          originalName: input.fileName.replace(/\p{Cc}/gu, "").slice(0, 255),
          originalBytes: raw.bytes.length,
          createdById: viewer.userId,
        },
        select: AUDIO_FILE_SUMMARY,
      });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "audio_file.uploaded",
        targetType: "AudioFile",
        targetId: saved.id,
        targetLabel: saved.name,
        data: { kind: saved.kind, durationMs: saved.durationMs, originalName: saved.originalName, originalBytes: saved.originalBytes },
        ip,
      });
      return saved;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A sound");
    throw e;
  }
}

export async function renameAudioFile(viewer: Viewer, id: string, raw: { name: string }, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const input = parseInput(z.object({ name }), raw);
  const organizationId = viewer.organizationId;
  try {
    return await deps.db.$transaction(async (tx) => {
      const existing = await tx.audioFile.findFirst({ where: { id, organizationId }, select: { id: true, name: true } });
      if (!existing) throw notFound("Sound");
      const saved = await tx.audioFile.update({ where: { id }, data: { name: input.name }, select: AUDIO_FILE_SUMMARY });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "audio_file.renamed",
        targetType: "AudioFile",
        targetId: id,
        targetLabel: saved.name,
        data: { from: existing.name },
        ip,
      });
      return saved;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A sound");
    throw e;
  }
}

/** Where a sound is played: queues (music on hold), IVR flows (the draft or the published version)
 * and campaigns not finished (their abandon or machine message). */
export async function audioFileUses(organizationId: string, id: string, deps: Pick<Deps, "db">) {
  const queues = await deps.db.queue.findMany({ where: { organizationId, musicOnHoldId: id }, select: { name: true }, orderBy: { name: "asc" } });
  const ivrFlows = await ivrFlowsNaming(deps.db, organizationId, "audioId", id);
  // Campaigns that may still play it (a finished one never will; deleting clears its reference).
  const campaigns = await deps.db.campaign.findMany({
    where: { organizationId, status: { in: ["DRAFT", "RUNNING", "PAUSED"] }, OR: [{ abandonAudioId: id }, { machineAudioId: id }] },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return { queues: queues.map((q) => q.name), ivrFlows, campaigns: campaigns.map((c) => c.name) };
}

export async function deleteAudioFile(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const organizationId = viewer.organizationId;
  const file = await deps.db.audioFile.findFirst({ where: { id, organizationId }, select: { id: true, name: true, kind: true } });
  if (!file) throw notFound("Sound");
  const uses = await audioFileUses(organizationId, id, deps);
  if (uses.queues.length || uses.ivrFlows.length || uses.campaigns.length) {
    const where = [
      ...uses.queues.map((q) => `queue "${q}"`),
      ...uses.ivrFlows.map((f) => `IVR flow "${f}"`),
      ...uses.campaigns.map((c) => `campaign "${c}"`),
    ].join(", ");
    throw new DomainError("CONFLICT", `This sound is still used by ${where}; choose another there first`, { reason: "AUDIO_IN_USE", usedBy: uses });
  }
  await deps.db.$transaction(async (tx) => {
    await tx.audioFile.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId,
      actorId: viewer.userId,
      action: "audio_file.deleted",
      targetType: "AudioFile",
      targetId: id,
      targetLabel: file.name,
      data: { kind: file.kind },
      ip,
    });
  });
}

/** A sound's bytes for playing to an admin, or NOT_FOUND (another organisation's reads the same). */
export async function audioFileToPlay(viewer: Viewer, id: string, format: "opus" | "alaw", deps: Pick<Deps, "db">) {
  if (!can(viewer, "telephony.manage") && !can(viewer, "queues.manage")) throw new DomainError("FORBIDDEN", "You may not listen to the organisation's sounds");
  const where = { id, organizationId: viewer.organizationId };
  // Only the version asked for is read: a long piece of music is megabytes.
  const file =
    format === "opus"
      ? await deps.db.audioFile.findFirst({ where, select: { name: true, opus: true } }).then((f) => f && { name: f.name, bytes: f.opus })
      : await deps.db.audioFile.findFirst({ where, select: { name: true, alaw: true } }).then((f) => f && { name: f.name, bytes: f.alaw });
  if (!file) throw notFound("Sound");
  return { name: file.name, bytes: new Uint8Array(file.bytes) };
}
