"use client";
// The widget as visitors will see it, while the admin edits it: its colour, title and greeting,
// the form it asks (the widget's own form component) and the launcher's side — in each of its
// languages, with the widget's own words for that language (fetched once per language).
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../../_client/graphql.ts";
import { PreChatForm } from "../../../widget/[key]/pre-chat-form.tsx";
import type { WidgetConfig } from "../../../widget/[key]/visitor-api.ts";
import { WidgetHeader } from "../../../widget/[key]/widget-ui.tsx";
import type { WidgetSettings } from "./widget-settings.ts";

const Texts = graphql(`
  query WidgetPreviewTexts($locale: String!) {
    widgetPreviewTexts(locale: $locale)
  }
`);

type Locale = "pl" | "en" | "ru";

export function WidgetPreview({ name, settings }: { name: string; settings: WidgetSettings }) {
  const t = useTranslations("admin.chatWidgets.preview");
  const languages = settings.languages.length ? settings.languages : (["pl"] as Locale[]);
  const [chosen, setChosen] = useState<Locale>(languages[0]);
  const locale = languages.includes(chosen) ? chosen : languages[0];
  const [{ data }] = useQuery({ query: Texts, variables: { locale } });
  const config: WidgetConfig = { ...settings, name, calls: false, callbacks: false, open: true };
  return (
    <section aria-label={t("title")} data-testid="widget-preview" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-700">{t("title")}</h3>
        <div className="flex gap-1" role="radiogroup" aria-label={t("language")}>
          {languages.map((l) => (
            <button
              key={l}
              type="button"
              role="radio"
              aria-checked={l === locale}
              onClick={() => setChosen(l)}
              className="rounded px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-300 aria-checked:bg-slate-800 aria-checked:text-white"
            >
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      <div className="relative h-[37rem] overflow-hidden rounded-lg bg-slate-100 p-3 ring-1 ring-slate-200">
        {data ? (
          <NextIntlClientProvider locale={locale} messages={{ visitorWidget: data.widgetPreviewTexts as Record<string, unknown> }}>
            <Frame config={config} locale={locale} />
          </NextIntlClientProvider>
        ) : (
          <p className="p-4 text-sm text-slate-500">{t("loading")}</p>
        )}
      </div>
      <p className="text-xs text-slate-500">{t("hint")}</p>
    </section>
  );
}

function Frame({ config, locale }: { config: WidgetConfig; locale: Locale }) {
  const t = useTranslations("visitorWidget");
  const left = config.position === "left";
  return (
    <>
      <div
        lang={locale}
        className={`absolute top-3 bottom-16 flex w-72 flex-col overflow-hidden rounded-xl bg-white text-slate-900 shadow-xl ${left ? "left-3" : "right-3"}`}
      >
        <WidgetHeader color={config.color} title={config.title[locale] || t("defaultTitle")} subtitle={config.greeting[locale] || t("defaultGreeting")} />
        <div className="pointer-events-none min-h-0 flex-1 overflow-hidden text-sm" inert>
          <PreChatForm
            key={`${locale}-${config.contact}-${config.requireName}-${config.askPin}-${config.topics.length}`}
            config={config}
            locale={locale}
            verified={false}
            initial={{ name: "", email: "", phone: "", topic: "", pin: "", message: "" }}
            onSubmit={async () => {}}
          />
        </div>
        <p className="py-1 text-center text-[10px] text-slate-400">{t("poweredBy")}</p>
      </div>
      {/* The launcher public/widget.js puts on the site, on the chosen side. */}
      <span
        aria-hidden
        data-testid="preview-launcher"
        className={`absolute bottom-3 flex size-11 items-center justify-center rounded-full text-white shadow-lg ${left ? "left-3" : "right-3"}`}
        style={{ background: config.color }}
      >
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
        </svg>
      </span>
    </>
  );
}
