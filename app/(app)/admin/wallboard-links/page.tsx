"use client";
// Wall-board links for TVs: an administrator names one and gets its address once (the token is
// kept only as a hash), sees when a TV last opened it, and revokes it — its TVs say so at once.
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { type ApiError, apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useDates } from "../../../_client/use-dates.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { Button } from "../../../_components/button.tsx";
import { Field, Input } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Empty, PageHeader } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import { NoAccess } from "../../no-access.tsx";

const REFRESH_ON = { additionalTypenames: ["WallboardLink"] };
const LinksQuery = graphql(`
  query WallboardLinks {
    wallboardLinks {
      id
      name
      createdAt
      revokedAt
      lastSeenAt
    }
  }
`);
const CreateLink = graphql(`
  mutation CreateWallboardLink($name: String!) {
    createWallboardLink(name: $name) {
      token
      link {
        id
        name
        createdAt
        revokedAt
        lastSeenAt
      }
    }
  }
`);
const RevokeLink = graphql(`
  mutation RevokeWallboardLink($id: ID!) {
    revokeWallboardLink(id: $id) {
      id
      revokedAt
    }
  }
`);

export default function WallboardLinksPage() {
  const t = useTranslations("admin.wallboardLinks");
  const can = useCan();
  const errors = useErrorText();
  const dates = useDates();
  const [{ data }] = useQuery({ query: LinksQuery, context: REFRESH_ON, pause: !can("wallboard.manage") });
  const [creating, create] = useMutation(CreateLink);
  const [, revoke] = useMutation(RevokeLink);
  const [name, setName] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [made, setMade] = useState<{ name: string; url: string } | null>(null);
  if (!can("wallboard.manage")) return <NoAccess />;
  const issues = fieldIssues(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await create({ name });
    setError(apiError(r.error));
    const made = r.data?.createWallboardLink;
    if (made) {
      setMade({ name: made.link.name, url: `${window.location.origin}/tv#${made.token}` });
      setName("");
    }
  }

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form onSubmit={submit} className="mb-6 flex flex-wrap items-end gap-3" noValidate>
        <Field label={t("name")} htmlFor="link-name" error={errors.field(issues.name, "name")}>
          <Input
            id="link-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("namePlaceholder")}
            className="w-72"
            invalid={!!issues.name}
          />
        </Field>
        <Button variant="primary" type="submit" busy={creating.fetching}>
          {t("create")}
        </Button>
      </form>
      {error && !issues.name && <Notice tone="error">{errors.message(error)}</Notice>}
      {made && (
        <div className="mb-6">
          <Notice tone="success">
            <p>{t("created", { name: made.name })}</p>
            <p className="mt-2 break-all font-mono text-sm" data-testid="new-link">
              {made.url}
            </p>
            <p className="mt-2 text-xs">{t("onlyOnce")}</p>
          </Notice>
        </div>
      )}
      {data && !data.wallboardLinks.length ? (
        <Empty>{t("none")}</Empty>
      ) : (
        <Table label={t("title")} head={[t("name"), t("createdAt"), t("lastSeen"), t("status"), ""]}>
          {data?.wallboardLinks.map((l) => (
            <tr key={l.id} data-testid={`link-${l.name}`}>
              <Td className="font-medium">{l.name}</Td>
              <Td>{dates.format(l.createdAt, "dateTime")}</Td>
              <Td>{l.lastSeenAt ? dates.format(l.lastSeenAt, "dateTime") : "—"}</Td>
              <Td>{l.revokedAt ? t("revokedAt", { at: dates.format(l.revokedAt, "dateTime") }) : t("active")}</Td>
              <Td className="text-right">
                {!l.revokedAt && (
                  <Button variant="danger" size="sm" onClick={async () => setError(apiError((await revoke({ id: l.id })).error))}>
                    {t("revoke")}
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
