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

/** The queue report's choices a saved report keeps (its JSON parameters). */
export interface QueueParameters {
  period: "YESTERDAY" | "LAST_7_DAYS" | "LAST_WEEK" | "LAST_MONTH" | "THIS_MONTH";
  interval: "QUARTER_HOUR" | "HOUR" | "DAY" | "WEEK" | "MONTH";
  queueId?: string | null;
  teamId?: string | null;
  agentId?: string | null;
  channel?: string | null;
}

export const REFRESH_SAVED = { additionalTypenames: ["SavedReport"] };
