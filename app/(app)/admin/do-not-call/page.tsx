"use client";
// The organisation's do-not-call list: numbers no campaign dials. Added many at once (pasted, or
// a text/CSV file's lines), removed one by one; every change is audited.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Field, Input, Textarea } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
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

export default function DoNotCallPage() {
  const t = useTranslations("admin.doNotCall");
  const allowed = useCan()("campaigns.manage");
  const errors = useErrorText();
  const [search, setSearch] = useState("");
  const [{ data }, refetch] = useQuery({ query: DncQuery, variables: { search: search || null }, pause: !allowed });
  const [adding, add] = useMutation(Add);
  const [, remove] = useMutation(Remove);
  const [numbers, setNumbers] = useState("");
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<string | null>(null);
  if (!allowed) return <NoAccess />;
  const error = apiError(adding.error);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} />
      <section className="grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2">
        <Field label={t("numbers")} htmlFor="dnc-numbers" hint={t("numbersHint")}>
          <Textarea id="dnc-numbers" rows={4} value={numbers} onChange={(e) => setNumbers(e.target.value)} />
        </Field>
        <div className="space-y-3">
          <Field label={t("file")} htmlFor="dnc-file">
            <input id="dnc-file" type="file" accept=".csv,.txt" className="block text-sm" onChange={async (e) => setNumbers((await e.target.files?.[0]?.text()) ?? numbers)} />
          </Field>
          <Field label={t("note")} htmlFor="dnc-note">
            <Input id="dnc-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <Button
            variant="primary"
            busy={adding.fetching}
            disabled={!numbers.trim()}
            onClick={async () => {
              const r = await add({ numbers: [numbers], note, country: "PL" });
              if (r.data) {
                setOutcome(t("added", r.data.addDoNotCallNumbers));
                setNumbers("");
                refetch({ requestPolicy: "network-only" });
              }
            }}
          >
            {t("add")}
          </Button>
        </div>
      </section>
      {error && <Notice tone="error">{errors.message(error)}</Notice>}
      {outcome && <Notice tone="success">{outcome}</Notice>}
      <Input aria-label={t("search")} placeholder={t("search")} value={search} onChange={(e) => setSearch(e.target.value)} className="max-w-xs" />
      <Table label={t("title")} head={[t("number"), t("note"), ""]}>
        {(data?.doNotCallNumbers.items ?? []).map((d) => (
          <tr key={d.id} data-testid={`dnc-${d.number}`}>
            <Td className="font-mono tabular-nums">{d.number}</Td>
            <Td>{d.note || "—"}</Td>
            <Td className="text-right">
              <Button size="sm" variant="ghost" onClick={async () => (await remove({ id: d.id }), refetch({ requestPolicy: "network-only" }))}>
                {t("remove")}
              </Button>
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
