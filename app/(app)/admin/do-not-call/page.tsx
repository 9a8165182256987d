"use client";
// The organisation's do-not-call list: numbers no campaign dials; and beside it, the numbers that
// may not be texted (those that sent STOP, with the case it is on, and those added by a user).
// Added many at once (pasted, or a text/CSV file's lines), removed one by one; every change is
// audited.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Field, Input, Textarea } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { Tabs } from "../../../_components/tabs.tsx";
import { apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { NoAccess } from "../../no-access.tsx";

const DncQuery = graphql(`
  query DoNotCall($search: String) {
    doNotCallNumbers(search: $search, limit: 200) {
      total
      items {
        id
        number
        note
      }
    }
  }
`);
const Add = graphql(`
  mutation AddDoNotCall($numbers: [String!]!, $note: String, $country: String) {
    addDoNotCallNumbers(numbers: $numbers, note: $note, country: $country) {
      added
      alreadyListed
      invalidCount
    }
  }
`);
const Remove = graphql(`
  mutation RemoveDoNotCall($id: ID!) {
    removeDoNotCallNumber(id: $id)
  }
`);
const OptOutsQuery = graphql(`
  query SmsOptOuts($search: String) {
    smsOptOuts(search: $search, limit: 200) {
      total
      items {
        id
        number
        keyword
        note
        addedBy
        caseId
        createdAt
      }
    }
  }
`);
const AddOptOuts = graphql(`
  mutation AddSmsOptOuts($numbers: [String!]!, $note: String, $country: String) {
    addSmsOptOuts(numbers: $numbers, note: $note, country: $country) {
      added
      alreadyListed
      invalidCount
    }
  }
`);
const RemoveOptOut = graphql(`
  mutation RemoveSmsOptOut($id: ID!) {
    removeSmsOptOut(id: $id)
  }
`);

const TABS = ["calls", "sms"] as const;
type Tab = (typeof TABS)[number];

export default function DoNotCallPage() {
  const t = useTranslations("admin.doNotCall");
  const allowed = useCan()("campaigns.manage");
  const [tab, setTab] = useState<Tab>("calls");
  if (!allowed) return <NoAccess />;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} />
      <Tabs tabs={TABS} value={tab} onChange={setTab} label={(k) => t(`tabs.${k}`)} />
      {tab === "calls" ? <CallsList /> : <SmsOptOutList />}
    </div>
  );
}

function CallsList() {
  const t = useTranslations("admin.doNotCall");
  const [search, setSearch] = useState("");
  const [{ data }, refetch] = useQuery({ query: DncQuery, variables: { search: search || null } });
  const [adding, add] = useMutation(Add);
  const [, remove] = useMutation(Remove);
  const refresh = () => refetch({ requestPolicy: "network-only" });
  return (
    <>
      <AddNumbers
        idPrefix="dnc"
        busy={adding.fetching}
        error={adding.error}
        onAdd={async (numbers, note) => (await add({ numbers: [numbers], note, country: "PL" })).data?.addDoNotCallNumbers}
        onAdded={refresh}
      />
      <Input aria-label={t("search")} placeholder={t("search")} value={search} onChange={(e) => setSearch(e.target.value)} className="max-w-xs" />
      <Table label={t("title")} head={[t("number"), t("note"), ""]}>
        {(data?.doNotCallNumbers.items ?? []).map((d) => (
          <tr key={d.id} data-testid={`dnc-${d.number}`}>
            <Td className="font-mono tabular-nums">{d.number}</Td>
            <Td>{d.note || "—"}</Td>
            <Td className="text-right">
              <Button size="sm" variant="ghost" onClick={async () => (await remove({ id: d.id }), refresh())}>
                {t("remove")}
              </Button>
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function SmsOptOutList() {
  const t = useTranslations("admin.doNotCall");
  const f = useFormatter();
  const [search, setSearch] = useState("");
  const [{ data }, refetch] = useQuery({ query: OptOutsQuery, variables: { search: search || null } });
  const [adding, add] = useMutation(AddOptOuts);
  const [removing, remove] = useMutation(RemoveOptOut);
  const errors = useErrorText();
  const refresh = () => refetch({ requestPolicy: "network-only" });
  const removeError = apiError(removing.error);
  return (
    <>
      <p className="text-sm text-slate-600">{t("sms.description")}</p>
      <AddNumbers
        idPrefix="sms-opt-out"
        busy={adding.fetching}
        error={adding.error}
        onAdd={async (numbers, note) => (await add({ numbers: [numbers], note, country: "PL" })).data?.addSmsOptOuts}
        onAdded={refresh}
      />
      {removeError && <Notice tone="error">{errors.message(removeError)}</Notice>}
      <Input aria-label={t("search")} placeholder={t("search")} value={search} onChange={(e) => setSearch(e.target.value)} className="max-w-xs" />
      <Table label={t("tabs.sms")} head={[t("number"), t("sms.how"), t("sms.when"), ""]}>
        {(data?.smsOptOuts.items ?? []).map((o) => (
          <tr key={o.id} data-testid={`sms-opt-out-${o.number}`}>
            <Td className="font-mono tabular-nums">{o.number}</Td>
            <Td>
              {o.keyword ? (
                <>
                  {t("sms.texted", { keyword: o.keyword })}
                  {o.caseId && (
                    <Link href={`/agent/cases/${o.caseId}`} className="ml-2 text-brand-700 underline">
                      {t("sms.case")}
                    </Link>
                  )}
                </>
              ) : (
                <>
                  {t("sms.addedBy", { name: o.addedBy ?? "—" })}
                  {o.note && <span className="block text-xs text-slate-500">{o.note}</span>}
                </>
              )}
            </Td>
            <Td className="tabular-nums">{f.dateTime(new Date(o.createdAt as string), { dateStyle: "medium", timeStyle: "short" })}</Td>
            <Td className="text-right">
              <Button
                size="sm"
                variant="ghost"
                onClick={async () => {
                  if (!window.confirm(t("sms.confirmRemove", { number: o.number }))) return;
                  await remove({ id: o.id });
                  refresh();
                }}
              >
                {t("sms.remove")}
              </Button>
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}

type Added = { added: number; alreadyListed: number; invalidCount: number };

/** Many numbers at once, pasted or read from a file, with a note. */
function AddNumbers({
  idPrefix,
  busy,
  error: failure,
  onAdd,
  onAdded,
}: {
  idPrefix: string;
  busy: boolean;
  error: Parameters<typeof apiError>[0];
  onAdd: (numbers: string, note: string) => Promise<Added | undefined>;
  onAdded: () => void;
}) {
  const t = useTranslations("admin.doNotCall");
  const errors = useErrorText();
  const [numbers, setNumbers] = useState("");
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<string | null>(null);
  const error = apiError(failure);
  return (
    <>
      <section className="grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2">
        <Field label={t("numbers")} htmlFor={`${idPrefix}-numbers`} hint={t("numbersHint")}>
          <Textarea id={`${idPrefix}-numbers`} rows={4} value={numbers} onChange={(e) => setNumbers(e.target.value)} />
        </Field>
        <div className="space-y-3">
          <Field label={t("file")} htmlFor={`${idPrefix}-file`}>
            <input
              id={`${idPrefix}-file`}
              type="file"
              accept=".csv,.txt"
              className="block text-sm"
              onChange={async (e) => setNumbers((await e.target.files?.[0]?.text()) ?? numbers)}
            />
          </Field>
          <Field label={t("note")} htmlFor={`${idPrefix}-note`}>
            <Input id={`${idPrefix}-note`} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <Button
            variant="primary"
            busy={busy}
            disabled={!numbers.trim()}
            onClick={async () => {
              const r = await onAdd(numbers, note);
              if (r) {
                setOutcome(t("added", r));
                setNumbers("");
                onAdded();
              }
            }}
          >
            {t("add")}
          </Button>
        </div>
      </section>
      {error && <Notice tone="error">{errors.message(error)}</Notice>}
      {outcome && <Notice tone="success">{outcome}</Notice>}
    </>
  );
}
