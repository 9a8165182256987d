// The IVR report as the page reads it (graphql/schema/reports.ts).
import { type ResultOf, graphql } from "../../../_client/graphql.ts";

export const IvrReportQuery = graphql(`
  query IvrReport($from: DateTime, $to: DateTime, $flowId: ID) {
    ivrReport(from: $from, to: $to, flowId: $flowId) {
      from
      to
      capped
      cap
      flowOptions {
        id
        name
      }
      total {
        calls
        averageSeconds
        p90Seconds
        outcomes {
          queue
          voicemail
          callback
          transfer
          endedByFlow
          queueRefused
          failed
          abandoned
          inProgress
        }
        days {
          date
          calls
          outcomes {
            queue
            voicemail
            callback
            transfer
            endedByFlow
            queueRefused
            failed
            abandoned
            inProgress
          }
        }
      }
      flows {
        flowId
        name
        summary {
          calls
          outcomes {
            abandoned
          }
        }
        abandonments {
          node
          nodeType
          label
          count
          lastChoice {
            node
            label
            key
          }
        }
        menus {
          node
          nodeType
          label
          visits
          callers
          invalid
          timeouts
          gaveUp
          choices {
            key
            target
            count
          }
        }
      }
    }
  }
`);
export type FlowReport = ResultOf<typeof IvrReportQuery>["ivrReport"]["flows"][number];
