"use client";
// Importing a contact list: choose the file → map its columns (with the first rows shown) → the
// import's progress → its result, with the rejected rows to download.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { MAX_LIST_ROWS } from "../../../../domain/campaigns/contact-lists/limits.ts";
import { Button } from "../../../_components/button.tsx";
import { Field, Input, Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import type { ApiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { type Mapping, type Preview, previewFile, startImport } from "./list-files.ts";

const ListProgress = graphql(`
  query ContactListProgress($id: ID!) {
    contactList(id: $id) {
      id
      name
      status
      processedRows
      totalRows
      imported
      duplicates
      blocked
      doNotCall
      invalid
      failure
    }
  }
`);

const ROLES = ["phone", "name", "email", "externalId", "field", "skip"] as const;
type Role = (typeof ROLES)[number];

function guessRole(header: string): Role {
  const h = header.toLowerCase();
  if (/tel|phone|numer|номер|mobile|gsm/.test(h)) return "phone";
  if (/mail|почт/.test(h)) return "email";
  if (/^id$|external|zewn|идентиф/.test(h)) return "externalId";
  if (/name|imi|nazw|имя|фио/.test(h)) return "name";
  return "field";
}

function toMapping(roles: Role[]): Mapping | null {
  const at = (r: Role) => (roles.indexOf(r) === -1 ? null : roles.indexOf(r));
  const phone = at("phone");
  if (phone === null) return null;
  return { phone, name: at("name"), email: at("email"), externalId: at("externalId"), skip: roles.flatMap((r, i) => (r === "skip" ? [i] : [])) };
}

export function ImportWizard({ onDone }: { onDone: () => void }) {
  const t = useTranslations("admin.contactLists");
  const errors = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [o, setO] = useState({ encoding: "", delimiter: "", country: "PL", name: "" });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [listId, setListId] = useState<string | null>(null);

  async function load(f: File, opts = o) {
    setBusy(true);
    const r = await previewFile(f, opts);
    setBusy(false);
    setError(r.error);
    setPreview(r.data);
    if (r.data) {
      const guessed = r.data.header.map(guessRole);
      // One column is the number: the first that looks like one.
      setRoles(guessed.map((g, i) => (g === "phone" && guessed.indexOf("phone") !== i ? "field" : g)));
    }
  }

  async function start() {
    const mapping = toMapping(roles);
    if (!file || !mapping) return;
    setBusy(true);
    const r = await startImport(file, { ...o, mapping });
    setBusy(false);
    setError(r.error);
    if (r.data) setListId(r.data.id);
  }

  if (listId) return <Progress id={listId} onDone={onDone} />;
  const mapping = toMapping(roles);
  return (
    <section className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={t("importTitle")}>
      <h2 className="text-base font-semibold">{t("importTitle")}</h2>
      {error && <Notice tone="error">{errors.message(error)}</Notice>}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t("file")} htmlFor="list-file" hint={t("fileHint")}>
          <input
            id="list-file"
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="block w-full text-sm"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              if (f) {
                setO((v) => ({ ...v, name: v.name || f.name.replace(/\.[^.]+$/, "") }));
                void load(f);
              }
            }}
          />
        </Field>
        <Field label={t("encoding")} htmlFor="list-encoding">
          <Select id="list-encoding" value={o.encoding} onChange={(e) => {
            const next = { ...o, encoding: e.target.value };
            setO(next);
            if (file) void load(file, next);
          }}>
            <option value="">{t("detect", { found: preview?.encoding ?? "—" })}</option>
            <option value="utf-8">UTF-8</option>
            <option value="windows-1250">Windows-1250</option>
            <option value="windows-1251">Windows-1251</option>
          </Select>
        </Field>
        <Field label={t("delimiter")} htmlFor="list-delimiter">
          <Select id="list-delimiter" value={o.delimiter} onChange={(e) => {
            const next = { ...o, delimiter: e.target.value };
            setO(next);
            if (file) void load(file, next);
          }}>
            <option value="">{t("detect", { found: preview?.delimiter === "\t" ? t("tab") : (preview?.delimiter ?? "—") })}</option>
            <option value=",">,</option>
            <option value=";">;</option>
            <option value={"\t"}>{t("tab")}</option>
          </Select>
        </Field>
        <Field label={t("country")} htmlFor="list-country" hint={t("countryHint")}>
          <Input id="list-country" value={o.country} maxLength={2} onChange={(e) => setO({ ...o, country: e.target.value.toUpperCase() })} />
        </Field>
      </div>
      {preview && (
        <>
          <Field label={t("name")} htmlFor="list-name">
            <Input id="list-name" value={o.name} maxLength={120} onChange={(e) => setO({ ...o, name: e.target.value })} />
          </Field>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" aria-label={t("mapping")}>
              <thead>
                <tr>
                  {preview.header.map((h, i) => (
                    <th key={i} className="border-b border-slate-200 px-2 py-1 text-left align-bottom font-medium">
                      <span className="block truncate">{h || "—"}</span>
                      <Select aria-label={t("columnRole", { column: h })} value={roles[i]} onChange={(e) => setRoles(roles.map((r, j) => (j === i ? (e.target.value as Role) : r === e.target.value && e.target.value !== "field" && e.target.value !== "skip" ? "field" : r)))}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </Select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row, r) => (
                  <tr key={r} className="odd:bg-slate-50">
                    {preview.header.map((_, i) => (
                      <td key={i} className="max-w-48 truncate px-2 py-1">
                        {row[i] ?? ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!mapping && <Notice tone="warning">{t("needPhone")}</Notice>}
          <Button variant="primary" busy={busy} disabled={!mapping || !o.name.trim()} onClick={start}>
            {t("startImport")}
          </Button>
        </>
      )}
    </section>
  );
}

function Progress({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useTranslations("admin.contactLists");
  const reasons = useTranslations("errors.reason");
  const [{ data }, refetch] = useQuery({ query: ListProgress, variables: { id }, requestPolicy: "network-only" });
  const list = data?.contactList;
  const running = !list || list.status === "IMPORTING";
  useEffect(() => {
    if (!running) return void onDone();
    const timer = setTimeout(() => refetch({ requestPolicy: "network-only" }), 500);
    return () => clearTimeout(timer);
  }, [data, running, refetch, onDone]);
  if (!list) return null;
  const total = list.totalRows ?? 0;
  const rejected = list.duplicates + list.blocked + list.doNotCall + list.invalid;
  return (
    <section className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={t("result")} data-testid="import-result">
      <h2 className="text-base font-semibold">{list.name}</h2>
      {running ? (
        <>
          <progress className="w-full" max={total || undefined} value={total ? list.processedRows : undefined} aria-label={t("progress")} />
          <p className="text-sm text-slate-600">{t("rowsRead", { count: list.processedRows, total })}</p>
        </>
      ) : list.status === "FAILED" ? (
        <Notice tone="error">{list.failure && reasons.has(list.failure) ? reasons(list.failure, { max: MAX_LIST_ROWS }) : t("failed", { reason: list.failure ?? "" })}</Notice>
      ) : (
        <Notice tone="success">{t("done")}</Notice>
      )}
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
        {(["imported", "duplicates", "blocked", "doNotCall", "invalid"] as const).map((k) => (
          <div key={k} className="rounded-md bg-slate-50 p-2">
            <dt className="text-slate-600">{t(`count.${k}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${k}`}>
              {list[k]}
            </dd>
          </div>
        ))}
      </dl>
      {!running && rejected > 0 && (
        <a className="text-sm font-medium text-brand-700 underline" href={`/api/contact-lists/${list.id}/rejects.csv`} download>
          {t("downloadRejects", { count: rejected })}
        </a>
      )}
    </section>
  );
}
