// Fax-on-demand documents over plain HTTP, with the session cookie, for telephony managers:
// uploading one (multipart, field "file"; its name in the query), rendered into fax pages before it
// is kept, and reading one back as the PDF it is; and the cover page with the organisation's
// letterhead as a fax machine would print it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { can } from "../domain/access/viewer.ts";
import { MAX_FAX_DOCUMENT_BYTES, faxDocumentToRead, uploadFaxDocument } from "../domain/fax/fax-library.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { faxCoverOf } from "../domain/fax/fax-cover.ts";
import { isLocale, type Locale } from "../domain/shared/locale.ts";
import { coverPagePostScript } from "../media/fax/cover-page.ts";
import { FaxDocumentError, faxPageCount, faxPagePdf } from "../media/fax/fax-documents.ts";
import { CLIENT_IP_HEADER } from "./auth/auth.ts";
import { readUpload, sendError, sendFile, sendJson } from "./http-helpers.ts";
import type { AppServices } from "./services.ts";

export const FAX_DOCUMENTS_PATH = "/api/fax-documents";
/** The cover page with the organisation's letterhead, as a fax machine would print it (GET, PDF). */
export const COVER_PREVIEW_PATH = `${FAX_DOCUMENTS_PATH}/cover-preview`;

/** A cover page with the saved letterhead and sample details, in the organisation's language. */
async function coverPreview(organizationId: string, app: AppServices): Promise<Uint8Array> {
  const org = await app.db.prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, locale: true, timezone: true, faxCover: true } });
  const language = isLocale(org.locale) ? org.locale : "en";
  const sample = COVER_SAMPLE[language];
  return faxPagePdf(
    coverPagePostScript({
      organization: org.name,
      sender: sample.sender,
      to: "+48 22 555 01 01",
      from: "+48 22 123 45 67",
      date: new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: org.timezone }).format(new Date()),
      pages: 2,
      note: sample.note,
      language,
      letterhead: faxCoverOf(org.faxCover),
    }),
  );
}

const COVER_SAMPLE: Record<Locale, { sender: string; note: string }> = {
  pl: { sender: "Anna Kowalska", note: "Dzień dobry,\n\nw załączeniu przesyłamy zamówione dokumenty.\n\nZ poważaniem" },
  en: { sender: "Anna Smith", note: "Hello,\n\nplease find the documents you asked for attached.\n\nKind regards" },
  ru: { sender: "Анна Смирнова", note: "Здравствуйте!\n\nНаправляем запрошенные документы.\n\nС уважением" },
};

/** Pages of the PDF as a fax; a PDF that will not render is refused with the reason. */
async function render(pdf: Uint8Array): Promise<number> {
  try {
    return await faxPageCount(pdf);
  } catch (err) {
    if (err instanceof FaxDocumentError)
      throw new DomainError("INVALID_INPUT", `This PDF cannot be faxed: ${err.message}`, { reason: "FAX_DOCUMENT_UNREADABLE" });
    throw err;
  }
}

export function faxDocumentsApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== FAX_DOCUMENTS_PATH && !url.pathname.startsWith(`${FAX_DOCUMENTS_PATH}/`)) return false;
    try {
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      // Refused before the upload is read: no one waits for 10 MB to be told they may not.
      if (!can(viewer, "telephony.manage")) throw new DomainError("FORBIDDEN", "You may not manage telephony");
      if (url.pathname === FAX_DOCUMENTS_PATH && req.method === "POST") {
        const file = await readUpload(req, MAX_FAX_DOCUMENT_BYTES);
        const saved = await uploadFaxDocument(
          viewer,
          { name: url.searchParams.get("name") ?? "", fileName: file.fileName, bytes: file.bytes },
          render,
          app.deps,
          String(req.headers[CLIENT_IP_HEADER] ?? ""),
        );
        sendJson(res, 200, saved);
        return true;
      }
      if (url.pathname === COVER_PREVIEW_PATH && req.method === "GET") {
        sendFile(res, await coverPreview(viewer.organizationId, app), { contentType: "application/pdf", fileName: "cover-page.pdf", inline: true });
        return true;
      }
      const m = /^\/api\/fax-documents\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (m && req.method === "GET") {
        const doc = await faxDocumentToRead(viewer, m[1]!, app.deps);
        const safe = doc.name.replace(/[\\/:*?"<>|\p{Cc}]/gu, "_");
        sendFile(res, doc.pdf, { contentType: "application/pdf", fileName: `${safe}.pdf`, inline: false });
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
