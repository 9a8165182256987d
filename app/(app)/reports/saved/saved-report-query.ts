// Saved report definitions as the pages read and write them (graphql/schema/saved-reports.ts).
import { type ResultOf, graphql } from "../../../_client/graphql.ts";

export const SavedReportsQuery = graphql(`
  query SavedReports {
    savedReports {
      id
      name
      kind
      parameters
      schedule
      weekday
      monthDay
      sendHour
      recipients
      format
      lastSentAt
      nextSendAt
      lastError
    }
  }
`);

export const SaveReport = graphql(`
  mutation SaveReport($id: ID, $input: SavedReportInput!) {
    saveReport(id: $id, input: $input) {
      id
    }
  }
`);

export const DeleteSavedReport = graphql(`
  mutation DeleteSavedReport($id: ID!) {
    deleteSavedReport(id: $id)
  }
`);

export type SavedReport = ResultOf<typeof SavedReportsQuery>["savedReports"][number];

type Preset = "YESTERDAY" | "LAST_7_DAYS" | "LAST_WEEK" | "LAST_MONTH" | "THIS_MONTH";

/** The queue report's choices a saved report keeps (its JSON parameters). */
export interface QueueParameters {
  period: Preset;
  interval: "QUARTER_HOUR" | "HOUR" | "DAY" | "WEEK" | "MONTH";
  queueId?: string | null;
  teamId?: string | null;
  agentId?: string | null;
  channel?: string | null;
}

/** The agents' time report's choices. */
export interface AgentTimeParameters {
  period: Preset;
  teamId?: string | null;
}

/** The cases report's choices: the queue report's filters, counted by day, week or month. */
export interface CaseParameters extends Omit<QueueParameters, "interval"> {
  interval: "DAY" | "WEEK" | "MONTH";
}

/** The Outbound calls report's choices: the queue report's filters (no channel), a campaign and a kind of call. */
export interface OutboundParameters extends Omit<QueueParameters, "channel"> {
  campaignId?: string | null;
  kind?: "MANUAL" | "CALLBACK" | "WEB_CALLBACK" | "CAMPAIGN" | null;
}

export type ReportChoice =
  | { kind: "QUEUES"; parameters: QueueParameters }
  | { kind: "AGENT_TIME"; parameters: AgentTimeParameters }
  | { kind: "CASES"; parameters: CaseParameters }
  | { kind: "CONVERSATIONS"; parameters: QueueParameters }
  | { kind: "OUTBOUND"; parameters: OutboundParameters };

/** Where each kind of saved report opens. */
export const REPORT_PAGE: Record<ReportChoice["kind"], string> = { QUEUES: "/reports/queues", AGENT_TIME: "/reports/agents", CASES: "/reports/cases", CONVERSATIONS: "/reports/conversations",
  OUTBOUND: "/reports/outbound",
};

export const REFRESH_SAVED = { additionalTypenames: ["SavedReport"] };
