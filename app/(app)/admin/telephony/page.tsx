"use client";
// SIP trunks: the connections to telephone providers, each with its registration as the media
// role last saw it (re-read every few seconds).
import { useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { AdminList } from "../admin-list.tsx";
import { TrunkDialog } from "./trunk-dialog.tsx";
import { TrunkStatusBadge, usePoll } from "./trunk-status.tsx";

const REFRESH_ON = { additionalTypenames: ["SipTrunk"] };

const TrunksQuery = graphql(`
  query SipTrunks {
    sipTrunks {
      id
      name
      host
      proxy
      username
      authUser
      hasSecret
      register
      callerIds
      codecs
      maxCalls
      callsPerMinute
      allowedSources
      callerIdInFrom
      active
      status
      statusDetail
      statusProblem
      statusAt
      numbers {
        id
        number
      }
    }
  }
`);
export type Trunk = ResultOf<typeof TrunksQuery>["sipTrunks"][number];

export default function TrunksPage() {
  const t = useTranslations("admin.telephony.trunks");
  const allowed = useCan()("telephony.manage");
  const [{ data }, refetch] = useQuery({ query: TrunksQuery, context: REFRESH_ON, pause: !allowed });
  usePoll(refetch, allowed);
  return (
    <AdminList
      namespace="telephony.trunks"
      allowed={allowed}
      items={data?.sipTrunks}
      head={[t("name"), t("host"), t("account"), t("numbers"), t("status"), ""]}
      renderRow={(tr, edit) => (
        <tr key={tr.id} className={tr.active ? undefined : "text-slate-400"} data-testid={`trunk-${tr.name}`}>
          <Td className="font-medium">{tr.name}</Td>
          <Td className="font-mono text-xs">{tr.host}</Td>
          <Td className="font-mono text-xs">{tr.username}</Td>
          <Td className="text-xs tabular-nums">{tr.numbers.length ? tr.numbers.map((n) => n.number).join(", ") : "—"}</Td>
          <Td>
            <TrunkStatusBadge trunk={tr} />
          </Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(trunk, close) => <TrunkDialog trunk={trunk} onClose={close} />}
    />
  );
}
