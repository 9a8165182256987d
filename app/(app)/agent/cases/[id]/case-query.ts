import { type ResultOf, graphql } from "../../../../_client/graphql.ts";

export const CaseView = graphql(`
  query CaseView($id: ID!) {
    case(id: $id) {
      id
      number
      subject
      channel
      priority
      deadline
      createdAt
      processId
      status {
        id
        name
        color
        category
      }
      queue {
        id
        name
      }
      assignee {
        id
        name
      }
      canWrite
      tags {
        id
        name
        color
        active
      }
      events {
        id
        type
        at
        data
        label
        actor {
          id
          name
        }
      }
      contactVerified
      claimedContact {
        firstName
        lastName
        typedKind
        typed
      }
      contact {
        id
        firstName
        lastName
        company
        vip
        language
        notes
        fields
        secretFieldsSet
        identities {
          id
          kind
          value
          label
        }
        history {
          caseId
          number
          subject
          channel
          createdAt
          statusName
          statusColor
          assigneeName
          interactions
        }
      }
      interactions {
        id
        state
        channel
        topic
        data
        answeredAt
        endedAt
        endedBy
        rating
        ratingComment
        contactDeliveredAt
        contactReadAt
        agentReadAt
        visitorLastSeenAt
        queueId
        agent {
          id
          name
        }
        pendingTransfer {
          note
          toQueueId
          toAgentId
          fromAgentId
        }
        events {
          id
          type
          agentId
          data
          at
        }
      }
      messages {
        id
        kind
        authorType
        body
        createdAt
        interactionId
        author {
          id
          name
        }
        attachments {
          id
          fileName
          contentType
          size
          url
          contentId
        }
        email {
          id
          direction
          kind
          subject
          from {
            address
            name
          }
          to {
            address
            name
          }
          cc {
            address
            name
          }
          bcc {
            address
            name
          }
          html
          hasOriginal
          malformed
          deliveryState
          deliveryError
          attempts
        }
      }
    }
    processes {
      id
      statuses {
        id
        name
        color
        category
        sortOrder
        active
      }
    }
  }
`);

export type CaseData = NonNullable<ResultOf<typeof CaseView>["case"]>;
export type Interaction = CaseData["interactions"][number];
export type Message = CaseData["messages"][number];
export type CaseEvent = CaseData["events"][number];
