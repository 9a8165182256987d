// Contact list files over plain HTTP with the session cookie (campaigns.manage):
//   POST /api/contact-lists/preview   (multipart "file"; ?encoding&delimiter) → header, first rows, what was detected
//   POST /api/contact-lists           (multipart "file"; ?name&mapping(JSON)&encoding&delimiter&country) → { id }:
//        the list exists and its rows are being read; the page polls contactList(id) for progress
//   GET  /api/contact-lists/<id>/entries.csv|xlsx, /api/contact-lists/<id>/rejects.csv — streamed in batches
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { can } from "../domain/access/viewer.ts";
import { startListImport } from "../domain/campaigns/contact-lists/import-list.ts";
import { MAX_LIST_FILE_BYTES } from "../domain/campaigns/contact-lists/limits.ts";
import { contactList, entryBatches, rejectBatches } from "../domain/campaigns/contact-lists/lists.ts";
import { previewListFile } from "../domain/campaigns/contact-lists/read-file.ts";
import { csvCell } from "../domain/shared/csv.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { CLIENT_IP_HEADER } from "./auth/auth.ts";
import { readUpload, sendError, sendJson } from "./http-helpers.ts";
import type { AppServices } from "./services.ts";

export const CONTACT_LISTS_PATH = "/api/contact-lists";

const param = (url: URL, name: string) => url.searchParams.get(name) || null;

function mappingOf(url: URL): unknown {
  try {
    return JSON.parse(url.searchParams.get("mapping") ?? "null");
  } catch {
    return null;
  }
}

export function contactListsApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== CONTACT_LISTS_PATH && !url.pathname.startsWith(`${CONTACT_LISTS_PATH}/`)) return false;
    try {
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      // Refused before the upload is read.
      if (!can(viewer, "campaigns.manage")) throw new DomainError("FORBIDDEN", "You may not manage campaigns");
      const options = { encoding: param(url, "encoding"), delimiter: param(url, "delimiter") } as never;
      if (url.pathname === `${CONTACT_LISTS_PATH}/preview` && req.method === "POST") {
        const file = await readUpload(req, MAX_LIST_FILE_BYTES);
        sendJson(res, 200, await previewListFile(file.bytes, options));
        return true;
      }
      if (url.pathname === CONTACT_LISTS_PATH && req.method === "POST") {
        const file = await readUpload(req, MAX_LIST_FILE_BYTES);
        const { list, done } = await startListImport(
          viewer,
          { ...(options as object), name: url.searchParams.get("name") ?? "", fileName: file.fileName, mapping: mappingOf(url) as never, country: param(url, "country") ?? undefined, bytes: file.bytes },
          app.deps,
          String(req.headers[CLIENT_IP_HEADER] ?? ""),
        );
        void done;
        sendJson(res, 202, { id: list.id });
        return true;
      }
      const m = /^\/api\/contact-lists\/([0-9a-f-]{36})\/(entries\.csv|entries\.xlsx|rejects\.csv)$/.exec(url.pathname);
      if (m && req.method === "GET") {
        const list = await contactList(viewer, m[1], app.db.prisma);
        const base = list.name.replace(/[\\/:*?"<>|\p{Cc}]/gu, "_");
        const kind = m[2];
        const fileName = kind === "rejects.csv" ? `${base}-rejects.csv` : `${base}.${kind.split(".")[1]}`;
        res.writeHead(200, {
          "content-type": kind.endsWith("xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
          "cache-control": "private, no-store",
          "x-content-type-options": "nosniff",
        });
        const header = ["phone", "name", "email", "externalId", ...list.fieldNames];
        if (kind === "entries.xlsx") await writeEntriesXlsx(list.id, header, list.fieldNames, app, res);
        else if (kind === "entries.csv") {
          await writeCsv(res, header, async function* () {
            for await (const batch of entryBatches(list.id, app.db.prisma)) {
              yield batch.map((e) => [e.phone, e.name, e.email, e.externalId, ...list.fieldNames.map((f) => fieldOf(e.fields, f))]);
            }
          });
        } else {
          let columns: string[] | null = null;
          await writeCsv(res, null, async function* () {
            for await (const batch of rejectBatches(list.id, app.db.prisma)) {
              const out: string[][] = [];
              for (const r of batch) {
                const pairs = (Array.isArray(r.values) ? r.values : []) as [string, string][];
                if (!columns) {
                  columns = pairs.map((p) => p[0]);
                  out.push(["row", "reason", "phone", ...columns]);
                }
                out.push([String(r.row), r.reason, r.phone, ...pairs.map((p) => p[1])]);
              }
              yield out;
            }
          });
        }
        res.end();
        return true;
      }
      throw new DomainError("NOT_FOUND", "Not found");
    } catch (err) {
      if (!res.headersSent) sendError(res, err, app.log);
      else res.destroy(err instanceof Error ? err : undefined);
    }
    return true;
  };
}

const fieldOf = (fields: unknown, name: string) => String((fields as Record<string, unknown> | null)?.[name] ?? "");

async function writeCsv(res: Writable, header: string[] | null, rows: () => AsyncGenerator<string[][]>) {
  res.write("\uFEFF");
  if (header) res.write(header.map(csvCell).join(",") + "\r\n");
  for await (const batch of rows()) {
    const ok = res.write(batch.map((r) => r.map(csvCell).join(",")).join("\r\n") + (batch.length ? "\r\n" : ""));
    if (!ok) await new Promise((r) => res.once("drain", r));
  }
}

async function writeEntriesXlsx(listId: string, header: string[], fieldNames: string[], app: AppServices, out: Writable) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = book.addWorksheet("List");
  ws.addRow(header).commit();
  for await (const batch of entryBatches(listId, app.db.prisma)) {
    for (const e of batch) ws.addRow([e.phone, e.name, e.email, e.externalId, ...fieldNames.map((f) => fieldOf(e.fields, f))]).commit();
  }
  ws.commit();
  await book.commit();
}
