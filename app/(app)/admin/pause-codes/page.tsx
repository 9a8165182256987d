"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Checkbox, Field, Input } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";

// Refetch after any PauseCode change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["PauseCode"] };

const CodesQuery = graphql(`
  query AdminPauseCodes {
    pauseCodes(includeArchived: true) {
      id
      name
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
      maxDurationMinutes
      sortOrder
      active
    }
  }
`);
type Code = ResultOf<typeof CodesQuery>["pauseCodes"][number];

export default function PauseCodesPage() {
  const t = useTranslations("admin.pauseCodes");
  const can = useCan();
  const [{ data }] = useQuery({ query: CodesQuery, context: REFRESH_ON, pause: !can("pause_codes.manage") });
  return (
    <AdminList
      namespace="pauseCodes"
      allowed={can("pause_codes.manage")}
      items={data?.pauseCodes}
      head={[t("name"), t("maxDuration"), t("order"), t("status"), ""]}
      renderRow={(c, edit) => (
        <tr key={c.id} className={c.active ? undefined : "text-slate-400"}>
          <Td className="font-medium">{c.name}</Td>
          <Td className="tabular-nums">{c.maxDurationMinutes ? t("minutes", { count: c.maxDurationMinutes }) : "—"}</Td>
          <Td className="tabular-nums">{c.sortOrder}</Td>
          <Td>{c.active ? t("active") : t("archived")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(code, close) => <CodeDialog code={code} onClose={close} />}
    />
  );
}

function CodeDialog({ code, onClose }: { code: Code | null; onClose: () => void }) {
  const t = useTranslations("admin.pauseCodes");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState(code?.name ?? "");
  const [max, setMax] = useState(code?.maxDurationMinutes ? String(code.maxDurationMinutes) : "");
  const [order, setOrder] = useState(String(code?.sortOrder ?? 0));
  const [active, setActive] = useState(code?.active ?? true);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, save] = useMutation(SaveCode);
  const issues = fieldIssues(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { name, maxDurationMinutes: max ? Number.parseInt(max, 10) : null, sortOrder: Number.parseInt(order, 10) || 0, active };
    const err = apiError((await save({ id: code?.id ?? null, input })).error);
    setError(err);
    if (!err) onClose();
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={code ? t("editTitle", { name: code.name }) : t("new")}
      footer={
        <>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="code-form" busy={saving.fetching}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <form id="code-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{errors.message(error)}</Notice>}
        <Field label={t("name")} htmlFor="code-name" error={errors.field(issues.name, "name")}>
          <Input id="code-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
        </Field>
        <Field label={t("maxDuration")} htmlFor="code-max" error={errors.field(issues.maxDurationMinutes, "maxDurationMinutes")} hint={t("maxDurationHint")}>
          <Input id="code-max" type="number" min={1} max={1440} value={max} onChange={(e) => setMax(e.target.value)} />
        </Field>
        <Field label={t("order")} htmlFor="code-order" error={errors.field(issues.sortOrder, "sortOrder")}>
          <Input id="code-order" type="number" min={0} value={order} onChange={(e) => setOrder(e.target.value)} />
        </Field>
        <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
      </form>
    </Dialog>
  );
}
