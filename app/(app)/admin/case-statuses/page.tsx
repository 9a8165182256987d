"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Checkbox, Field, Input, Select } from "../../../_components/field.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";
import { NameTranslationsFields, readNames } from "../name-translations.tsx";

// Refetch after any CaseStatus change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["CaseStatus"] };

const StatusesQuery = graphql(`
  query CaseStatuses {
    processes {
      id
      name
      isDefault
      statuses {
        id
        name
        defaultName
        translations
        color
        category
        sortOrder
        active
      }
    }
  }
`);
const SaveStatus = graphql(`
  mutation SaveCaseStatus($id: ID, $input: CaseStatusInput!) {
    saveCaseStatus(id: $id, input: $input) {
      id
    }
  }
`);
type Status = ResultOf<typeof StatusesQuery>["processes"][number]["statuses"][number];
const CATEGORIES = ["NEW", "OPEN", "PENDING", "RESOLVED", "CLOSED"] as const;

export default function CaseStatusesPage() {
  const t = useTranslations("admin.caseStatuses");
  const can = useCan();
  const [{ data }] = useQuery({ query: StatusesQuery, context: REFRESH_ON, pause: !can("cases.configure") });
  const process = data?.processes.find((p) => p.isDefault) ?? data?.processes[0];
  return (
    <AdminList
      namespace="caseStatuses"
      allowed={can("cases.configure")}
      items={process?.statuses}
      head={[t("name"), t("category"), t("order"), t("state"), ""]}
      renderRow={(s, edit) => (
        <tr key={s.id} className={s.active ? undefined : "text-slate-400"}>
          <Td>
            <span className="rounded-full px-2.5 py-0.5 text-xs font-medium text-white" style={{ background: s.color }}>
              {s.name}
            </span>
          </Td>
          <Td>{t(`categories.${s.category}`)}</Td>
          <Td className="tabular-nums">{s.sortOrder}</Td>
          <Td>{s.active ? t("active") : t("inactive")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(status, close) => process && <StatusDialog status={status} processId={process.id} onClose={close} />}
    />
  );
}

function StatusDialog({ status, processId, onClose }: { status: Status | null; processId: string; onClose: () => void }) {
  const t = useTranslations("admin.caseStatuses");
  const errors = useErrorText();
  const [form, setForm] = useState({
    name: status?.defaultName ?? "",
    translations: readNames(status?.translations),
    color: status?.color ?? "#2563eb",
    category: (status?.category ?? "OPEN") as (typeof CATEGORIES)[number],
    sortOrder: String(status?.sortOrder ?? 10),
    active: status?.active ?? true,
  });
  const [, save] = useMutation(SaveStatus);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  return (
    <EditDialog
      formId="status-form"
      onClose={onClose}
      outcome={outcome}
      title={status ? t("editTitle", { name: status.name }) : t("new")}
      onSave={() => outcome.save(() => save({ id: status?.id ?? null, input: { ...form, processId, sortOrder: Number.parseInt(form.sortOrder, 10) || 0 } }))}
    >
      <Field label={t("name")} htmlFor="st-name" error={errors.field(issues.name, "name")}>
        <Input id="st-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </Field>
      <NameTranslationsFields idPrefix="st" value={form.translations} onChange={(translations) => setForm({ ...form, translations })} />
      <Field label={t("color")} htmlFor="st-color">
        <div className="flex gap-2">
          <input
            type="color"
            value={form.color}
            onChange={(e) => setForm({ ...form, color: e.target.value })}
            className="h-9 w-12 rounded"
            aria-label={t("color")}
          />
          <Input id="st-color" value={form.color} onChange={(e) => setForm({ ...form, color: e.target.value })} className="font-mono" />
        </div>
      </Field>
      <Field label={t("category")} htmlFor="st-cat" hint={t("categoryHint")}>
        <Select id="st-cat" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value as (typeof CATEGORIES)[number] })}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("order")} htmlFor="st-order">
        <Input id="st-order" type="number" min={0} value={form.sortOrder} onChange={(e) => setForm({ ...form, sortOrder: e.target.value })} />
      </Field>
      <Checkbox label={t("activeLabel")} checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
    </EditDialog>
  );
}
