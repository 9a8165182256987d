// A run report (domain/reports/saved-report-run.ts) as a file of either format: its name, and
// the writer of each kind. The download (report-exports-http.ts) and the scheduled mail
// (saved-report-mail.ts) both take their files from here.
import type { Writable } from "node:stream";
import type { ReportRun } from "../domain/reports/saved-report-run.ts";
import type { Locale } from "../domain/shared/locale.ts";
import { agentTimeCsv, writeAgentTimeXlsx } from "./agent-time-export.ts";
import { caseReportCsv, writeCaseReportXlsx } from "./case-report-export.ts";
import { conversationReportCsv, writeConversationReportXlsx } from "./conversation-report-export.ts";
import { outboundReportCsv, writeOutboundReportXlsx } from "./outbound-report-export.ts";
import { queueReportCsv, writeQueueReportXlsx } from "./queue-report-export.ts";

export const CONTENT_TYPE = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

export interface ReportFile {
  /** Without the extension: queues-2026-12-01-day, cases-2026-12-01-week, agent-time-2026-12-01. */
  baseName: string;
  csv: () => string;
  writeXlsx: (out: Writable) => Promise<void>;
}

export function reportFile(run: ReportRun, locale: Locale): ReportFile {
  const day = run.report.from.toISOString().slice(0, 10);
  if (run.kind === "QUEUES") {
    const r = run.report;
    return {
      baseName: `queues-${day}-${r.interval.toLowerCase()}`,
      csv: () => queueReportCsv(r, run.details, locale),
      writeXlsx: (out) => writeQueueReportXlsx(r, run.details, locale, out),
    };
  }
  if (run.kind === "CONVERSATIONS") {
    const r = run.report;
    return {
      baseName: `chat-email-${day}-${r.interval.toLowerCase()}`,
      csv: () => conversationReportCsv(r, locale),
      writeXlsx: (out) => writeConversationReportXlsx(r, locale, out),
    };
  }
  if (run.kind === "OUTBOUND") {
    const r = run.report;
    return {
      baseName: `calls-out-${day}-${r.interval.toLowerCase()}`,
      csv: () => outboundReportCsv(r, locale),
      writeXlsx: (out) => writeOutboundReportXlsx(r, locale, out),
    };
  }
  if (run.kind === "CASES") {
    const r = run.report;
    return {
      baseName: `cases-${day}-${r.interval.toLowerCase()}`,
      csv: () => caseReportCsv(r, locale),
      writeXlsx: (out) => writeCaseReportXlsx(r, locale, out),
    };
  }
  const r = run.report;
  return { baseName: `agent-time-${day}`, csv: () => agentTimeCsv(r, locale), writeXlsx: (out) => writeAgentTimeXlsx(r, locale, out) };
}
