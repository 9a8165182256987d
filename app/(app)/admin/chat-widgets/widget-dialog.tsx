"use client";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Checkbox, Field, Input, Select } from "../../../_components/field.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { EmbedCode } from "./embed-code.tsx";
import { HoursEditor } from "./hours-editor.tsx";
import type { Widget } from "./page.tsx";
import { TopicsEditor } from "./topics-editor.tsx";
import { WidgetPreview } from "./widget-preview.tsx";
import { type WidgetSettings, defaultSettings } from "./widget-settings.ts";
import { Tabs } from "../../../_components/tabs.tsx";

const SaveWidget = graphql(`
  mutation SaveChatWidget($id: ID, $input: ChatWidgetInput!) {
    saveChatWidget(id: $id, input: $input) {
      id
      key
    }
  }
`);

const LOCALES = ["pl", "en", "ru"] as const;
const TABS = ["general", "form", "hours", "embed"] as const;

export function WidgetDialog({
  widget,
  queues,
  flows,
  onClose,
}: {
  widget: Widget | null;
  queues: { id: string; name: string }[];
  flows: { id: string; name: string; publishedVersion: number | null }[];
  onClose: () => void;
}) {
  const t = useTranslations("admin.chatWidgets");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [tab, setTab] = useState<(typeof TABS)[number]>("general");
  const [name, setName] = useState(widget?.name ?? "");
  const [queueId, setQueueId] = useState(widget?.queue.id ?? queues[0]?.id ?? "");
  const [active, setActive] = useState(widget?.active ?? true);
  const [ivrFlowId, setIvrFlowId] = useState(widget?.ivrFlowId ?? "");
  const [config, setConfig] = useState<WidgetSettings>({ ...defaultSettings, ...((widget?.config as WidgetSettings) ?? {}) });
  const [origins, setOrigins] = useState(config.allowedOrigins.join("\n"));
  const [saved, setSaved] = useState<{ id: string; key: string } | null>(widget ? { id: widget.id, key: widget.key } : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, save] = useMutation(SaveWidget);
  const set = <K extends keyof WidgetSettings>(k: K, v: WidgetSettings[K]) => setConfig({ ...config, [k]: v });
  const setText = (k: "title" | "greeting", locale: string, v: string) => setConfig({ ...config, [k]: { ...config[k], [locale]: v } });

  async function submit() {
    const input = {
      name,
      queueId,
      active,
      ivrFlowId: ivrFlowId || null,
      config: {
        ...config,
        allowedOrigins: origins
          .split(/[\s,]+/)
          .map((o) => o.trim())
          .filter(Boolean),
      },
    };
    const r = await save({ id: saved?.id ?? null, input });
    const e = apiError(r.error);
    setError(e);
    if (!e && r.data) {
      setSaved(r.data.saveChatWidget);
      setTab("embed");
    }
  }

  return (
    <Dialog
      open
      wide="xl"
      onClose={onClose}
      title={widget ? t("editTitle", { name: widget.name }) : t("new")}
      footer={
        <>
          <Button onClick={onClose}>{tc("close")}</Button>
          <Button variant="primary" busy={state.fetching} onClick={() => void submit()}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          <Tabs tabs={TABS} value={tab} onChange={setTab} label={(k) => t(`tab.${k}`)} disabled={(k) => k === "embed" && !saved} />
          {error && <Notice tone="error">{errorLines(error, errors.message(error))}</Notice>}

          {tab === "general" && (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("name")} htmlFor="w-name">
                <Input id="w-name" value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field label={t("queue")} htmlFor="w-queue" hint={t("queueHint")}>
                <Select id="w-queue" value={queueId} onChange={(e) => setQueueId(e.target.value)}>
                  {queues.map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("ivrFlow")} htmlFor="w-ivr" hint={t("ivrFlowHint")} error={errors.field(fieldIssues(error).ivrFlowId, "ivrFlowId")}>
                <Select id="w-ivr" value={ivrFlowId} onChange={(e) => setIvrFlowId(e.target.value)}>
                  <option value="">{t("noIvr")}</option>
                  {flows.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.publishedVersion === null ? t("flowUnpublished", { name: f.name }) : f.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <div className="sm:col-span-2">
                <Field label={t("sites")} htmlFor="w-origins" hint={t("sitesHint")}>
                  <textarea
                    id="w-origins"
                    rows={3}
                    value={origins}
                    onChange={(e) => setOrigins(e.target.value)}
                    placeholder="https://www.example.com"
                    className="block w-full rounded-md border-0 px-3 py-2 font-mono text-sm ring-1 ring-slate-300"
                  />
                </Field>
              </div>
              <Field label={t("color")} htmlFor="w-color">
                <div className="flex gap-2">
                  <input
                    type="color"
                    value={config.color}
                    onChange={(e) => set("color", e.target.value)}
                    className="h-9 w-12 rounded"
                    aria-label={t("color")}
                  />
                  <Input id="w-color" value={config.color} onChange={(e) => set("color", e.target.value)} className="font-mono" />
                </div>
              </Field>
              <Field label={t("position")} htmlFor="w-pos">
                <Select id="w-pos" value={config.position} onChange={(e) => set("position", e.target.value as "left" | "right")}>
                  <option value="right">{t("right")}</option>
                  <option value="left">{t("left")}</option>
                </Select>
              </Field>
              <fieldset className="sm:col-span-2">
                <legend className="mb-1 text-sm font-medium text-slate-700">{t("languages")}</legend>
                <div className="flex gap-4">
                  {LOCALES.map((l) => (
                    <Checkbox
                      key={l}
                      label={l.toUpperCase()}
                      checked={config.languages.includes(l)}
                      onChange={(e) => set("languages", e.target.checked ? [...config.languages, l] : config.languages.filter((x) => x !== l))}
                    />
                  ))}
                </div>
              </fieldset>
              {config.languages.map((l) => (
                <Row key={l} label={l.toUpperCase()}>
                  <Input
                    placeholder={t("titlePlaceholder")}
                    aria-label={`${t("windowTitle")} ${l}`}
                    value={config.title[l] ?? ""}
                    onChange={(e) => setText("title", l, e.target.value)}
                  />
                  <Input
                    placeholder={t("greetingPlaceholder")}
                    aria-label={`${t("greeting")} ${l}`}
                    value={config.greeting[l] ?? ""}
                    onChange={(e) => setText("greeting", l, e.target.value)}
                  />
                </Row>
              ))}
              <Checkbox label={t("activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />
            </div>
          )}

          {tab === "form" && (
            <div className="space-y-4">
              <Checkbox label={t("requireName")} checked={config.requireName} onChange={(e) => set("requireName", e.target.checked)} />
              <Field label={t("contact")} htmlFor="w-contact">
                <Select id="w-contact" value={config.contact} onChange={(e) => set("contact", e.target.value as WidgetSettings["contact"])}>
                  {(["email_or_phone", "email", "phone", "email_and_phone", "none"] as const).map((c) => (
                    <option key={c} value={c}>
                      {t(`contactMode.${c}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Checkbox label={t("askPin")} checked={config.askPin} onChange={(e) => set("askPin", e.target.checked)} />
              <Checkbox label={t("attachments")} checked={config.attachments} onChange={(e) => set("attachments", e.target.checked)} />
              <Checkbox label={t("transcripts")} checked={config.transcripts} onChange={(e) => set("transcripts", e.target.checked)} />
              <TopicsEditor topics={config.topics} languages={config.languages} queues={queues} onChange={(v) => set("topics", v)} />
            </div>
          )}

          {tab === "hours" && <HoursEditor value={config.businessHours} onChange={(v) => set("businessHours", v)} />}

          {tab === "embed" && saved && <EmbedCode widgetId={saved.id} widgetKey={saved.key} hasSecret={widget?.hasIdentitySecret ?? false} />}
        </div>
        <WidgetPreview name={name} settings={config} />
      </div>
    </Dialog>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[2.5rem_1fr_2fr] items-center gap-2 sm:col-span-2">
      <span className="text-xs font-medium text-slate-500">{label}</span>
      {children}
    </div>
  );
}

/** The server names each bad setting (input.config.allowedOrigins.1...): list them. */
function errorLines(error: ApiError, summary: string | null) {
  return (
    <>
      {summary}
      {error.fields.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {error.fields.map((f) => (
            <li key={f.path}>
              <code>{f.path.replace(/^input\.(config\.)?/, "")}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
