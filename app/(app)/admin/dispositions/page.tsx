"use client";
// Dispositions: how calls end ("Sale", "Call back"), chosen by agents in wrap-up. Managed with the
// queues (each queue says how long wrap-up lasts and whether a disposition is required).
import { useTranslations } from "next-intl";
import { useMutation, useQuery } from "urql";
import { apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { CodeList } from "../code-list.tsx";
import { KindChip } from "./kind-chip.tsx";

const REFRESH_ON = { additionalTypenames: ["DispositionCode"] };

const CodesQuery = graphql(`
  query AdminDispositionCodes {
    dispositionCodes(includeArchived: true) {
      id
      name
      defaultName
      translations
      sortOrder
      active
      kind
    }
  }
`);
const SaveCode = graphql(`
  mutation SaveDispositionCode($id: ID, $input: DispositionCodeInput!) {
    saveDispositionCode(id: $id, input: $input) {
      id
      name
      defaultName
      translations
      sortOrder
      active
      kind
    }
  }
`);

const KINDS = ["REACHED", "RETRY", "FAILED"] as const;
type Kind = (typeof KINDS)[number];

export default function DispositionsPage() {
  const can = useCan();
  const [{ data }] = useQuery({ query: CodesQuery, context: REFRESH_ON, pause: !can("queues.manage") });
  const [, save] = useMutation(SaveCode);
  const t = useTranslations("admin.dispositions");
  return (
    <CodeList
      namespace="dispositions"
      allowed={can("queues.manage")}
      items={data?.dispositionCodes}
      choice={{
        field: "kind",
        head: t("kind"),
        cell: (c) => <KindChip kind={c.kind} />,
        options: [{ value: "", label: t("kinds.none") }, ...KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))],
        value: (c) => c?.kind ?? "",
      }}
      save={async (id, { name, translations, sortOrder, active, choice }) =>
        apiError((await save({ id, input: { name, translations, sortOrder, active, kind: (choice || null) as Kind | null } })).error)
      }
    />
  );
}
