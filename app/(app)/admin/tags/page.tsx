"use client";
// The organisation's tags: a name (with names in other languages) and a colour. Archived, never
// deleted: the cases that carry a tag keep it, agents can no longer add it.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Checkbox, Field, Input } from "../../../_components/field.tsx";
import { Td } from "../../../_components/table.tsx";
import { TagChip } from "../../../_components/tag-chip.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";
import { NameTranslationsFields, readNames } from "../name-translations.tsx";

// Refetch after any Tag change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["Tag"] };

const TagsQuery = graphql(`
  query AdminTags {
    tags(includeArchived: true) {
      id
      name
      defaultName
      translations
      color
      active
    }
  }
`);
const SaveTag = graphql(`
  mutation SaveTag($id: ID, $input: TagInput!) {
    saveTag(id: $id, input: $input) {
      id
    }
  }
`);
type Tag = ResultOf<typeof TagsQuery>["tags"][number];

export default function TagsPage() {
  const t = useTranslations("admin.tags");
  const can = useCan();
  const [{ data }] = useQuery({ query: TagsQuery, context: REFRESH_ON, pause: !can("cases.configure") });
  return (
    <AdminList
      namespace="tags"
      allowed={can("cases.configure")}
      items={data?.tags}
      head={[t("name"), t("state"), ""]}
      renderRow={(tag, edit) => (
        <tr key={tag.id} className={tag.active ? undefined : "text-slate-400"}>
          <Td>
            <TagChip tag={tag} />
          </Td>
          <Td>{tag.active ? t("active") : t("archived")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(tag, close) => <TagDialog tag={tag} onClose={close} />}
    />
  );
}

function TagDialog({ tag, onClose }: { tag: Tag | null; onClose: () => void }) {
  const t = useTranslations("admin.tags");
  const errors = useErrorText();
  const [form, setForm] = useState({
    name: tag?.defaultName ?? "",
    translations: readNames(tag?.translations),
    color: tag?.color ?? "#2563eb",
    active: tag?.active ?? true,
  });
  const [, save] = useMutation(SaveTag);
  const outcome = useEditOutcome(onClose);
  return (
    <EditDialog
      formId="tag-form"
      onClose={onClose}
      outcome={outcome}
      title={tag ? t("editTitle", { name: tag.name }) : t("new")}
      onSave={() => outcome.save(() => save({ id: tag?.id ?? null, input: form }))}
    >
      <Field label={t("name")} htmlFor="tag-name" error={errors.field(outcome.issues.name, "name")}>
        <Input id="tag-name" value={form.name} maxLength={40} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </Field>
      <NameTranslationsFields idPrefix="tag" value={form.translations} onChange={(translations) => setForm({ ...form, translations })} />
      <Field label={t("color")} htmlFor="tag-color">
        <div className="flex items-center gap-2">
          <input
            type="color"
            value={form.color}
            onChange={(e) => setForm({ ...form, color: e.target.value })}
            className="h-9 w-12 rounded"
            aria-label={t("color")}
          />
          <Input id="tag-color" value={form.color} onChange={(e) => setForm({ ...form, color: e.target.value })} className="font-mono" />
          <TagChip tag={{ name: form.name || "…", color: /^#[0-9a-f]{6}$/i.test(form.color) ? form.color : "#64748b" }} />
        </div>
      </Field>
      <Checkbox label={t("activeLabel")} checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
    </EditDialog>
  );
}
