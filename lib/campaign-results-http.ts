// A campaign's results over plain HTTP with the session cookie (campaigns.manage):
//   GET /api/campaigns/<id>/results.csv|xlsx — one row per contact, streamed in batches, audited.
// The same cookie, origin and refusal rules as the contact lists' exports (lib/contact-lists-http.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { campaignResults } from "../domain/campaigns/monitor/campaign-results.ts";
import { csvCell } from "../domain/shared/csv.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { CLIENT_IP_HEADER } from "./auth/auth.ts";
import { sendError } from "./http-helpers.ts";
import type { AppServices } from "./services.ts";

const RESULTS = /^\/api\/campaigns\/([0-9a-f-]{36})\/results\.(csv|xlsx)$/;

export function campaignResultsApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = RESULTS.exec(url.pathname);
    if (!m) return false;
    try {
      if (req.method !== "GET") throw new DomainError("NOT_FOUND", "Not found");
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      const format = m[2]!;
      const sheet = await campaignResults(viewer, m[1]!, app.db.prisma, { ip: String(req.headers[CLIENT_IP_HEADER] ?? ""), format });
      const fileName = `${sheet.campaign.name.replace(/[\\/:*?"<>|\p{Cc}]/gu, "_")}-results.${format}`;
      res.writeHead(200, {
        "content-type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      });
      if (format === "xlsx") await writeXlsx(res, sheet.header, sheet.rows);
      else await writeCsv(res, sheet.header, sheet.rows);
      res.end();
    } catch (err) {
      if (!res.headersSent) sendError(res, err, app.log);
      else res.destroy(err instanceof Error ? err : undefined);
    }
    return true;
  };
}

async function writeCsv(res: Writable, header: string[], rows: () => AsyncGenerator<string[][]>) {
  res.write("\uFEFF" + header.map(csvCell).join(",") + "\r\n");
  for await (const batch of rows()) {
    if (!batch.length) continue;
    const ok = res.write(batch.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n");
    if (!ok) await new Promise((r) => res.once("drain", r));
  }
}

async function writeXlsx(out: Writable, header: string[], rows: () => AsyncGenerator<string[][]>) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = book.addWorksheet("Results");
  ws.addRow(header).commit();
  for await (const batch of rows()) for (const r of batch) ws.addRow(r).commit();
  ws.commit();
  await book.commit();
}
