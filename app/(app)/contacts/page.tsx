"use client";
// The contacts directory: everyone the organisation has heard from, last contact first, searched
// by name, company, e-mail or phone (however the number is typed). Pages come by cursor: "Show
// more" adds the next page under the ones shown.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { useQuery } from "urql";
import { Button } from "../../_components/button.tsx";
import { Field, Input } from "../../_components/field.tsx";
import { Notice } from "../../_components/notice.tsx";
import { Card, Empty, Loading, PageHeader } from "../../_components/page.tsx";
import { Table, Td } from "../../_components/table.tsx";
import { graphql } from "../../_client/graphql.ts";
import { useCan } from "../../_client/me.tsx";
import { useDates } from "../../_client/use-dates.ts";
import { NoAccess } from "../no-access.tsx";

const Directory = graphql(`
  query ContactDirectory($search: String, $after: String) {
    contactDirectory(search: $search, after: $after, first: 50) {
      nextCursor
      contacts {
        id
        firstName
        lastName
        company
        vip
        lastContactAt
        caseCount
        identities {
          id
          kind
          value
        }
      }
    }
  }
`);

const SEARCH_DELAY_MS = 250;

export default function ContactsPage() {
  const t = useTranslations("contacts");
  const can = useCan();
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  // Each "Show more" adds a cursor; a new search starts again from the first page.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(typed.trim());
      setCursors([null]);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  if (!can("contacts.read")) return <NoAccess />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <Field label={t("search")} htmlFor="contact-search" hint={t("searchHint")}>
          <Input
            id="contact-search"
            type="search"
            value={typed}
            maxLength={100}
            placeholder={t("searchPlaceholder")}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="contact-search"
          />
        </Field>
      </Card>
      <Table label={t("title")} head={[t("name"), t("identities"), t("cases"), t("lastContact")]}>
        {cursors.map((after, n) => (
          <DirectoryRows key={`${search}|${after}`} search={search} after={after} last={n === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
        ))}
      </Table>
    </>
  );
}

function DirectoryRows({ search, after, last, onMore }: { search: string; after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const t = useTranslations("contacts");
  const tk = useTranslations("case.contact.kind");
  const dates = useDates();
  const [{ data, fetching, error }] = useQuery({ query: Directory, variables: { search: search || null, after }, requestPolicy: "cache-and-network" });
  const page = data?.contactDirectory;
  const status = (content: ReactNode) => (
    <tr>
      <td colSpan={4} className="px-4">
        {content}
      </td>
    </tr>
  );
  if (!page) return status(fetching ? <Loading label={t("loading")} /> : error ? <Notice tone="error">{t("loadFailed")}</Notice> : null);
  if (!after && !page.contacts.length) return status(<Empty>{search ? t("noMatch", { search }) : t("empty")}</Empty>);
  return (
    <>
      {page.contacts.map((c) => (
        <tr key={c.id} data-testid="contact-row" className="hover:bg-slate-50">
          <Td>
            <Link href={`/contacts/${c.id}`} className="font-medium text-brand-700 hover:underline">
              {`${c.firstName} ${c.lastName}`.trim() || t("noName")}
            </Link>
            {c.vip && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">{t("vip")}</span>}
            {c.company && <p className="text-xs text-slate-500">{c.company}</p>}
          </Td>
          <Td className="text-slate-700">
            {c.identities.slice(0, 3).map((i) => (
              <p key={i.id} className="truncate">
                <span className="text-xs text-slate-500">{tk(i.kind)}</span> {i.value}
              </p>
            ))}
            {c.identities.length > 3 && <p className="text-xs text-slate-500">+{c.identities.length - 3}</p>}
          </Td>
          <Td className="text-slate-700 tabular-nums">{c.caseCount}</Td>
          <Td className="whitespace-nowrap text-slate-700">{dates.format(c.lastContactAt, "dateTimeMedium")}</Td>
        </tr>
      ))}
      {last &&
        page.nextCursor &&
        status(
          <div className="py-2 text-center">
            <Button size="sm" onClick={() => onMore(page.nextCursor!)}>
              {t("more")}
            </Button>
          </div>,
        )}
    </>
  );
}
