"use client";
// The wall-board for supervisors: every queue's tile and the agents they may watch, read again
// (debounced) whenever the board's subscription says something changed; time ticks here. Kiosk
// mode shows it full screen in big type, its pages turning.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";
import { useNow } from "../../_client/use-now.ts";
import { useRefetchOn } from "../../_client/use-refetch-on.ts";
import { Button } from "../../_components/button.tsx";
import { Card, Loading, PageHeader } from "../../_components/page.tsx";
import { AgentGrid } from "../../_components/wallboard/agent-grid.tsx";
import { AlarmBanner } from "../../_components/wallboard/alarm-banner.tsx";
import { RaisedAlarmFields } from "../../_components/wallboard/alarm-fragment.ts";
import { Kiosk } from "../../_components/wallboard/kiosk.tsx";
import { QueueTile } from "../../_components/wallboard/queue-tile.tsx";
import { NoAccess } from "../no-access.tsx";

const BoardQuery = graphql(
  `
    query Wallboard {
      wallboard {
        organizationName
        timezone
        dayStart
        queues {
          queueId
          name
          waiting
          longestWaitingSince
          agentsReady
          agentsBusy
          agentsWrapUp
          agentsPaused
          agentsSignedIn
          serviceLevelSeconds
          serviceLevelPercent
          settings
          today {
            offered
            answered
            answeredInTarget
            abandoned
            shortAbandoned
            overflowed
            serviceLevel
            abandonRate
            asaSeconds
            ahtSeconds
          }
        }
        agents {
          userId
          name
          state
          since
          pauseReason
          handledToday
          current {
            channel
            customer
            number
            queueName
            since
          }
          lastTaken {
            at
            queueName
          }
        }
        alarms {
          ...RaisedAlarmFields
        }
      }
    }
  `,
  [RaisedAlarmFields],
);
const Changed = graphql(`
  subscription WallboardChanged {
    wallboardChanged
  }
`);

export default function WallboardPage() {
  const t = useTranslations("wallboard");
  const can = useCan();
  const allowed = can("agents.monitor_team", "agents.monitor_all");
  const [{ data }, refetch] = useQuery({ query: BoardQuery, requestPolicy: "cache-and-network", pause: !allowed });
  const [{ data: ping }] = useSubscription({ query: Changed, pause: !allowed });
  useRefetchOn(ping, () => refetch({ requestPolicy: "network-only" }), 300);
  const now = useNow();
  const [kiosk, setKiosk] = useState(false);
  if (!allowed) return <NoAccess />;
  const board = data?.wallboard;
  if (!board) return <Loading label={t("loading")} />;
  if (kiosk)
    return (
      <Kiosk
        board={board}
        onExit={() => {
          setKiosk(false);
          if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
        }}
      />
    );
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button
            onClick={() => {
              setKiosk(true);
              void document.documentElement.requestFullscreen?.().catch(() => {});
            }}
          >
            {t("kiosk")}
          </Button>
        }
      />
      <AlarmBanner alarms={board.alarms} timeZone={board.timezone} />
      <div className="mb-6 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {board.queues.map((q) => (
          <QueueTile key={q.queueId} q={q} now={now} />
        ))}
      </div>
      <Card title={t("agents")}>
        <AgentGrid agents={board.agents} now={now} timeZone={board.timezone} />
      </Card>
    </>
  );
}
