// The Outbound calls report as the page reads it (graphql/schema/outbound-report.ts).
import { type ResultOf, type VariablesOf, graphql } from "../../../_client/graphql.ts";

const Figures = graphql(`
  fragment OutboundFigures on OutboundFigures {
    calls
    answered
    answerRate
    ringAvg
    talkTotal
    talkAvg
    talkMax
    machine
    abandoned
    abandonRate
    busy
    noAnswer
    failed
    invalidNumber
    networkError
    cancelled
  }
`);

export const OutboundReportQuery = graphql(
  `
    query OutboundReport(
      $from: DateTime
      $to: DateTime
      $interval: OutboundReportInterval!
      $queueIds: [ID!]
      $teamId: ID
      $agentId: ID
      $campaignId: ID
      $kind: OutboundCallKind
    ) {
      outboundReport(from: $from, to: $to, interval: $interval, queueIds: $queueIds, teamId: $teamId, agentId: $agentId, campaignId: $campaignId, kind: $kind) {
        from
        to
        interval
        total {
          ...OutboundFigures
        }
        intervals {
          key
          start
          end
          figures {
            ...OutboundFigures
          }
        }
        kinds {
          kind
          figures {
            ...OutboundFigures
          }
        }
        campaigns {
          campaignId
          name
          figures {
            ...OutboundFigures
          }
        }
        agents {
          agentId
          name
          figures {
            ...OutboundFigures
          }
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
        campaignOptions {
          id
          name
        }
      }
    }
  `,
  [Figures],
);

export const OutboundReportListQuery = graphql(`
  query OutboundReportList(
    $from: DateTime
    $to: DateTime
    $figure: OutboundReportFigure!
    $queueIds: [ID!]
    $teamId: ID
    $agentId: ID
    $campaignId: ID
    $kind: OutboundCallKind
    $rowKind: OutboundCallKind
    $rowCampaignId: ID
    $rowAgentId: ID
    $rowAgentNone: Boolean
  ) {
    outboundReportList(
      from: $from
      to: $to
      figure: $figure
      queueIds: $queueIds
      teamId: $teamId
      agentId: $agentId
      campaignId: $campaignId
      kind: $kind
      rowKind: $rowKind
      rowCampaignId: $rowCampaignId
      rowAgentId: $rowAgentId
      rowAgentNone: $rowAgentNone
    ) {
      total
      calls {
        interactionId
        caseId
        caseNumber
        subject
        kind
        campaignName
        agentName
        customer
        number
        placedAt
        result
        sipCode
        ringSeconds
        talkSeconds
      }
    }
  }
`);

export type OutboundFiguresData = ResultOf<typeof Figures>;
export type OutboundListVariables = VariablesOf<typeof OutboundReportListQuery>;
