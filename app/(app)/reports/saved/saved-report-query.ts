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

export type ReportChoice = { kind: "QUEUES"; parameters: QueueParameters } | { kind: "AGENT_TIME"; parameters: AgentTimeParameters };

/** Where each kind of saved report opens. */
export const REPORT_PAGE: Record<ReportChoice["kind"], string> = { QUEUES: "/reports/queues", AGENT_TIME: "/reports/agents" };

export const REFRESH_SAVED = { additionalTypenames: ["SavedReport"] };
