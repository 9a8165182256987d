"use client";
// Pause reasons agents choose when they pause; past a reason's limit the board flags the agent.
import { useTranslations } from "next-intl";
import { useMutation, useQuery } from "urql";
import { apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { CodeList } from "../code-list.tsx";

// Refetch after any PauseCode change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["PauseCode"] };

const CodesQuery = graphql(`
  query AdminPauseCodes {
    pauseCodes(includeArchived: true) {
      id
      name
      defaultName
      translations
      maxDurationMinutes
      sortOrder
      active
    }
  }
`);
const SaveCode = graphql(`
  mutation SavePauseCode($id: ID, $input: PauseCodeInput!) {
    savePauseCode(id: $id, input: $input) {
      id
      name
      defaultName
      translations
      maxDurationMinutes
      sortOrder
      active
    }
  }
`);

export default function PauseCodesPage() {
  const t = useTranslations("admin.pauseCodes");
  const can = useCan();
  const [{ data }] = useQuery({ query: CodesQuery, context: REFRESH_ON, pause: !can("pause_codes.manage") });
  const [, save] = useMutation(SaveCode);
  return (
    <CodeList
      namespace="pauseCodes"
      allowed={can("pause_codes.manage")}
      items={data?.pauseCodes}
      extra={{
        field: "maxDurationMinutes",
        head: t("maxDuration"),
        cell: (c) => (c.maxDurationMinutes ? t("minutes", { count: c.maxDurationMinutes }) : "—"),
        hint: t("maxDurationHint"),
        min: 1,
        max: 1440,
        value: (c) => c?.maxDurationMinutes ?? null,
      }}
      save={async (id, input) =>
        apiError(
          (
            await save({
              id,
              input: { name: input.name, translations: input.translations, sortOrder: input.sortOrder, active: input.active, maxDurationMinutes: input.extra ?? null },
            })
          ).error,
        )
      }
    />
  );
}
