"use client";
import { useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { AdminList } from "../admin-list.tsx";
import { WidgetDialog } from "./widget-dialog.tsx";

// Refetch after any ChatWidget change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["ChatWidget"] };

const WidgetsQuery = graphql(`
  query ChatWidgets {
    chatWidgets {
      id
      name
      key
      active
      config
      hasIdentitySecret
      ivrFlowId
      queue {
        id
        name
      }
    }
    queues {
      id
      name
    }
    ivrFlows {
      id
      name
      publishedVersion
    }
  }
`);
export type Widget = ResultOf<typeof WidgetsQuery>["chatWidgets"][number];

export default function ChatWidgetsPage() {
  const t = useTranslations("admin.chatWidgets");
  const can = useCan();
  const [{ data }] = useQuery({ query: WidgetsQuery, context: REFRESH_ON, pause: !can("entry_points.manage") });
  return (
    <AdminList
      namespace="chatWidgets"
      allowed={can("entry_points.manage")}
      items={data?.chatWidgets}
      head={[t("name"), t("queue"), t("sites"), t("status"), ""]}
      renderRow={(w, edit) => (
        <tr key={w.id} className={w.active ? undefined : "text-slate-400"}>
          <Td className="font-medium">{w.name}</Td>
          <Td>{w.queue.name}</Td>
          <Td className="text-xs">
            {((w.config as { allowedOrigins?: string[] }).allowedOrigins ?? []).join(", ") || <span className="text-amber-700">{t("noSites")}</span>}
          </Td>
          <Td>{w.active ? t("active") : t("inactive")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(widget, close) => <WidgetDialog widget={widget} queues={data?.queues ?? []} flows={data?.ivrFlows ?? []} onClose={close} />}
    />
  );
}
