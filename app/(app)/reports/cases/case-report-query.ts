// The cases report as the page reads it (graphql/schema/case-report.ts).
import { type ResultOf, graphql } from "../../../_client/graphql.ts";

const Counts = graphql(`
  fragment CaseCounts on CaseReportCounts {
    created
    resolved
    firstResponseBreached
    resolutionBreached
    overdue
  }
`);

export const CaseReportQuery = graphql(
  `
    query CaseReport($from: DateTime, $to: DateTime, $interval: CaseReportInterval!, $queueIds: [ID!], $teamId: ID, $agentId: ID, $channel: Channel) {
      caseReport(from: $from, to: $to, interval: $interval, queueIds: $queueIds, teamId: $teamId, agentId: $agentId, channel: $channel) {
        from
        to
        interval
        total {
          ...CaseCounts
        }
        intervals {
          key
          start
          end
          counts {
            ...CaseCounts
          }
          backlogTotal
          backlog {
            statusId
            cases
          }
        }
        statuses {
          id
          name
          color
          category
        }
        scope {
          queues {
            id
            name
          }
          teams {
            id
            name
          }
          agents {
            id
            name
          }
        }
      }
    }
  `,
  [Counts],
);

export const CaseReportCasesQuery = graphql(`
  query CaseReportCases(
    $from: DateTime
    $to: DateTime
    $interval: CaseReportInterval!
    $figure: CaseReportFigure!
    $intervalStart: DateTime
    $statusId: ID
    $queueIds: [ID!]
    $teamId: ID
    $agentId: ID
    $channel: Channel
  ) {
    caseReportCases(
      from: $from
      to: $to
      interval: $interval
      figure: $figure
      intervalStart: $intervalStart
      statusId: $statusId
      queueIds: $queueIds
      teamId: $teamId
      agentId: $agentId
      channel: $channel
    ) {
      total
      cases {
        caseId
        number
        subject
        statusName
        channel
        assigneeName
        createdAt
        at
      }
    }
  }
`);

export type CaseReportData = NonNullable<ResultOf<typeof CaseReportQuery>["caseReport"]>;
export type CaseCountsData = ResultOf<typeof Counts>;
