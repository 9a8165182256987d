"use client";
// Lists of named codes people choose from (pause reasons, dispositions): name, order, in use or
// archived, and the dialog that edits them — with room for a code kind's own columns and fields.
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "../../_components/button.tsx";
import { Dialog } from "../../_components/dialog.tsx";
import { Checkbox, Field, Input, Select } from "../../_components/field.tsx";
import { Notice } from "../../_components/notice.tsx";
import { Td } from "../../_components/table.tsx";
import { type ApiError, fieldIssues } from "../../_client/errors.ts";
import { useErrorText } from "../../_client/use-error-text.ts";
import { AdminList } from "./admin-list.tsx";
import { type NameTranslations, NameTranslationsFields, readNames } from "./name-translations.tsx";

export interface Code {
  id: string;
  /** In the viewer's language. */
  name: string;
  /** As entered, with its names in other languages (what the dialog edits). */
  defaultName: string;
  translations: unknown;
  sortOrder: number;
  active: boolean;
}
export type CodeInput = { name: string; translations: NameTranslations; sortOrder: number; active: boolean };

/** A code kind's own number field (e.g. a pause reason's limit): its column and its input; saved
 * as `extra`, its errors read from `field`. */
export interface ExtraNumber<T> {
  field: string;
  head: string;
  cell: (code: T) => ReactNode;
  hint: string;
  min: number;
  max: number;
  value: (code: T | null) => number | null;
}

/** A code kind's own choice (e.g. a result code's kind): its column and its select; saved as `choice`. */
export interface ExtraChoice<T> {
  field: string;
  head: string;
  cell: (code: T) => ReactNode;
  options: { value: string; label: string }[];
  value: (code: T | null) => string;
}

/** Messages under admin.<namespace>: title, description, new, loading, empty, name, order, status,
 * active, archived, edit, editTitle, activeLabel. */
export function CodeList<T extends Code>({
  namespace,
  allowed,
  items,
  extra,
  choice,
  save,
}: {
  namespace: string;
  allowed: boolean;
  items: T[] | undefined;
  extra?: ExtraNumber<T>;
  choice?: ExtraChoice<T>;
  save: (id: string | null, input: CodeInput & { extra?: number | null; choice?: string }) => Promise<ApiError | null>;
}) {
  const t = useTranslations(`admin.${namespace}`);
  return (
    <AdminList
      namespace={namespace}
      allowed={allowed}
      items={items}
      head={[t("name"), ...(extra ? [extra.head] : []), ...(choice ? [choice.head] : []), t("order"), t("status"), ""]}
      renderRow={(c, edit) => (
        <tr key={c.id} className={c.active ? undefined : "text-slate-400"}>
          <Td className="font-medium">{c.name}</Td>
          {extra && <Td className="tabular-nums">{extra.cell(c)}</Td>}
          {choice && <Td>{choice.cell(c)}</Td>}
          <Td className="tabular-nums">{c.sortOrder}</Td>
          <Td>{c.active ? t("active") : t("archived")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(code, close) => <CodeDialog namespace={namespace} code={code} extra={extra} choice={choice} save={save} onClose={close} />}
    />
  );
}

function CodeDialog<T extends Code>({
  namespace,
  code,
  extra,
  choice,
  save,
  onClose,
}: {
  namespace: string;
  code: T | null;
  extra?: ExtraNumber<T>;
  choice?: ExtraChoice<T>;
  save: (id: string | null, input: CodeInput & { extra?: number | null; choice?: string }) => Promise<ApiError | null>;
  onClose: () => void;
}) {
  const t = useTranslations(`admin.${namespace}`);
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState(code?.defaultName ?? "");
  const [translations, setTranslations] = useState(readNames(code?.translations));
  const [order, setOrder] = useState(String(code?.sortOrder ?? 0));
  const [active, setActive] = useState(code?.active ?? true);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [number, setNumber] = useState(String(extra?.value(code) ?? ""));
  const [chosen, setChosen] = useState(choice?.value(code) ?? "");
  const issues = fieldIssues(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    const own = { ...(extra ? { extra: number ? Number.parseInt(number, 10) : null } : {}), ...(choice ? { choice: chosen } : {}) };
    const err = await save(code?.id ?? null, { name, translations, sortOrder: Number.parseInt(order, 10) || 0, active, ...own });
    setSaving(false);
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
          <Button variant="primary" type="submit" form="code-form" busy={saving}>
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
        <NameTranslationsFields idPrefix="code" value={translations} onChange={setTranslations} />
        {extra && (
          <Field label={extra.head} htmlFor="code-extra" error={errors.field(issues[extra.field], extra.field)} hint={extra.hint}>
            <Input id="code-extra" type="number" min={extra.min} max={extra.max} value={number} onChange={(e) => setNumber(e.target.value)} />
          </Field>
        )}
        {choice && (
          <Field label={choice.head} htmlFor="code-choice" error={errors.field(issues[choice.field], choice.field)}>
            <Select id="code-choice" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {choice.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t("order")} htmlFor="code-order" error={errors.field(issues.sortOrder, "sortOrder")}>
          <Input id="code-order" type="number" min={0} value={order} onChange={(e) => setOrder(e.target.value)} />
        </Field>
        <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
      </form>
    </Dialog>
  );
}
