"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { AdminList } from "../admin-list.tsx";
import { MailboxDialog } from "./mailbox-dialog.tsx";

const REFRESH_ON = { additionalTypenames: ["Mailbox"] };

const MailboxesQuery = graphql(`
  query Mailboxes {
    mailboxes {
      id
      name
      active
      config
      queue {
        id
        name
      }
      status {
        lastSyncAt
        lastError
        lastErrorAt
      }
    }
    queues {
      id
      name
    }
  }
`);
export type Mailbox = ResultOf<typeof MailboxesQuery>["mailboxes"][number];
export type MailboxSettings = {
  imap: { host: string; port: number; security: "tls" | "starttls" | "none"; user: string; folder: string };
  smtp: { host: string; port: number; security: "tls" | "starttls" | "none"; user: string } | null;
  fromAddress: string;
  fromName: string;
  maxAttachmentMegabytes: number;
  acknowledgement: { enabled: boolean; body: string };
};

export default function MailboxesPage() {
  const t = useTranslations("admin.mailboxes");
  const format = useFormatter();
  const can = useCan();
  const [{ data }] = useQuery({ query: MailboxesQuery, context: REFRESH_ON, pause: !can("entry_points.manage") });
  return (
    <AdminList
      namespace="mailboxes"
      allowed={can("entry_points.manage")}
      items={data?.mailboxes}
      head={[t("name"), t("queue"), t("account"), t("status"), ""]}
      renderRow={(m, edit) => {
        const c = m.config as MailboxSettings | null;
        return (
          <tr key={m.id} className={m.active ? undefined : "text-slate-400"}>
            <Td className="font-medium">{m.name}</Td>
            <Td>{m.queue.name}</Td>
            <Td className="text-xs">{c ? `${c.imap.user}@${c.imap.host}:${c.imap.port}/${c.imap.folder}` : "—"}</Td>
            <Td className="text-xs" data-testid="mailbox-status">
              {!m.active ? (
                t("inactive")
              ) : m.status?.lastError ? (
                <span className="text-red-700">{m.status.lastError}</span>
              ) : m.status?.lastSyncAt ? (
                t("lastSync", { time: format.relativeTime(new Date(m.status.lastSyncAt)) })
              ) : (
                t("notYet")
              )}
            </Td>
            <Td className="text-right">
              <Button size="sm" variant="ghost" onClick={edit}>
                {t("edit")}
              </Button>
            </Td>
          </tr>
        );
      }}
      renderDialog={(mailbox, close) => <MailboxDialog mailbox={mailbox} queues={data?.queues ?? []} onClose={close} />}
    />
  );
}
