// The agents' timesheet as the page reads it (graphql/schema/reports.ts).
import { type ResultOf, graphql } from "../../../_client/graphql.ts";

/** An agent's figures for a day or the whole period. */
const Figures = graphql(`
  fragment AgentTimeFigures on AgentTimeFigures {
    signedIn
    talk
    hold
    sessions
    firstSignIn
    lastSignOut
    longestSession
    shortestSession
    averageSession
    occupancy
    utilisation
    states {
      ready
      wrapUp
      pause
      break
      away
    }
    pauses {
      pauseReasonId
      seconds
    }
  }
`);

export const AgentTimeQuery = graphql(
  `
    query AgentTimeReport($from: DateTime, $to: DateTime, $teamId: ID) {
      agentTimeReport(from: $from, to: $to, teamId: $teamId) {
        from
        to
        teams {
          id
          name
        }
        pauseReasons {
          id
          name
          translations
        }
        agents {
          userId
          name
          username
          total {
            ...AgentTimeFigures
          }
          days {
            date
            figures {
              ...AgentTimeFigures
            }
          }
        }
      }
    }
  `,
  [Figures],
);

export type AgentTimeData = NonNullable<ResultOf<typeof AgentTimeQuery>["agentTimeReport"]>;
export type AgentFigures = ResultOf<typeof Figures>;
