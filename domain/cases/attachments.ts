// Files customers and agents attach. The type is read from the file's first bytes, not from what
// the sender claims; anything but images and PDF is refused, and so is anything too large.
import { createHash, randomUUID } from "node:crypto";
import type { Deps } from "../ports.ts";
import { DomainError, fieldError } from "../shared/errors.ts";
import type { Db } from "../shared/tx.ts";

const SIGNATURES: { type: string; ext: string; test: (b: Uint8Array) => boolean }[] = [
  { type: "image/png", ext: "png", test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: "image/jpeg", ext: "jpg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", ext: "gif", test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  { type: "image/webp", ext: "webp", test: (b) => String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP" },
  { type: "application/pdf", ext: "pdf", test: (b) => String.fromCharCode(...b.slice(0, 5)) === "%PDF-" },
];
export const ALLOWED_TYPES = SIGNATURES.map((s) => s.type);

export function sniffType(bytes: Uint8Array): { type: string; ext: string } | null {
  const s = SIGNATURES.find((sig) => sig.test(bytes));
  return s ? { type: s.type, ext: s.ext } : null;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function safeFileName(name: string, ext: string): string {
  const base = name
    .normalize("NFC")
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, "_")
    .trim()
    .slice(0, 120);
  const stem = base.replace(/\.[^.]*$/, "") || "file";
  return `${stem}.${ext}`;
}

export async function storeAttachment(
  input: { organizationId: string; caseId: string; fileName: string; bytes: Uint8Array; maxBytes: number },
  deps: Pick<Deps, "db" | "files">,
) {
  if (input.bytes.length === 0) throw fieldError("file", "required", "The file is empty");
  if (input.bytes.length > input.maxBytes) {
    throw new DomainError("LIMIT_EXCEEDED", `The file is larger than ${Math.round(input.maxBytes / 1048576)} MB`, {
      reason: "FILE_TOO_LARGE",
      maxBytes: input.maxBytes,
    });
  }
  const sniffed = sniffType(input.bytes);
  if (!sniffed)
    throw new DomainError("INVALID_INPUT", "Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent", {
      reason: "FILE_TYPE",
      fields: [{ path: "file", code: "file_type", message: "not an image or PDF" }],
    });
  const id = randomUUID();
  const storageKey = `${input.organizationId}/${input.caseId}/${id}`;
  await deps.files.save(storageKey, input.bytes);
  return deps.db.attachment.create({
    data: {
      organizationId: input.organizationId,
      caseId: input.caseId,
      fileName: safeFileName(input.fileName, sniffed.ext),
      contentType: sniffed.type,
      size: input.bytes.length,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      storageKey,
    },
    select: { id: true, fileName: true, contentType: true, size: true },
  });
}

/**
 * A file that came with a message from outside (an e-mail's attachment): any type is kept, but only
 * the types we recognise by their bytes keep their content type; everything else is served as
 * application/octet-stream, always as a download, so no file can run in Centrala's pages.
 */
export async function storeReceivedFile(
  tx: Db,
  input: { organizationId: string; caseId: string; messageId: string; fileName: string; bytes: Uint8Array; contentId?: string | null },
  deps: Pick<Deps, "files">,
) {
  const sniffed = sniffType(input.bytes);
  const original = /\.([A-Za-z0-9]{1,10})$/.exec(input.fileName)?.[1]?.toLowerCase() ?? "bin";
  const id = randomUUID();
  const storageKey = `${input.organizationId}/${input.caseId}/${id}`;
  await deps.files.save(storageKey, input.bytes);
  return tx.attachment.create({
    data: {
      id,
      organizationId: input.organizationId,
      caseId: input.caseId,
      messageId: input.messageId,
      fileName: safeFileName(input.fileName || "attachment", sniffed?.ext ?? original),
      contentType: sniffed?.type ?? "application/octet-stream",
      size: input.bytes.length,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      storageKey,
      contentId: input.contentId ?? null,
    },
  });
}

/** Attaches uploaded files to the message that sends them: same case, not yet sent with another. */
export async function bindAttachments(tx: Db, input: { caseId: string; messageId: string; ids: string[]; uploadedByVisitor?: string }) {
  if (!input.ids.length) return;
  const bound = await tx.attachment.updateMany({
    where: { id: { in: input.ids }, caseId: input.caseId, messageId: null },
    data: { messageId: input.messageId },
  });
  if (bound.count !== new Set(input.ids).size) throw fieldError("input.attachmentIds", "unknown", "An attachment is missing or was already sent");
}
