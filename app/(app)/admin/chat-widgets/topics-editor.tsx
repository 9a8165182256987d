"use client";
import { useTranslations } from "next-intl";
import { Button } from "../../../_components/button.tsx";
import { Input, Select } from "../../../_components/field.tsx";
import type { WidgetSettings } from "./widget-settings.ts";

type Topic = WidgetSettings["topics"][number];

/** Topics visitors choose from, each optionally routed to its own queue. */
export function TopicsEditor({
  topics,
  languages,
  queues,
  onChange,
}: {
  topics: Topic[];
  languages: WidgetSettings["languages"];
  queues: { id: string; name: string }[];
  onChange: (t: Topic[]) => void;
}) {
  const t = useTranslations("admin.chatWidgets.topics");
  const update = (n: number, patch: Partial<Topic>) => onChange(topics.map((x, m) => (m === n ? { ...x, ...patch } : x)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{t("title")}</legend>
      <p className="text-xs text-slate-500">{t("hint")}</p>
      {topics.map((topic, n) => (
        <div key={n} className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 p-2">
          <Input value={topic.id} onChange={(e) => update(n, { id: e.target.value })} aria-label={t("id")} placeholder="billing" className="w-32 font-mono" />
          {languages.map((l) => (
            <Input
              key={l}
              value={topic.label[l] ?? ""}
              onChange={(e) => update(n, { label: { ...topic.label, [l]: e.target.value } })}
              aria-label={`${t("label")} ${l}`}
              placeholder={l.toUpperCase()}
              className="w-40"
            />
          ))}
          <Select value={topic.queueId ?? ""} onChange={(e) => update(n, { queueId: e.target.value || null })} aria-label={t("queue")} className="w-44">
            <option value="">{t("widgetQueue")}</option>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </Select>
          <Button size="sm" variant="ghost" onClick={() => onChange(topics.filter((_, m) => m !== n))}>
            ✕
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={() => onChange([...topics, { id: "", label: {}, queueId: null }])}>
        {t("add")}
      </Button>
    </fieldset>
  );
}
