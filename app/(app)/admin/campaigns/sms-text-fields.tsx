"use client";
// An SMS campaign's text in its editor: the account and the number or sender name it texts from,
// the template with the fields it may use (the built-in ones and the chosen lists' columns; one
// that is neither is named, since it would be left empty), what the text costs as written
// (characters, parts, and the letters that make it UCS-2) counted with the code the sender uses,
// plain letters, and the pace.
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { BUILT_IN_FIELDS, MAX_CAMPAIGN_PARTS, templateSummary } from "../../../../domain/campaigns/sms/campaign-text.ts";
import { UNITS } from "../../../../domain/sms/sms-text.ts";
import { Checkbox, Field, Input, Select, Textarea } from "../../../_components/field.tsx";

export interface SmsText {
  accountId: string;
  from: string;
  template: string;
  perMinute: string;
  plainLetters: boolean;
}

type Account = { id: string; name: string; active: boolean; numbers: string[] };

export function SmsTextFields(props: {
  value: SmsText;
  onChange: (v: SmsText) => void;
  accounts: Account[] | undefined;
  /** The chosen lists' columns. */
  columns: string[];
  err: (field: string) => string | null | undefined;
}) {
  const t = useTranslations("admin.campaigns.sms");
  const { value: v, onChange, accounts, columns, err } = props;
  const set = (patch: Partial<SmsText>) => onChange({ ...v, ...patch });
  const account = accounts?.find((a) => a.id === v.accountId);
  const summary = useMemo(() => templateSummary(v.template, v.plainLetters), [v.template, v.plainLetters]);
  const known = new Set<string>([...BUILT_IN_FIELDS, ...columns]);
  const unknown = summary.fields.filter((f) => !known.has(f));
  const count = summary.count;
  const limit = count.parts <= 1 ? UNITS[count.coding].single : UNITS[count.coding].perPart * count.parts;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("account")} htmlFor="campaign-sms-account" error={err("smsAccountId") ?? undefined}>
          <Select id="campaign-sms-account" value={v.accountId} onChange={(e) => set({ accountId: e.target.value, from: "" })} invalid={!!err("smsAccountId")}>
            <option value="">{t("accountNone")}</option>
            {accounts?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.active ? a.name : t("accountOff", { name: a.name })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("from")} htmlFor="campaign-sms-from" error={err("smsFrom") ?? undefined} hint={t("fromHint")}>
          <Input
            id="campaign-sms-from"
            list="campaign-sms-numbers"
            value={v.from}
            placeholder={account?.numbers[0] ?? ""}
            onChange={(e) => set({ from: e.target.value })}
            invalid={!!err("smsFrom")}
          />
          <datalist id="campaign-sms-numbers">
            {account?.numbers.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </Field>
      </div>
      <Field
        label={t("template")}
        htmlFor="campaign-sms-template"
        error={err("smsTemplate") ?? undefined}
        hint={t("templateHint", { fields: [...known].map((f) => `{${f}}`).join(" ") })}
      >
        <Textarea id="campaign-sms-template" rows={4} value={v.template} onChange={(e) => set({ template: e.target.value })} invalid={!!err("smsTemplate")} />
      </Field>
      <div className="space-y-1 text-sm" data-testid="campaign-sms-count">
        <p className={count.parts > MAX_CAMPAIGN_PARTS ? "font-medium text-red-700" : "text-slate-700"}>
          {t("count", { units: count.units, limit, parts: count.parts })}
          {count.parts > MAX_CAMPAIGN_PARTS && ` · ${t("tooLong", { max: MAX_CAMPAIGN_PARTS })}`}
        </p>
        {summary.fields.length > 0 && <p className="text-slate-500">{t("fieldsVary")}</p>}
        {count.costly.length > 0 && <p className="text-amber-800">{t("costly", { chars: count.costly.join(" ") })}</p>}
        {unknown.length > 0 && <p className="text-amber-800">{t("unknownFields", { fields: unknown.map((f) => `{${f}}`).join(", ") })}</p>}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="pt-1">
          <Checkbox label={t("plainLetters")} checked={v.plainLetters} onChange={(e) => set({ plainLetters: e.target.checked })} />
        </div>
        <Field label={t("perMinute")} htmlFor="campaign-sms-rate" error={err("smsPerMinute") ?? undefined} hint={t("perMinuteHint")}>
          <Input id="campaign-sms-rate" type="number" min={1} value={v.perMinute} onChange={(e) => set({ perMinute: e.target.value })} className="w-32" />
        </Field>
      </div>
    </div>
  );
}
