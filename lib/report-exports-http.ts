// Report files for download: GET /api/reports/queues|conversations|outbound|cases|agents.xlsx|csv
// with the page's filters in the query. The session cookie and reports.read, scoped as the report
// on screen (domain/reports/report-scope.ts); the XLSX is streamed into the response as it is written.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { agentTimeReport } from "../domain/reports/agent-time-report.ts";
import { CASE_INTERVAL_SIZES } from "../domain/reports/case-figures.ts";
import { caseReport } from "../domain/reports/case-report.ts";
import { conversationReport } from "../domain/reports/conversation-report.ts";
import { OUTBOUND_KINDS } from "../domain/reports/outbound-facts.ts";
import { outboundReport } from "../domain/reports/outbound-report.ts";
import { INTERVAL_SIZES } from "../domain/reports/queue-figures.ts";
import { queueCallDetails } from "../domain/reports/queue-call-details.ts";
import { queueReport } from "../domain/reports/queue-report.ts";
import type { ReportRun } from "../domain/reports/saved-report-run.ts";
import type { Viewer } from "../domain/access/viewer.ts";
import { DomainError } from "../domain/shared/errors.ts";
import { parseInput } from "../domain/shared/parse.ts";
import { toHeaders } from "../graphql/yoga.ts";
import { sendError } from "./http-helpers.ts";
import { CONTENT_TYPE, reportFile } from "./report-files.ts";
import type { AppServices } from "./services.ts";

const period = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  teamId: z.uuid().optional(),
};
const filters = {
  ...period,
  queueId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  channel: z.enum(["VOICE", "CHAT", "EMAIL", "SMS", "FAX"]).optional(),
};
const queuesQuery = z.object({ ...filters, interval: z.enum(INTERVAL_SIZES).default("DAY") });
const casesQuery = z.object({ ...filters, interval: z.enum(CASE_INTERVAL_SIZES).default("DAY") });
const outboundQuery = z.object({
  ...period,
  queueId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  kind: z.enum(OUTBOUND_KINDS).optional(),
  interval: z.enum(INTERVAL_SIZES).default("DAY"),
});
const agentsQuery = z.object(period);

const dates = (q: { from?: string; to?: string }) => ({ from: q.from ? new Date(q.from) : null, to: q.to ? new Date(q.to) : null });

async function run(app: AppServices, viewer: Viewer, report: string, params: Record<string, string>): Promise<ReportRun> {
  if (report === "agents") {
    const q = parseInput(agentsQuery, params);
    return { kind: "AGENT_TIME", report: await agentTimeReport(viewer, { ...dates(q), teamId: q.teamId ?? null }, app.deps) };
  }
  if (report === "outbound") {
    const q = parseInput(outboundQuery, params);
    const input = {
      ...dates(q),
      interval: q.interval,
      queueIds: q.queueId ? [q.queueId] : null,
      teamId: q.teamId ?? null,
      agentId: q.agentId ?? null,
      campaignId: q.campaignId ?? null,
      kind: q.kind ?? null,
    };
    return { kind: "OUTBOUND", report: await outboundReport(viewer, input, app.deps) };
  }
  const input = <Q extends z.output<typeof queuesQuery> | z.output<typeof casesQuery>>(q: Q) => ({
    ...dates(q),
    interval: q.interval as Q["interval"],
    queueIds: q.queueId ? [q.queueId] : null,
    teamId: q.teamId ?? null,
    agentId: q.agentId ?? null,
    channel: q.channel ?? null,
  });
  if (report === "cases") return { kind: "CASES", report: await caseReport(viewer, input(parseInput(casesQuery, params)), app.deps) };
  if (report === "conversations") return { kind: "CONVERSATIONS", report: await conversationReport(viewer, input(parseInput(queuesQuery, params)), app.deps) };
  const q = input(parseInput(queuesQuery, params));
  const [queues, details] = await Promise.all([queueReport(viewer, q, app.deps), queueCallDetails(viewer, q, app.deps)]);
  return { kind: "QUEUES", report: queues, details };
}

export function reportExportsApi(app: AppServices) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/api\/reports\/(queues|conversations|outbound|cases|agents)\.(xlsx|csv)$/.exec(url.pathname);
    if (!m) return false;
    const format = m[2] as "xlsx" | "csv";
    try {
      if (req.method !== "GET") throw new DomainError("NOT_FOUND", "Not found");
      const viewer = await app.viewers.fromHeaders(toHeaders(req), true);
      if (!viewer) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      const file = reportFile(await run(app, viewer, m[1], Object.fromEntries(url.searchParams)), viewer.locale);
      res.writeHead(200, {
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="${file.baseName}.${format}"`,
        "content-type": CONTENT_TYPE[format],
      });
      if (format === "csv") res.end(file.csv());
      else await file.writeXlsx(res);
    } catch (err) {
      if (!res.headersSent) sendError(res, err, app.log);
      else res.destroy(err instanceof Error ? err : undefined);
    }
    return true;
  };
}
