// Report files for download: GET /api/reports/queues.xlsx|csv with the page's filters in the query.
// The session cookie and reports.read, scoped as the report on screen (domain/reports/report-scope.ts);
// the XLSX is streamed into the response as it is written.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { INTERVAL_SIZES } from "../domain/reports/queue-figures.ts";
import { queueReport } from "../domain/reports/queue-report.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { parseInput } from "../domain/shared/parse.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { sendError } from "./http-helpers.ts";
import { queueReportCsv, writeQueueReportXlsx } from "./queue-report-export.ts";
import type { AppServices } from "./services.ts";

const querySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  interval: z.enum(INTERVAL_SIZES).default("DAY"),
  queueId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  channel: z.enum(["VOICE", "CHAT", "EMAIL", "SMS", "FAX"]).optional(),
});

export function reportExportsApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/api\/reports\/queues\.(xlsx|csv)$/.exec(url.pathname);
    if (!m) return false;
    try {
      if (req.method !== "GET") throw new DomainError("NOT_FOUND", "Not found");
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      const q = parseInput(querySchema, Object.fromEntries(url.searchParams));
      const report = await queueReport(
        viewer,
        {
          from: q.from ? new Date(q.from) : null,
          to: q.to ? new Date(q.to) : null,
          interval: q.interval,
          queueIds: q.queueId ? [q.queueId] : null,
          teamId: q.teamId ?? null,
          agentId: q.agentId ?? null,
          channel: q.channel ?? null,
        },
        app.deps,
      );
      const name = `queues-${report.from.toISOString().slice(0, 10)}-${q.interval.toLowerCase()}.${m[1]}`;
      const headers = { "cache-control": "private, no-store", "x-content-type-options": "nosniff", "content-disposition": `attachment; filename="${name}"` };
      if (m[1] === "csv") {
        res.writeHead(200, { ...headers, "content-type": "text/csv; charset=utf-8" });
        res.end(queueReportCsv(report, viewer.locale));
      } else {
        res.writeHead(200, { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
        await writeQueueReportXlsx(report, viewer.locale, res);
      }
    } catch (err) {
      if (!res.headersSent) sendError(res, err, app.log);
      else res.destroy(err instanceof Error ? err : undefined);
    }
    return true;
  };
}
