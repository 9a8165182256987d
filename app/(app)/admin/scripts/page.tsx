"use client";
// Campaigns → Scripts: the organisation's call scripts, and a new one.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Field, Input } from "../../../_components/field.tsx";
import { Card, Empty, Loading, PageHeader } from "../../../_components/page.tsx";
import { Td } from "../../../_components/table.tsx";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useDates } from "../../../_client/use-dates.ts";

const REFRESH_ON = { additionalTypenames: ["CallScript"] };

const ScriptsQuery = graphql(`
  query AdminCallScripts {
    callScripts {
      id
      name
      description
      updatedAt
      versions {
        id
        number
        status
        publishedAt
      }
    }
  }
`);
const CreateScript = graphql(`
  mutation CreateCallScript($input: CallScriptInput!) {
    createCallScript(input: $input) {
      id
    }
  }
`);

export default function ScriptsPage() {
  const t = useTranslations("scripts.admin");
  const can = useCan();
  const router = useRouter();
  const dates = useDates();
  const [{ data }] = useQuery({ query: ScriptsQuery, context: REFRESH_ON, pause: !can("scripts.manage") });
  const [name, setName] = useState("");
  const [created, create] = useMutation(CreateScript);
  if (!data) return <Loading label={t("title")} />;
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} />
      <Card title={t("new")}>
        <form
          className="flex items-end gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await create({ input: { name } }, REFRESH_ON);
            if (r.data) router.push(`/admin/scripts/${r.data.createCallScript.id}`);
          }}
        >
          <Field label={t("name")} htmlFor="script-name">
            <Input id="script-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Button type="submit" variant="primary" busy={created.fetching} disabled={!name.trim()}>
            {t("create")}
          </Button>
        </form>
      </Card>
      {data.callScripts.length === 0 ? (
        <Empty>{t("none")}</Empty>
      ) : (
        <table className="w-full rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200">
          <tbody>
            {data.callScripts.map((s) => {
              const published = s.versions.find((v) => v.status === "PUBLISHED");
              return (
                <tr key={s.id} className="border-b border-slate-100">
                  <Td className="font-medium">
                    <Link href={`/admin/scripts/${s.id}`} className="text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                  </Td>
                  <Td className="text-slate-600">{published ? `${t("version", { number: published.number })} · ${t("published")} ${dates.format(published.publishedAt!, "dateTime")}` : t("notPublished")}</Td>
                  <Td className="text-slate-600">{s.versions[0]?.status === "DRAFT" ? t("draft") : ""}</Td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
