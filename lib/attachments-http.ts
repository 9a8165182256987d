// Staff upload and download of case attachments, with the session cookie: a file is readable by
// whoever may see its case (domain/cases/case-access.ts), no one else.
import type { IncomingMessage, ServerResponse } from "node:http";
import { storeAttachment } from "../domain/cases/attachments.ts";
import { visibleCase, writableCase } from "../domain/cases/case-access.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { readUpload, sendError, sendFile, sendJson } from "./http-helpers.ts";
import type { AppServices } from "./services.ts";

const STAFF_MAX_BYTES = 25 * 1024 * 1024;

export function attachmentsApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith("/api/attachments")) return false;
    try {
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      if (url.pathname === "/api/attachments" && req.method === "POST") {
        // Uploading is writing: a case the viewer only watches takes no files.
        const kase = await writableCase(viewer, String(url.searchParams.get("caseId") ?? ""), app.deps.db).catch((e: unknown) => {
          throw e instanceof DomainError && e.code === "FORBIDDEN" ? e : new DomainError("NOT_FOUND", "Case not found");
        });
        const file = await readUpload(req, STAFF_MAX_BYTES);
        sendJson(
          res,
          200,
          await storeAttachment(
            { organizationId: viewer.organizationId, caseId: kase.id, fileName: file.fileName, bytes: file.bytes, maxBytes: STAFF_MAX_BYTES },
            app.deps,
          ),
        );
        return true;
      }
      const original = /^\/api\/attachments\/original\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (original && req.method === "GET") {
        // An e-mail exactly as it arrived (.eml), for the agent's mail program or a complaint.
        const e = await app.db.prisma.emailMessage.findFirst({
          where: { id: original[1], organizationId: viewer.organizationId, rawStorageKey: { not: null } },
          select: { rawStorageKey: true, message: { select: { caseId: true } } },
        });
        if (!e) throw new DomainError("NOT_FOUND", "Message not found");
        await visibleCase(viewer, e.message.caseId, app.deps.db);
        sendFile(res, await app.deps.files.read(e.rawStorageKey!), { contentType: "message/rfc822", fileName: `message-${original[1]}.eml` });
        return true;
      }
      const m = /^\/api\/attachments\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (m && req.method === "GET") {
        const a = await app.db.prisma.attachment.findFirst({ where: { id: m[1], organizationId: viewer.organizationId } });
        if (!a) throw new DomainError("NOT_FOUND", "File not found");
        await visibleCase(viewer, a.caseId, app.deps.db);
        // Images and our own voicemail recordings (audio/wav, made by us) may be shown in the page.
        const inline = (a.contentType.startsWith("image/") || a.contentType === "audio/wav") && url.searchParams.get("inline") === "1";
        sendFile(res, await app.deps.files.read(a.storageKey), { contentType: a.contentType, fileName: a.fileName, inline });
        return true;
      }
      throw new DomainError("NOT_FOUND", "Not found");
    } catch (err) {
      if (!res.headersSent) sendError(res, err, app.log);
      else res.end();
    }
    return true;
  };
}
