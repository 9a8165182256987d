import { type ResultOf, graphql } from "../../../../_client/graphql.ts";
import { CaseSlaFields } from "../../../../_components/sla-chip.tsx";
import { ContactEditorFields } from "./contact-dialog.tsx";

/** What changes when a case is changed (status, assignee, tags, the SLA clocks they move) and its timeline of those changes:
 * the mutations that change a case ask for these, so the page shows the result at once. */
export const CaseChanges = graphql(
  `
  fragment CaseChanges on Case @_unmask {
    sla {
      ...CaseSlaFields
    }
    status {
      id
      name
      color
      category
    }
    assignee {
      id
      name
    }
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
  }
`,
  [CaseSlaFields],
);

export const CaseView = graphql(
  `
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
        ...CaseChanges
        queue {
          id
          name
        }
        canWrite
        contactVerified
        claimedContact {
          firstName
          lastName
          typedKind
          typed
        }
        contact {
          ...ContactEditorFields
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
          sms {
            id
            direction
            state
            error
            attempts
            coding
            parts
            customerNumber
            missingParts
          }
          fax {
            id
            direction
            state
            reason
            pages
            remoteIdent
            customerNumber
            bitRate
            ecm
            badRows
            seconds
            cover
            attempts
            nextAttemptAt
            sentAt
            documents {
              id
              fileName
              url
            }
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
  `,
  [CaseChanges, ContactEditorFields],
);

export type CaseData = NonNullable<ResultOf<typeof CaseView>["case"]>;
export type Interaction = CaseData["interactions"][number];
export type Message = CaseData["messages"][number];
export type CaseEvent = CaseData["events"][number];
