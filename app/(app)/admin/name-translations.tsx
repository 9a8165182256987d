"use client";
// Optional names in each language for something people choose from (a pause reason, a disposition,
// a case status): each user sees the one in their language, else the name above.
import { useTranslations } from "next-intl";
import { Field, Input } from "../../_components/field.tsx";
import { LOCALES, type Locale } from "../../../domain/shared/locale.ts";

export type NameTranslations = Partial<Record<Locale, string>>;

export function readNames(value: unknown): NameTranslations {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter(([l, v]) => (LOCALES as readonly string[]).includes(l) && typeof v === "string")) as NameTranslations;
}

export function NameTranslationsFields({ value, onChange, idPrefix }: { value: NameTranslations; onChange: (v: NameTranslations) => void; idPrefix: string }) {
  const t = useTranslations("admin.nameTranslations");
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">{t("legend")}</legend>
      <p className="text-xs text-slate-500">{t("hint")}</p>
      <div className="grid gap-2 sm:grid-cols-3">
        {LOCALES.map((l) => (
          <Field key={l} label={t(`in.${l}`)} htmlFor={`${idPrefix}-name-${l}`}>
            <Input id={`${idPrefix}-name-${l}`} lang={l} value={value[l] ?? ""} maxLength={60} onChange={(e) => onChange({ ...value, [l]: e.target.value })} />
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
