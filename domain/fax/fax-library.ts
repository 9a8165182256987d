// The organisation's fax-on-demand documents: PDFs a telephony manager uploads for IVR flows to fax
// to callers (domain/ivr/flow.ts, the "fax" step). An upload is stored only once it has been made
// into fax pages (the caller of uploadFaxDocument renders it: lib/fax-documents-http.ts), so a
// caller is never offered a document that cannot be sent; one a flow (its draft or the version
// callers hear) still faxes cannot be deleted. Audit-logged.
import { z } from "zod";
import { can, type Viewer } from "../access/viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Deps } from "../ports.ts";
import { DomainError, nameTaken, notFound } from "../shared/errors.ts";
import { isUniqueViolation, parseInput } from "../shared/parse.ts";
import { ivrFlowsNaming } from "../ivr/flow-uses.ts";

/** A fax document is at most this big (a 50-page text PDF is well under it). */
export const MAX_FAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

function assertCanManage(viewer: Viewer) {
  if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
}

const uploadSchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  fileName: z.string().max(500),
});

/** What lists show: never the document's bytes. */
export const FAX_DOCUMENT_SUMMARY = { id: true, name: true, pages: true, originalName: true, originalBytes: true, createdAt: true } as const;

/**
 * Stores an uploaded PDF once `render` has made it into fax pages (it throws, with words for the
 * admin, when it cannot) and returns how many. The name defaults to the file's.
 */
export async function uploadFaxDocument(
  viewer: Viewer,
  raw: { name: string; fileName: string; bytes: Uint8Array },
  render: (pdf: Uint8Array) => Promise<number>,
  deps: Deps,
  ip?: string,
) {
  assertCanManage(viewer);
  const fallback =
    raw.fileName
      .replace(/\.[^.]*$/, "")
      .replace(/\p{Cc}/gu, "")
      .trim()
      .slice(0, 80) || "document";
  const input = parseInput(uploadSchema, { name: raw.name.trim() || fallback, fileName: raw.fileName });
  if (raw.bytes.length > MAX_FAX_DOCUMENT_BYTES)
    throw new DomainError("LIMIT_EXCEEDED", `The file is larger than ${MAX_FAX_DOCUMENT_BYTES / 1048576} MB`, {
      reason: "FILE_TOO_LARGE",
      maxBytes: MAX_FAX_DOCUMENT_BYTES,
    });
  if (Buffer.from(raw.bytes.subarray(0, 5)).toString("latin1") !== "%PDF-")
    throw new DomainError("INVALID_INPUT", "Only PDF documents can be faxed", { reason: "FAX_NOT_PDF" });
  const organizationId = viewer.organizationId;
  // A taken name is said before the (slow) rendering; the unique index still decides a race.
  if (await deps.db.faxDocument.count({ where: { organizationId, name: input.name } })) throw nameTaken("A fax document");
  const pages = await render(raw.bytes);
  try {
    return await deps.db.$transaction(async (tx) => {
      const saved = await tx.faxDocument.create({
        data: {
          organizationId,
          name: input.name,
          pdf: Buffer.from(raw.bytes),
          pages,
          originalName: input.fileName.replace(/\p{Cc}/gu, "").slice(0, 255),
          originalBytes: raw.bytes.length,
          createdById: viewer.userId,
        },
        select: FAX_DOCUMENT_SUMMARY,
      });
      await recordAudit(tx, {
        organizationId,
        actorId: viewer.userId,
        action: "fax_document.uploaded",
        targetType: "FaxDocument",
        targetId: saved.id,
        targetLabel: saved.name,
        data: { pages, bytes: raw.bytes.length },
        ip,
      });
      return saved;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken("A fax document");
    throw e;
  }
}

export async function deleteFaxDocument(viewer: Viewer, id: string, deps: Deps, ip?: string) {
  assertCanManage(viewer);
  const doc = await deps.db.faxDocument.findFirst({ where: { id, organizationId: viewer.organizationId }, select: { id: true, name: true } });
  if (!doc) throw notFound("Fax document");
  const flows = await ivrFlowsNaming(deps.db, viewer.organizationId, "documentId", id);
  if (flows.length)
    throw new DomainError("CONFLICT", `This document is still faxed by ${flows.map((f) => `IVR flow "${f}"`).join(", ")}; change those steps first`, {
      reason: "FAX_DOCUMENT_IN_USE",
      usedBy: { ivrFlows: flows },
    });
  await deps.db.$transaction(async (tx) => {
    await tx.faxDocument.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId: viewer.organizationId,
      actorId: viewer.userId,
      action: "fax_document.deleted",
      targetType: "FaxDocument",
      targetId: id,
      targetLabel: doc.name,
      ip,
    });
  });
}

/** A document's PDF, for the admin to look at (telephony managers). */
export async function faxDocumentToRead(viewer: Viewer, id: string, deps: Deps) {
  assertCanManage(viewer);
  const doc = await deps.db.faxDocument.findFirst({ where: { id, organizationId: viewer.organizationId }, select: { name: true, pdf: true } });
  if (!doc) throw notFound("Fax document");
  return doc;
}
