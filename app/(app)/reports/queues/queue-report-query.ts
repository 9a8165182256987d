// The queues/calls report as the page reads it (graphql/schema/queue-report.ts).
import { type ResultOf, graphql } from "../../../_client/graphql.ts";

const Figures = graphql(`
  fragment QueueFigures on QueueFigures {
    offered
    answered
    answeredInSl
    abandoned
    abandonedInSl
    shortAbandoned
    transferred
    offers
    waitSeconds
    waitMax
    talkSeconds
    talkMax
    serviceLevel
    abandonRate
    asa
    averageWait
    averageTalk
    offersPerCall
  }
`);

export const QueueReportQuery = graphql(
  `
    query QueueReport($from: DateTime, $to: DateTime, $interval: ReportIntervalSize!, $queueIds: [ID!], $teamId: ID, $agentId: ID, $channel: Channel) {
      queueReport(from: $from, to: $to, interval: $interval, queueIds: $queueIds, teamId: $teamId, agentId: $agentId, channel: $channel) {
        from
        to
        interval
        serviceLevelTarget
        total {
          ...QueueFigures
        }
        intervals {
          key
          start
          end
          figures {
            ...QueueFigures
          }
        }
        queues {
          queueId
          name
          serviceLevelSeconds
          serviceLevelPercent
          figures {
            ...QueueFigures
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
      }
    }
  `,
  [Figures],
);

export const QueueReportCallsQuery = graphql(`
  query QueueReportCalls(
    $from: DateTime
    $to: DateTime
    $figure: QueueReportFigure!
    $queueId: ID
    $queueIds: [ID!]
    $teamId: ID
    $agentId: ID
    $channel: Channel
    $detailDimension: QueueCallDetailDimension
    $detailValue: String
  ) {
    queueReportCalls(
      from: $from
      to: $to
      figure: $figure
      queueId: $queueId
      queueIds: $queueIds
      teamId: $teamId
      agentId: $agentId
      channel: $channel
      detailDimension: $detailDimension
      detailValue: $detailValue
    ) {
      total
      calls {
        interactionId
        caseId
        caseNumber
        channel
        queueName
        offeredAt
        agentName
        customer
        waitSeconds
        talkSeconds
        answered
        answeredInSl
        abandoned
        shortAbandon
        transferred
        offers
      }
    }
  }
`);

const Spread = graphql(`
  fragment QueueCallSpread on QueueCallSpread {
    total
    average
    min
    max
  }
`);

const DetailRow = graphql(`
  fragment QueueCallDetailRow on QueueCallDetailRow {
    value
    offered
    answered
    abandoned
    serviceLevel
  }
`);

export const QueueCallDetailsQuery = graphql(
  `
    query QueueCallDetails($from: DateTime, $to: DateTime, $queueIds: [ID!], $teamId: ID, $agentId: ID, $channel: Channel) {
      queueCallDetails(from: $from, to: $to, queueIds: $queueIds, teamId: $teamId, agentId: $agentId, channel: $channel) {
        answeredCalls
        answeredWait {
          ...QueueCallSpread
        }
        answeredTalk {
          ...QueueCallSpread
        }
        unansweredCalls
        abandonedCalls
        hangUpWait {
          ...QueueCallSpread
        }
        hangUpPlace {
          ...QueueCallSpread
        }
        hangUpPlaceKnown
        byNumber {
          ...QueueCallDetailRow
        }
        byReason {
          ...QueueCallDetailRow
        }
        ivrPaths {
          ...QueueCallDetailRow
        }
      }
    }
  `,
  [Spread, DetailRow],
);

export type QueueCallSpreadData = ResultOf<typeof Spread>;
export type QueueCallDetailRowData = ResultOf<typeof DetailRow>;
export type QueueReportData = NonNullable<ResultOf<typeof QueueReportQuery>["queueReport"]>;
export type QueueFiguresData = ResultOf<typeof Figures>;
export type QueueReportCallData = NonNullable<ResultOf<typeof QueueReportCallsQuery>["queueReportCalls"]>["calls"][number];
