"use client";
// The case's tags in its header: chips, with × and "Add a tag" for those who work the case (a lead
// who only watches sees them, nothing more). Changes go on the timeline and refresh other inboxes.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { TagChip } from "../../../../_components/tag-chip.tsx";
import { type CaseData, CaseChanges } from "./case-query.ts";

export const TagChoices = graphql(`
  query TagChoices {
    tags {
      id
      name
      color
      active
    }
  }
`);
const SetCaseTags = graphql(
  `
    mutation SetCaseTags($caseId: ID!, $add: [ID!], $remove: [ID!]) {
      setCaseTags(caseId: $caseId, add: $add, remove: $remove) {
        id
        ...CaseChanges
      }
    }
  `,
  [CaseChanges],
);

export function CaseTags({ kase }: { kase: CaseData }) {
  const t = useTranslations("case");
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: TagChoices, pause: !kase.canWrite });
  const [, setTags] = useMutation(SetCaseTags);
  const [error, setError] = useState<string | null>(null);
  const on = new Set(kase.tags.map((x) => x.id));
  const offered = (data?.tags ?? []).filter((x) => !on.has(x.id));

  async function change(add: string[], remove: string[]) {
    setError(null);
    const e = apiError((await setTags({ caseId: kase.id, add, remove })).error);
    if (e) setError(errors.message(e));
  }

  return (
    <div className="flex flex-wrap items-center gap-1.5 text-sm" role="group" aria-label={t("tags")} data-testid="case-tags">
      <span className="text-slate-500">{t("tags")}</span>
      {kase.tags.map((tag) => (
        <TagChip
          key={tag.id}
          tag={tag}
          onRemove={kase.canWrite ? () => void change([], [tag.id]) : undefined}
          removeLabel={t("removeTag", { name: tag.name })}
        />
      ))}
      {!kase.tags.length && !kase.canWrite && <span className="text-slate-400">{t("noTags")}</span>}
      {kase.canWrite && offered.length > 0 && (
        <select
          aria-label={t("addTag")}
          value=""
          onChange={(e) => e.target.value && void change([e.target.value], [])}
          className="rounded-full border-0 py-0.5 pr-7 pl-2 text-xs text-slate-600 ring-1 ring-slate-300 ring-inset"
          data-testid="add-tag"
        >
          <option value="">+ {t("addTag")}</option>
          {offered.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      )}
      {error && (
        <span className="text-xs text-red-600" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
