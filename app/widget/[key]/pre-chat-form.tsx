"use client";
// The form before a chat: who the visitor is (as the widget asks), the topic, and what they need.
// Outside business hours the same form leaves a message instead of starting a chat.
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Field, Input, Select } from "../../_components/field";
import { Notice } from "../../_components/notice";
import { useWidgetErrors } from "./error-text.ts";
import type { WidgetConfig } from "./visitor-api.ts";
import { useSubmit } from "./use-submit.ts";
import { AccentButton, textareaClass } from "./widget-ui.tsx";

export type PreChatValues = { name: string; email: string; phone: string; topic: string; pin: string; message: string };

export function PreChatForm({
  config,
  locale,
  initial,
  verified,
  onSubmit,
  onCallback,
}: {
  config: WidgetConfig;
  locale: string;
  initial: PreChatValues;
  verified: boolean;
  onSubmit(values: PreChatValues, channel: "CHAT" | "VOICE"): Promise<void>;
  /** "Call me back" (with what was typed so far), when the widget offers it. */
  onCallback?(values: PreChatValues): void;
}) {
  const t = useTranslations("visitorWidget");
  const { error, fields } = useWidgetErrors(config.maxFileMegabytes);
  const [values, setValues] = useState(initial);
  // "Call us" submits the same form as a call instead of a chat.
  const channel = useRef<"CHAT" | "VOICE">("CHAT");
  const form = useRef<HTMLFormElement>(null);
  const { busy, failure, submit } = useSubmit(() => onSubmit(values, channel.current));
  const set = (k: keyof PreChatValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const fieldErrors = fields(failure);
  const optional = (label: string, required: boolean) => (required ? label : `${label} (${t("form.optional")})`);
  const wantsEmail = config.contact !== "none" && config.contact !== "phone";
  const wantsPhone = config.contact !== "none" && config.contact !== "email";
  const either = config.contact === "email_or_phone";

  const contactFields = (
    <>
      {wantsEmail && (
        <Field
          label={either ? t("form.email") : optional(t("form.email"), config.contact === "email" || config.contact === "email_and_phone")}
          htmlFor="w-email"
          error={fieldErrors.email}
        >
          <Input id="w-email" type="email" value={values.email} onChange={set("email")} autoComplete="email" maxLength={254} invalid={!!fieldErrors.email} />
        </Field>
      )}
      {wantsPhone && (
        <Field
          label={either ? t("form.phone") : optional(t("form.phone"), config.contact === "phone" || config.contact === "email_and_phone")}
          htmlFor="w-phone"
          error={fieldErrors.phone}
        >
          <Input id="w-phone" type="tel" value={values.phone} onChange={set("phone")} autoComplete="tel" maxLength={40} invalid={!!fieldErrors.phone} />
        </Field>
      )}
    </>
  );

  return (
    <form ref={form} onSubmit={submit} className="space-y-3 p-4" noValidate data-testid="prechat-form">
      {!config.open && <Notice tone="warning">{t("form.closedNotice")}</Notice>}
      {verified && <p className="text-xs text-slate-500">{t("form.verified")}</p>}
      <Field label={optional(t("form.name"), config.requireName)} htmlFor="w-name" error={fieldErrors.name}>
        <Input id="w-name" value={values.name} onChange={set("name")} autoComplete="name" maxLength={120} invalid={!!fieldErrors.name} />
      </Field>
      {either ? (
        // Either one will do: say so up front, not "(optional)" twice and a refusal after.
        <fieldset className="space-y-3" data-testid="contact-either">
          <legend className="text-sm font-medium text-slate-700">{t("form.emailOrPhone")}</legend>
          {contactFields}
        </fieldset>
      ) : (
        contactFields
      )}
      {config.topics.length > 0 && (
        <Field label={t("form.topic")} htmlFor="w-topic" error={fieldErrors.topic}>
          <Select id="w-topic" value={values.topic} onChange={set("topic")} invalid={!!fieldErrors.topic}>
            <option value="">{t("form.chooseTopic")}</option>
            {config.topics.map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.label[locale] ?? Object.values(topic.label)[0] ?? topic.id}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {config.askPin && (
        <Field label={optional(t("form.pin"), false)} htmlFor="w-pin" error={fieldErrors.pin}>
          <Input id="w-pin" value={values.pin} onChange={set("pin")} inputMode="numeric" autoComplete="off" maxLength={20} />
        </Field>
      )}
      <Field label={t("form.message")} htmlFor="w-message" error={fieldErrors.message ?? fieldErrors.body}>
        <textarea id="w-message" value={values.message} onChange={set("message")} rows={3} maxLength={5000} className={textareaClass} required={!config.open} />
      </Field>
      {failure !== null && !Object.keys(fieldErrors).length && (
        <p role="alert" className="text-sm text-red-600">
          {error(failure)}
        </p>
      )}
      <AccentButton type="submit" color={config.color} busy={busy} className="w-full" onClick={() => (channel.current = "CHAT")}>
        {config.open ? t("form.start") : t("form.leave")}
      </AccentButton>
      {config.open && config.calls && (
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            channel.current = "VOICE";
            form.current?.requestSubmit();
          }}
          className="w-full rounded-md px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
          data-testid="call-us"
        >
          {t("form.call")}
        </button>
      )}
      {config.callbacks && onCallback && (
        <button
          type="button"
          disabled={busy}
          onClick={() => onCallback(values)}
          className="w-full rounded-md px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
          data-testid="call-me-back"
        >
          {t("callback.open")}
        </button>
      )}
    </form>
  );
}
