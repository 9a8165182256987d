"use client";
// "Call me back": the visitor leaves a number (and, if they like, their name and what it is
// about) to be called as soon as an agent is free, or at a time they pick on their own clock —
// sent as an instant, so the agent's screen shows it on theirs. The confirmation says when and
// which number we will call, as we understood it.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Field, Input } from "../../_components/field";
import { useWidgetErrors } from "./error-text.ts";
import { useSubmit } from "./use-submit.ts";
import type { CallbackResult, VisitorApi } from "./visitor-api.ts";
import { AccentButton } from "./widget-ui.tsx";
import { useDates } from "../../_client/use-dates.ts";

/** How far ahead a call-back may be asked for (the server says the same: web-callback.ts). */
const MAX_DAYS_AHEAD = 14;

export type CallbackValues = { phone: string; name: string; topic: string };

/** A datetime-local value ("2025-05-03T14:30") for an instant, on the browser's clock. */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function CallbackForm({
  api,
  color,
  locale,
  initial,
  onDone,
  onBack,
}: {
  api: VisitorApi;
  color: string;
  locale: string;
  initial: CallbackValues;
  onDone(values: CallbackValues): void;
  onBack(): void;
}) {
  const t = useTranslations("visitorWidget.callback");
  const { error, fields } = useWidgetErrors(0);
  const [values, setValues] = useState(initial);
  const [when, setWhen] = useState<"asap" | "later">("asap");
  const [time, setTime] = useState("");
  const [done, setDone] = useState<CallbackResult | null>(null);
  const [missingTime, setMissingTime] = useState(false);
  const { busy, failure, submit } = useSubmit(async () => {
    setMissingTime(false);
    if (when === "later" && !time) {
      setMissingTime(true);
      return;
    }
    // datetime-local has no zone: the browser reads it on its own clock; the server gets the instant.
    const at = when === "later" ? new Date(time).toISOString() : null;
    const result = await api.requestCallback({ ...values, at, language: locale });
    onDone(values);
    setDone(result);
  });
  const set = (k: keyof CallbackValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const fieldErrors = fields(failure);
  const now = new Date();

  if (done) return <Confirmation result={done} onBack={onBack} />;
  return (
    <form onSubmit={submit} className="space-y-3 p-4" noValidate data-testid="callback-form">
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <Field label={t("phone")} htmlFor="cb-phone" error={fieldErrors.phone} hint={t("phoneHint")}>
        <Input
          id="cb-phone"
          type="tel"
          value={values.phone}
          onChange={set("phone")}
          autoComplete="tel"
          maxLength={40}
          placeholder="+48 600 000 000"
          invalid={!!fieldErrors.phone}
          required
        />
      </Field>
      <Field label={`${t("name")} (${t("optional")})`} htmlFor="cb-name" error={fieldErrors.name}>
        <Input id="cb-name" value={values.name} onChange={set("name")} autoComplete="name" maxLength={120} invalid={!!fieldErrors.name} />
      </Field>
      <Field label={`${t("topic")} (${t("optional")})`} htmlFor="cb-topic" error={fieldErrors.topic}>
        <Input id="cb-topic" value={values.topic} onChange={set("topic")} maxLength={200} invalid={!!fieldErrors.topic} />
      </Field>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-700">{t("when")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="cb-when" checked={when === "asap"} onChange={() => setWhen("asap")} />
          {t("asap")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="cb-when" checked={when === "later"} onChange={() => setWhen("later")} />
          {t("later")}
        </label>
      </fieldset>
      {when === "later" && (
        <Field label={t("time")} htmlFor="cb-at" error={missingTime ? t("timeRequired") : fieldErrors.at} hint={t("timeHint", { days: MAX_DAYS_AHEAD })}>
          <Input
            id="cb-at"
            type="datetime-local"
            value={time}
            min={localInput(now)}
            max={localInput(new Date(now.getTime() + MAX_DAYS_AHEAD * 86_400_000))}
            onChange={(e) => setTime(e.target.value)}
            invalid={missingTime || !!fieldErrors.at}
          />
        </Field>
      )}
      {failure !== null && !Object.keys(fieldErrors).length && (
        <p role="alert" className="text-sm text-red-600">
          {error(failure)}
        </p>
      )}
      <AccentButton type="submit" color={color} busy={busy} className="w-full">
        {t("submit")}
      </AccentButton>
      <button type="button" onClick={onBack} className="w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
        {t("back")}
      </button>
    </form>
  );
}

function Confirmation({ result, onBack }: { result: CallbackResult; onBack(): void }) {
  const t = useTranslations("visitorWidget.callback");
  const format = useFormatter();
  const dates = useDates();
  const at = result.at ? new Date(result.at) : null;
  return (
    <div className="space-y-4 p-6 text-center" data-testid="callback-confirmed" role="status">
      <p className="text-sm font-medium text-slate-900">
        {at
          ? t("confirmedAt", {
              time: dates.format(at, "time"),
              date: format.dateTime(at, { weekday: "long", day: "numeric", month: "long" }),
              phone: result.phone,
            })
          : t("confirmedAsap", { phone: result.phone })}
      </p>
      <p className="text-xs text-slate-500">{t("confirmedHint")}</p>
      <button type="button" onClick={onBack} className="w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
        {t("back")}
      </button>
    </div>
  );
}
