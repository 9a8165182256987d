import { graphql } from "../../_client/graphql.ts";

/** What the boards show of a raised alarm. */
export const RaisedAlarmFields = graphql(`
  fragment RaisedAlarmFields on RaisedAlarm @_unmask {
    id
    name
    kind
    threshold
    subjectName
    raisedAt
    lastValue
    peakValue
  }
`);
