// A saved report's kind and parameters run as a viewer: the period preset turned into the dates it
// covers now on the organisation's clock, the filters checked against what the viewer may see
// (report-scope.ts). Saving checks a report with `checkReport`; the scheduled send runs it.
import type { Viewer } from "../access/viewer.ts";
import type { Deps } from "../ports.ts";
import { type AgentTimeReport, agentTimeReport } from "./agent-time-report.ts";
import { type CaseReport, caseReport, prepareCaseReport } from "./case-report.ts";
import { type ConversationReport, conversationReport } from "./conversation-report.ts";
import { type OutboundReport, outboundReport, prepareOutboundReport } from "./outbound-report.ts";
import { type QueueCallDetails, queueCallDetails } from "./queue-call-details.ts";
import { type QueueReport, prepareQueueReport, queueReport } from "./queue-report.ts";
import { assertTeamInScope } from "./report-scope.ts";
import { presetPeriod } from "./report-schedule.ts";
import type { ReportParameters } from "./saved-report-input.ts";

export type ReportRun =
  | { kind: "QUEUES"; report: QueueReport; details: QueueCallDetails } | { kind: "AGENT_TIME"; report: AgentTimeReport } | { kind: "CASES"; report: CaseReport }
  | { kind: "CONVERSATIONS"; report: ConversationReport } | { kind: "OUTBOUND"; report: OutboundReport };

/** The queue or cases report's input from saved parameters (the same filters; intervals differ). */
const queueInput = <P extends Extract<ReportParameters, { kind: "QUEUES" | "CASES" | "CONVERSATIONS" }>["parameters"]>(p: P, timezone: string, now: Date) => ({
  ...presetPeriod(p.period, timezone, now),
  interval: p.interval as P["interval"],
  queueIds: p.queueId ? [p.queueId] : null,
  teamId: p.teamId,
  agentId: p.agentId,
  channel: p.channel,
});

/** The Outbound calls report's input from saved parameters. */
const outboundInput = (p: Extract<ReportParameters, { kind: "OUTBOUND" }>["parameters"], timezone: string, now: Date) => ({
  ...presetPeriod(p.period, timezone, now),
  interval: p.interval,
  queueIds: p.queueId ? [p.queueId] : null,
  teamId: p.teamId,
  agentId: p.agentId,
  campaignId: p.campaignId,
  kind: p.kind,
});

/** Throws when the viewer may not run this report (its filters are not among theirs). */
export async function checkReport(viewer: Viewer, r: ReportParameters, timezone: string, deps: Pick<Deps, "db" | "now">): Promise<void> {
  if (r.kind === "QUEUES" || r.kind === "CONVERSATIONS") await prepareQueueReport(viewer, queueInput(r.parameters, timezone, deps.now()), deps);
  else if (r.kind === "OUTBOUND") await prepareOutboundReport(viewer, outboundInput(r.parameters, timezone, deps.now()), deps);
  else if (r.kind === "CASES") await prepareCaseReport(viewer, queueInput(r.parameters, timezone, deps.now()), deps);
  else await assertTeamInScope(viewer, r.parameters.teamId, deps.db);
}

export async function runReport(viewer: Viewer, r: ReportParameters, timezone: string, deps: Pick<Deps, "db" | "now">): Promise<ReportRun> {
  const now = deps.now();
  if (r.kind === "QUEUES") {
    const input = queueInput(r.parameters, timezone, now);
    const [report, details] = await Promise.all([queueReport(viewer, input, deps), queueCallDetails(viewer, input, deps)]);
    return { kind: r.kind, report, details };
  }
  if (r.kind === "CASES") return { kind: r.kind, report: await caseReport(viewer, queueInput(r.parameters, timezone, now), deps) };
  if (r.kind === "OUTBOUND") return { kind: r.kind, report: await outboundReport(viewer, outboundInput(r.parameters, timezone, now), deps) };
  if (r.kind === "CONVERSATIONS") return { kind: r.kind, report: await conversationReport(viewer, queueInput(r.parameters, timezone, now), deps) };
  return { kind: r.kind, report: await agentTimeReport(viewer, { ...presetPeriod(r.parameters.period, timezone, now), teamId: r.parameters.teamId }, deps) };
}
