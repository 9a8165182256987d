"use client";
// Outbound campaigns: each with its status, mode and where its contacts stand, the buttons that move
// it on (start, pause, resume, stop — stop asks first) and the editor of its settings.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type ResultOf } from "gql.tada";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ApiError, apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { CampaignDialog } from "./campaign-dialog.tsx";

const REFRESH_ON = { additionalTypenames: ["Campaign"] };

const CampaignsQuery = graphql(`
  query AdminCampaigns {
    campaigns {
      id
      name
      description
      mode
      status
      trunkId
      callerId
      callingHours
      startsAt
      endsAt
      maxAttempts
      retryMinutes
      effectiveRetryMinutes
      lineLimit
      ringSeconds
      abandonCapPercent
      amd
      machineAction
      unsureToAgent
      abandonMessage
      machineMessage
      abandonAudioId
      machineAudioId
      language
      previewSeconds
      dispositionIds
      callScriptId
      teamIds
      smsAccountId
      smsFrom
      smsTemplate
      smsPerMinute
      smsPlainLetters
      lists {
        list {
          id
          name
        }
      }
      doNotCall {
        number
      }
      queue {
        id
        priority
        wrapUpSeconds
        requireDisposition
        recordingPolicy
        members {
          user {
            id
          }
          skillLevel
          viaTeam
        }
      }
      counts {
        total
        waiting
        active
        done
        doneBy
        attempts
      }
    }
  }
`);
export type Campaign = ResultOf<typeof CampaignsQuery>["campaigns"][number];

const Start = graphql(`
  mutation StartCampaign($id: ID!) {
    startCampaign(id: $id) {
      campaign {
        id
        status
      }
    }
  }
`);
const Pause = graphql(`
  mutation PauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      id
      status
    }
  }
`);
const Resume = graphql(`
  mutation ResumeCampaign($id: ID!) {
    resumeCampaign(id: $id) {
      id
      status
    }
  }
`);
const Stop = graphql(`
  mutation StopCampaign($id: ID!) {
    stopCampaign(id: $id) {
      id
      status
    }
  }
`);

const STATUS_CHIP: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-200",
  RUNNING: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  PAUSED: "bg-amber-100 text-amber-800 ring-amber-200",
  STOPPED: "bg-red-100 text-red-800 ring-red-200",
  COMPLETED: "bg-sky-100 text-sky-800 ring-sky-200",
};

export default function CampaignsPage() {
  const t = useTranslations("admin.campaigns");
  const errors = useErrorText();
  const allowed = useCan()("campaigns.manage");
  const [{ data }, refetch] = useQuery({ query: CampaignsQuery, context: REFRESH_ON, pause: !allowed, requestPolicy: "cache-and-network" });
  const [, start] = useMutation(Start);
  const [, pause] = useMutation(Pause);
  const [, resume] = useMutation(Resume);
  const [, stop] = useMutation(Stop);
  const [error, setError] = useState<ApiError | null>(null);
  const act = async (run: () => Promise<{ error?: Parameters<typeof apiError>[0] }>) => {
    const e = apiError((await run()).error);
    setError(e);
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <div className="space-y-4">
      {error && <Notice tone="error">{errors.message(error)}</Notice>}
      <AdminList
        namespace="campaigns"
        allowed={allowed}
        items={data?.campaigns}
        head={[t("name"), t("status"), t("mode"), t("contacts"), t("attempts"), ""]}
        renderRow={(c, edit) => (
          <tr key={c.id} data-testid={`campaign-${c.name}`}>
            <Td className="font-medium">{c.name}</Td>
            <Td>
              <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATUS_CHIP[c.status]}`}>{t(`statusName.${c.status}`)}</span>
            </Td>
            <Td>{t(`modeName.${c.mode}`)}</Td>
            <Td className="text-sm tabular-nums">
              <span data-testid="counts">{t("countsLine", { total: c.counts.total, waiting: c.counts.waiting, active: c.counts.active, done: c.counts.done })}</span>
            </Td>
            <Td className="tabular-nums">{c.counts.attempts}</Td>
            <Td className="space-x-1 text-right whitespace-nowrap">
              {c.status === "DRAFT" && (
                <Button size="sm" variant="primary" onClick={() => act(() => start({ id: c.id }, REFRESH_ON))}>
                  {t("start")}
                </Button>
              )}
              {c.status === "RUNNING" && (
                <Button size="sm" onClick={() => act(() => pause({ id: c.id }, REFRESH_ON))}>
                  {t("pause")}
                </Button>
              )}
              {c.status === "PAUSED" && (
                <Button size="sm" variant="primary" onClick={() => act(() => resume({ id: c.id }, REFRESH_ON))}>
                  {t("resume")}
                </Button>
              )}
              {(c.status === "RUNNING" || c.status === "PAUSED") && (
                <Button
                  size="sm"
                  variant="danger"
                  onClick={() => {
                    if (window.confirm(t("confirmStop", { name: c.name }))) void act(() => stop({ id: c.id }, REFRESH_ON));
                  }}
                >
                  {t("stop")}
                </Button>
              )}
              <Button size="sm" variant="ghost" onClick={edit}>
                {t("edit")}
              </Button>
            </Td>
          </tr>
        )}
        renderDialog={(c, close) => (
          <CampaignDialog
            campaign={c}
            onClose={() => {
              close();
              refetch({ requestPolicy: "network-only" });
            }}
          />
        )}
      />
    </div>
  );
}
