"use client";
// One contact: their details (edited by whoever may manage contacts, with the same editor as the
// case page's), their phones and e-mails, and their history — every case across channels the
// viewer may open, newest first, each a link to the case.
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Card, Empty, Loading, PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { usePageTitle } from "../../../_client/document-title.ts";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { ContactDialog, ContactEditorFields } from "../../agent/cases/[id]/contact-dialog.tsx";
import { NoAccess } from "../../no-access.tsx";

const ContactView = graphql(
  `
    query ContactView($id: ID!) {
      contact(id: $id) {
        ...ContactEditorFields
        lastContactAt
        caseCount
        history {
          caseId
          number
          subject
          channel
          callback
          queueName
          statusName
          statusColor
          assigneeName
          createdAt
          lastActivityAt
          closedAt
        }
      }
    }
  `,
  [ContactEditorFields],
);

export default function ContactPage() {
  const { id } = useParams<{ id: string }>();
  const t = useTranslations("contacts");
  const tk = useTranslations("case.contact.kind");
  const can = useCan();
  const dates = useDates();
  const [editing, setEditing] = useState(false);
  const allowed = can("contacts.read");
  const [{ data, fetching, error }] = useQuery({ query: ContactView, variables: { id }, pause: !allowed, requestPolicy: "cache-and-network" });
  const c = data?.contact;
  const name = c ? `${c.firstName} ${c.lastName}`.trim() || t("noName") : null;
  usePageTitle(name ? `${name} · ${t("title")}` : null);
  if (!allowed) return <NoAccess />;
  if (!data && fetching) return <Loading label={t("loading")} />;
  if (error && !data) return <Notice tone="error">{t("loadFailed")}</Notice>;
  const back = (
    <Link href="/contacts" className="text-sm text-brand-700 hover:underline">
      ← {t("back")}
    </Link>
  );
  if (!c) return <Notice tone="warning">{t("notFound")}</Notice>;
  const fields = Object.entries((c.fields ?? {}) as Record<string, string>);
  return (
    <>
      <div className="mb-2">{back}</div>
      <PageHeader
        title={
          <span data-testid="contact-name">
            {name}
            {c.vip && <span className="ml-3 rounded bg-amber-100 px-2 py-0.5 align-middle text-sm font-medium text-amber-800">{t("vip")}</span>}
          </span>
        }
        description={`${t("count", { count: c.caseCount })} · ${t("lastContact")}: ${dates.format(c.lastContactAt, "dateTimeMedium")}`}
        actions={
          can("contacts.manage") && (
            <Button onClick={() => setEditing(true)} data-testid="contact-edit">
              {t("edit")}
            </Button>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2.2fr)]">
        <div className="space-y-6">
          <Card title={t("details")}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              {c.company && <Row label={t("company")} value={c.company} />}
              {c.language && <Row label={t("language")} value={{ pl: "Polski", en: "English", ru: "Русский" }[c.language]} />}
              {fields.map(([k, v]) => (
                <Row key={k} label={k} value={v} />
              ))}
            </dl>
            {c.secretFieldsSet.includes("pin") && <p className="mt-2 text-xs text-slate-500">{t("pinOnFile")}</p>}
            {c.notes && <p className="mt-3 rounded bg-slate-50 p-2 text-sm whitespace-pre-wrap text-slate-700">{c.notes}</p>}
          </Card>
          <Card title={t("identities")}>
            {c.identities.length ? (
              <ul className="space-y-1 text-sm" data-testid="contact-identities">
                {c.identities.map((i) => (
                  <li key={i.id} className="break-all text-slate-800">
                    <span className="text-xs text-slate-500">{tk(i.kind)}</span> {i.value}
                    {i.label && <span className="text-xs text-slate-500"> · {i.label}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">{t("noIdentities")}</p>
            )}
          </Card>
        </div>
        <History history={c.history} />
      </div>
      {editing && <ContactDialog contact={c} onClose={() => setEditing(false)} />}
    </>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="contents">
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-words text-slate-900">{value}</dd>
    </div>
  );
}

type Entry = NonNullable<ResultOf<typeof ContactView>["contact"]>["history"][number];

function History({ history }: { history: Entry[] }) {
  const t = useTranslations("contacts");
  const tch = useTranslations("channel");
  const dates = useDates();
  return (
    <section aria-labelledby="contact-history">
      <h2 id="contact-history" className="text-base font-semibold text-slate-900">
        {t("history")}
      </h2>
      <p className="mb-3 text-xs text-slate-500">{t("historyHint")}</p>
      {history.length ? (
        <Table label={t("history")} head={[t("case"), t("channel"), t("queue"), t("status"), t("opened"), t("lastActivity")]}>
          {history.map((h) => (
            <tr key={h.caseId} data-testid="history-row" className="hover:bg-slate-50">
              <Td>
                <Link href={`/agent/cases/${h.caseId}`} className="font-medium text-brand-700 hover:underline">
                  #{h.number}
                </Link>{" "}
                <span className="text-slate-700">{h.subject || "—"}</span>
                {h.assigneeName && <p className="text-xs text-slate-500">{h.assigneeName}</p>}
              </Td>
              <Td className="whitespace-nowrap">
                {tch(h.channel)}
                {h.callback && <span className="ml-1 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">{t("callback")}</span>}
              </Td>
              <Td>{h.queueName ?? t("noQueue")}</Td>
              <Td className="whitespace-nowrap">
                <span className="mr-1.5 inline-block size-2 rounded-full" style={{ backgroundColor: h.statusColor }} aria-hidden />
                {h.statusName}
                {h.closedAt && <p className="text-xs text-slate-500">{`${t("closed")}: ${dates.format(h.closedAt, "dateMedium")}`}</p>}
              </Td>
              <Td className="whitespace-nowrap">{dates.format(h.createdAt, "dateTimeMedium")}</Td>
              <Td className="whitespace-nowrap">{dates.format(h.lastActivityAt, "dateTimeMedium")}</Td>
            </tr>
          ))}
        </Table>
      ) : (
        <Card>
          <Empty>{t("historyEmpty")}</Empty>
        </Card>
      )}
    </section>
  );
}
