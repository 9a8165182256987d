// The Chat and e-mail report as the page reads it (graphql/schema/conversation-report.ts).
import { type ResultOf, type VariablesOf, graphql } from "../../../_client/graphql.ts";

const Figures = graphql(`
  fragment ConversationFigures on ConversationFigures {
    conversations
    answered
    responded
    firstResponseAvg
    firstResponseMax
    firstResponseInTarget
    handlingAvg
    handlingTotal
    resolved
    resolutionAvg
    messagesFromContact
    messagesFromAgents
    messagesPerConversation
    rated
    ratingAvg
    ratings
    ratedShare
  }
`);

export const ConversationReportQuery = graphql(
  `
    query ConversationReport($from: DateTime, $to: DateTime, $interval: ConversationReportInterval!, $queueIds: [ID!], $teamId: ID, $agentId: ID, $channel: Channel) {
      conversationReport(from: $from, to: $to, interval: $interval, queueIds: $queueIds, teamId: $teamId, agentId: $agentId, channel: $channel) {
        from
        to
        interval
        total {
          ...ConversationFigures
        }
        intervals {
          key
          start
          end
          figures {
            ...ConversationFigures
          }
        }
        queues {
          queueId
          name
          figures {
            ...ConversationFigures
          }
        }
        agents {
          agentId
          name
          figures {
            ...ConversationFigures
          }
        }
        channels {
          channel
          figures {
            ...ConversationFigures
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

export const ConversationReportListQuery = graphql(`
  query ConversationReportList(
    $from: DateTime
    $to: DateTime
    $figure: ConversationReportFigure!
    $queueIds: [ID!]
    $teamId: ID
    $agentId: ID
    $channel: Channel
    $rowQueueId: ID
    $rowAgentId: ID
    $rowAgentNone: Boolean
    $rowChannel: ConversationChannel
  ) {
    conversationReportList(
      from: $from
      to: $to
      figure: $figure
      queueIds: $queueIds
      teamId: $teamId
      agentId: $agentId
      channel: $channel
      rowQueueId: $rowQueueId
      rowAgentId: $rowAgentId
      rowAgentNone: $rowAgentNone
      rowChannel: $rowChannel
    ) {
      total
      conversations {
        interactionId
        caseId
        caseNumber
        subject
        channel
        queueName
        agentName
        customer
        arrivedAt
        firstResponseSeconds
        handlingSeconds
        resolutionSeconds
        messages
        rating
      }
    }
  }
`);

export type ConversationFiguresData = ResultOf<typeof Figures>;
export type ConversationListVariables = VariablesOf<typeof ConversationReportListQuery>;
