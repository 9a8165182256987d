"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Dialog } from "../../../../_components/dialog.tsx";
import { Checkbox, Field, Input, Select } from "../../../../_components/field.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { type ApiError, apiError } from "../../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";

const UpdateContact = graphql(`
  mutation UpdateContact($id: ID!, $input: ContactInput!) {
    updateContact(id: $id, input: $input) {
      id
    }
  }
`);

const SecretFields = graphql(`
  query SecretContactFields {
    secretContactFields
  }
`);

type Kind = "PHONE" | "EMAIL" | "EXTERNAL_ID";
/** What the editor needs of a contact: the case's customer panel and the contact page ask for it. */
export const ContactEditorFields = graphql(`
  fragment ContactEditorFields on Contact @_unmask {
    id
    firstName
    lastName
    company
    vip
    language
    notes
    fields
    secretFieldsSet
    identities {
      id
      kind
      value
      label
    }
  }
`);
export type EditableContact = ResultOf<typeof ContactEditorFields>;

export function ContactDialog({ contact, onClose }: { contact: EditableContact; onClose: () => void }) {
  const t = useTranslations("case.contact");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [form, setForm] = useState({
    firstName: contact.firstName,
    lastName: contact.lastName,
    company: contact.company,
    vip: contact.vip,
    notes: contact.notes,
    language: contact.language ?? "",
  });
  const [identities, setIdentities] = useState(contact.identities.map((i) => ({ kind: i.kind as Kind, value: i.value, label: i.label })));
  const [fields, setFields] = useState(Object.entries((contact.fields ?? {}) as Record<string, string>));
  // Secret fields (the PIN...) are write-only: the form only knows whether each is set.
  const [{ data: secretNames }] = useQuery({ query: SecretFields });
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [removed, setRemoved] = useState<string[]>([]);
  const [state, save] = useMutation(UpdateContact);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      ...form,
      language: (form.language || null) as "pl" | "en" | "ru" | null,
      identities: identities.filter((i) => i.value.trim()),
      fields: Object.fromEntries(fields.filter(([k]) => k.trim())),
      // Only what changed: a typed value replaces, "Remove" sends an empty one; the rest stays as stored.
      secrets: [
        ...Object.entries(secrets).filter(([, value]) => value.trim()),
        ...removed.filter((name) => !secrets[name]?.trim()).map((name) => [name, ""]),
      ].map(([name, value]) => ({ name, value })),
    };
    const err = apiError((await save({ id: contact.id, input })).error);
    setError(err);
    if (!err) onClose();
  }

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={t("editTitle")}
      footer={
        <>
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="contact-form" busy={state.fetching}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <form id="contact-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{errors.message(error)}</Notice>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("firstName")} htmlFor="c-first">
            <Input id="c-first" value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.target.value })} />
          </Field>
          <Field label={t("lastName")} htmlFor="c-last">
            <Input id="c-last" value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.target.value })} />
          </Field>
          <Field label={t("company")} htmlFor="c-company">
            <Input id="c-company" value={form.company} onChange={(e) => setForm({ ...form, company: e.target.value })} />
          </Field>
          <Field label={t("language")} htmlFor="c-lang">
            <Select id="c-lang" value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}>
              <option value="">—</option>
              <option value="pl">Polski</option>
              <option value="en">English</option>
              <option value="ru">Русский</option>
            </Select>
          </Field>
        </div>
        <Checkbox label={t("vip")} checked={form.vip} onChange={(e) => setForm({ ...form, vip: e.target.checked })} />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t("identities")}</legend>
          {identities.map((i, n) => (
            <div key={n} className="flex gap-2">
              <Select
                value={i.kind}
                onChange={(e) => setIdentities(identities.map((x, m) => (m === n ? { ...x, kind: e.target.value as Kind } : x)))}
                className="w-40"
                aria-label={t("kindLabel")}
              >
                {(["PHONE", "EMAIL", "EXTERNAL_ID"] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </Select>
              <Input
                value={i.value}
                onChange={(e) => setIdentities(identities.map((x, m) => (m === n ? { ...x, value: e.target.value } : x)))}
                aria-label={t("value")}
              />
              <Button size="sm" variant="ghost" onClick={() => setIdentities(identities.filter((_, m) => m !== n))}>
                ✕
              </Button>
            </div>
          ))}
          <Button size="sm" onClick={() => setIdentities([...identities, { kind: "PHONE", value: "", label: "" }])}>
            {t("addIdentity")}
          </Button>
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t("fields")}</legend>
          {fields.map(([k, v], n) => (
            <div key={n} className="flex gap-2">
              <Input
                value={k}
                onChange={(e) => setFields(fields.map((f, m) => (m === n ? [e.target.value, f[1]] : f)))}
                aria-label={t("fieldName")}
                className="w-48"
              />
              <Input value={v} onChange={(e) => setFields(fields.map((f, m) => (m === n ? [f[0], e.target.value] : f)))} aria-label={t("fieldValue")} />
              <Button size="sm" variant="ghost" onClick={() => setFields(fields.filter((_, m) => m !== n))}>
                ✕
              </Button>
            </div>
          ))}
          <Button size="sm" onClick={() => setFields([...fields, ["", ""]])}>
            {t("addField")}
          </Button>
        </fieldset>
        {!!secretNames?.secretContactFields.length && (
          <fieldset className="space-y-2" data-testid="contact-secrets">
            <legend className="text-sm font-medium text-slate-700">{t("secrets")}</legend>
            <p className="text-xs text-slate-500">{t("secretsHint")}</p>
            {secretNames.secretContactFields.map((name) => {
              const isSet = contact.secretFieldsSet.includes(name);
              const removing = removed.includes(name) && !secrets[name];
              return (
                <div key={name} className="flex items-center gap-2">
                  <label htmlFor={`c-secret-${name}`} className="w-48 text-sm text-slate-700">
                    {name}
                  </label>
                  <Input
                    id={`c-secret-${name}`}
                    type="password"
                    autoComplete="new-password"
                    value={secrets[name] ?? ""}
                    placeholder={removing ? t("secretRemoved") : isSet ? t("secretSet") : t("secretNotSet")}
                    onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
                  />
                  {isSet && (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => (setRemoved([...removed, name]), setSecrets({ ...secrets, [name]: "" }))}
                      disabled={removing}
                    >
                      {t("secretRemove")}
                    </Button>
                  )}
                </div>
              );
            })}
          </fieldset>
        )}
        <Field label={t("notes")} htmlFor="c-notes">
          <textarea
            id="c-notes"
            rows={3}
            value={form.notes}
            onChange={(e) => setForm({ ...form, notes: e.target.value })}
            className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300"
          />
        </Field>
      </form>
    </Dialog>
  );
}
