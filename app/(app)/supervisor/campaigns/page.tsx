"use client";
// The supervisor's campaigns: each one past its draft with its status, calls dialled and connected
// and its abandon rate against its cap (overall and the last hour), or an SMS campaign's texts and delivery rate. Live on the board's events.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useQuery, useSubscription } from "urql";
import { Empty, Loading, PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useRefetchOn } from "../../../_client/use-refetch-on.ts";
import { NoAccess } from "../../no-access.tsx";
import { AbandonRate, MonitorChanged, StatusBadge } from "./campaign-bits.tsx";

const List = graphql(`
  query CampaignMonitors {
    campaignMonitors {
      id
      name
      status
      mode
      abandonCapPercent
      calls {
        dialled
        connected
        abandonPercent
        capLevel
      }
      lastHour {
        abandonPercent
        capLevel
      }
      contacts {
        total
        done
      }
      texts {
        sent
        delivered
        failed
        deliveryPercent
      }
    }
  }
`);

export default function CampaignMonitorsPage() {
  const t = useTranslations("campaignMonitor");
  const f = useFormatter();
  const can = useCan();
  const allowed = can("campaigns.manage");
  const [{ data, fetching }, refetch] = useQuery({ query: List, pause: !allowed, requestPolicy: "cache-and-network" });
  const [{ data: ping }] = useSubscription({ query: MonitorChanged, pause: !allowed });
  useRefetchOn(ping, () => refetch({ requestPolicy: "network-only" }), 2000);
  if (!allowed) return <NoAccess />;
  const rows = data?.campaignMonitors ?? [];
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/supervisor" className="text-sm font-medium text-brand-700 hover:underline">
            {t("backToBoard")}
          </Link>
        }
      />
      {!data && fetching ? (
        <Loading label={t("loading")} />
      ) : rows.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <Table
          label={t("title")}
          head={[t("name"), t("statusLabel"), t("modeLabel"), t("dialled"), t("connected"), t("abandonRate"), t("abandonLastHour"), t("contactsDone")]}
        >
          {rows.map((c) => (
            <tr key={c.id} data-testid={`campaign-${c.name}`}>
              <Td className="font-medium">
                <Link href={`/supervisor/campaigns/${c.id}`} className="text-brand-700 hover:underline">
                  {c.name}
                </Link>
              </Td>
              <Td>
                <StatusBadge status={c.status} />
              </Td>
              <Td>{t(`mode.${c.mode}`)}</Td>
              {c.mode === "SMS" ? (
                // A texting campaign: texts handed over, delivered, and the delivery rate across the abandon columns.
                <>
                  <Td className="tabular-nums">
                    <span data-testid="dialled">{t("texts.sentShort", { count: c.texts.sent + c.texts.delivered + c.texts.failed })}</span>
                  </Td>
                  <Td className="tabular-nums">{f.number(c.texts.delivered)}</Td>
                  <td colSpan={2} className="px-4 py-2.5 align-middle tabular-nums text-slate-700" data-testid="delivery">
                    {c.texts.deliveryPercent == null
                      ? "—"
                      : `${t("texts.deliveryRate")}: ${f.number(c.texts.deliveryPercent / 100, { style: "percent", maximumFractionDigits: 1 })}`}
                  </td>
                </>
              ) : (
                <>
                  <Td className="tabular-nums">
                    <span data-testid="dialled">{f.number(c.calls.dialled)}</span>
                  </Td>
                  <Td className="tabular-nums">{f.number(c.calls.connected)}</Td>
                  <Td>
                    <AbandonRate percent={c.calls.abandonPercent ?? null} level={c.calls.capLevel} testId="abandon" />
                  </Td>
                  <Td>
                    <AbandonRate percent={c.lastHour.abandonPercent ?? null} level={c.lastHour.capLevel} />
                  </Td>
                </>
              )}
              <Td className="tabular-nums">
                {f.number(c.contacts.done)} / {f.number(c.contacts.total)}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
