"use client";
// Alarms raised now, on the supervisors' board too: read again whenever the board changes.
import { useMe } from "../../_client/me.tsx";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../../_client/graphql.ts";
import { useRefetchOn } from "../../_client/use-refetch-on.ts";
import { AlarmBanner } from "../../_components/wallboard/alarm-banner.tsx";
import { RaisedAlarmFields } from "../../_components/wallboard/alarm-fragment.ts";

const Raised = graphql(
  `
    query RaisedAlarms {
      raisedAlarms {
        ...RaisedAlarmFields
      }
    }
  `,
  [RaisedAlarmFields],
);
const Changed = graphql(`
  subscription RaisedAlarmsChanged {
    wallboardChanged
  }
`);

export function RaisedAlarms() {
  const timeZone = useMe().organization.timezone;
  const [{ data }, refetch] = useQuery({ query: Raised, requestPolicy: "cache-and-network" });
  const [{ data: ping }] = useSubscription({ query: Changed });
  useRefetchOn(ping, () => refetch({ requestPolicy: "network-only" }), 1000);
  return <AlarmBanner alarms={data?.raisedAlarms ?? []} timeZone={timeZone} />;
}
