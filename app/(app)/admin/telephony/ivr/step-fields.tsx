"use client";
// What each kind of IVR step asks the admin: the prompt in each language (or an uploaded
// recording), a menu's timing, what a caller types and how it is checked, opening hours, a queue,
// a number. The branches (where each key or outcome leads) are drawn by the tree, not here.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { createContext, useContext, useState } from "react";
import { Input, Select, Textarea } from "../../../../_components/field.tsx";
import { TimeInput } from "../../../../_components/time-input.tsx";
import { DAYS, LANGS, type Lang, type Prompt, type Step } from "./flow-model.ts";

type Edit = (patch: Partial<Step>) => void;
const small = "w-24";

function Row({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={htmlFor} className="w-44 shrink-0 text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A choice among named things (queues, lines); `none`: a first option meaning "the default". */
function Choice({ id, value, items, none, onChange }: { id: string; value: string; items: { id: string; name: string }[]; none?: string; onChange: (v: string | null) => void }) {
  return (
    <Select id={id} value={value} onChange={(e) => onChange(e.target.value || null)}>
      {none && <option value="">{none}</option>}
      {items.map((i) => (
        <option key={i.id} value={i.id}>
          {i.name}
        </option>
      ))}
    </Select>
  );
}

/** The organisation's uploaded prompts (Telephony → Sounds), for prompts that play a recording. */
export const PromptSounds = createContext<{ id: string; name: string }[]>([]);
/** The organisation's fax-on-demand documents, for fax steps. */
export const FaxDocuments = createContext<{ id: string; name: string }[]>([]);

export function PromptFields({ id, prompt, onChange, optional = false }: { id: string; prompt: Prompt | undefined; onChange: (p: Prompt | undefined) => void; optional?: boolean }) {
  const t = useTranslations("admin.telephony.ivr");
  const sounds = useContext(PromptSounds);
  const [recorded, setRecorded] = useState(!!prompt?.audioId);
  const text = prompt?.text ?? {};
  const audioId = recorded ? prompt?.audioId : undefined;
  const emit = (next: Prompt) => onChange(optional && !Object.keys(next.text).length && !next.audioId ? undefined : next);
  const set = (lang: Lang, value: string) => {
    const next = { ...text, [lang]: value };
    if (!value) delete next[lang];
    emit({ text: next, ...(audioId ? { audioId } : {}) });
  };
  const choose = (mode: "text" | "recording") => {
    setRecorded(mode === "recording");
    // Back to words: the recording is forgotten; the text stays either way (a recording's fallback).
    if (mode === "text") emit({ text });
  };
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-slate-600">{optional ? t("promptOptional") : t("prompt")}</p>
      <div role="radiogroup" aria-label={t("promptSource")} className="flex gap-4 text-sm">
        {(["text", "recording"] as const).map((mode) => (
          <label key={mode} className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${id}-prompt-source`} checked={recorded === (mode === "recording")} onChange={() => choose(mode)} />
            {t(mode === "text" ? "speakText" : "playRecording")}
          </label>
        ))}
      </div>
      {recorded && (
        <div className="flex items-center gap-2">
          <Select
            id={`${id}-prompt-audio`}
            aria-label={t("recording")}
            value={audioId ?? ""}
            onChange={(e) => emit({ text, ...(e.target.value ? { audioId: e.target.value } : {}) })}
          >
            <option value="">{sounds.length ? t("chooseRecording") : t("noRecordings")}</option>
            {/* A recording deleted since (or of another kind) still shows, so the admin sees what to replace. */}
            {audioId && !sounds.some((s) => s.id === audioId) && <option value={audioId}>{t("missingRecording")}</option>}
            {sounds.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <Link href="/admin/telephony/sounds" className="shrink-0 text-xs text-brand-700 underline">
            {t("manageSounds")}
          </Link>
        </div>
      )}
      {recorded && <p className="text-xs text-slate-500">{t("fallbackText")}</p>}
      {LANGS.map((lang) => (
        <Textarea
          key={lang}
          id={`${id}-prompt-${lang}`}
          aria-label={t("promptIn", { language: t(`language.${lang}`) })}
          rows={1}
          placeholder={t(`language.${lang}`)}
          value={text[lang] ?? ""}
          onChange={(e) => set(lang, e.target.value)}
        />
      ))}
      {!recorded && <p className="text-xs text-slate-500">{t("promptHint")}</p>}
    </div>
  );
}

export function StepFields({ id, step, edit, queues, lines }: { id: string; step: Step; edit: Edit; queues: { id: string; name: string }[]; lines: { id: string; name: string }[] }) {
  const t = useTranslations("admin.telephony.ivr");
  const s = step as Record<string, unknown>;
  const num = (key: string) => (
    <Input id={`${id}-${key}`} type="number" className={small} value={String(s[key] ?? "")} onChange={(e) => edit({ [key]: Number(e.target.value) })} />
  );
  const text = (key: string, props: { placeholder?: string } = {}) => (
    <Input id={`${id}-${key}`} value={String(s[key] ?? "")} onChange={(e) => edit({ [key]: e.target.value })} {...props} />
  );
  switch (step.type) {
    case "menu":
    case "language":
    case "play":
    case "hangup":
    case "collect":
      return (
        <div className="space-y-2">
          <PromptFields id={id} prompt={s.prompt as Prompt | undefined} optional={step.type === "hangup"} onChange={(prompt) => edit({ prompt })} />
          {(step.type === "menu" || step.type === "language" || step.type === "collect") && (
            <Row label={t("timeout")} htmlFor={`${id}-timeoutSeconds`}>
              {num("timeoutSeconds")}
            </Row>
          )}
          {(step.type === "menu" || step.type === "collect") && (
            <Row label={t("retries")} htmlFor={`${id}-retries`}>
              {num("retries")}
            </Row>
          )}
          {step.type === "collect" && <CollectFields id={id} s={s} edit={edit} num={num} text={text} />}
        </div>
      );
    case "hours":
      return <HoursFields id={id} s={s} edit={edit} />;
    case "set":
      return (
        <div className="space-y-2">
          <Row label={t("field")} htmlFor={`${id}-field`}>
            {text("field")}
          </Row>
          <Row label={t("value")} htmlFor={`${id}-value`}>
            {text("value", { placeholder: "{account}" })}
          </Row>
        </div>
      );
    case "queue":
      return (
        <div className="space-y-2">
          <Row label={t("queue")} htmlFor={`${id}-queueId`}>
            <Choice id={`${id}-queueId`} value={String(s.queueId ?? "")} items={queues} onChange={(queueId) => edit({ queueId: queueId ?? "" })} />
          </Row>
          <Row label={t("priority")} htmlFor={`${id}-priority`}>
            <Input id={`${id}-priority`} type="number" className={small} value={String(s.priority ?? 0)} onChange={(e) => edit({ priority: Number(e.target.value) || undefined })} />
          </Row>
        </div>
      );
    case "voicemail":
      return (
        <div className="space-y-2">
          <PromptFields id={id} prompt={s.prompt as Prompt | undefined} onChange={(prompt) => edit({ prompt })} />
          <Row label={t("maxSeconds")} htmlFor={`${id}-maxSeconds`}>
            {num("maxSeconds")}
          </Row>
          <Row label={t("vmQueue")} htmlFor={`${id}-queueId`}>
            <Choice id={`${id}-queueId`} value={String(s.queueId ?? "")} items={queues} none={t("vmQueueDefault")} onChange={(queueId) => edit({ queueId })} />
          </Row>
          <Row label={t("vmEmail")} htmlFor={`${id}-email`}>
            <Input id={`${id}-email`} type="email" value={String(s.email ?? "")} onChange={(e) => edit({ email: e.target.value || undefined })} />
          </Row>
        </div>
      );
    case "callback":
      return (
        <div className="space-y-2">
          <PromptFields id={id} prompt={s.prompt as Prompt | undefined} onChange={(prompt) => edit({ prompt })} />
          <Row label={t("cbQueue")} htmlFor={`${id}-queueId`}>
            <Choice id={`${id}-queueId`} value={String(s.queueId ?? "")} items={queues} onChange={(queueId) => edit({ queueId: queueId ?? "" })} />
          </Row>
          <Row label={t("cbLine")} htmlFor={`${id}-trunkId`}>
            <Choice id={`${id}-trunkId`} value={String(s.trunkId ?? "")} items={lines} none={t("cbSameLine")} onChange={(trunkId) => edit({ trunkId })} />
          </Row>
        </div>
      );
    case "fax":
      return <FaxFields id={id} s={s} edit={edit} text={text} />;
    case "transfer":
      return (
        <Row label={t("number")} htmlFor={`${id}-number`}>
          {text("number", { placeholder: "+48221234567" })}
        </Row>
      );
    case "caller":
      return <p className="text-xs text-slate-500">{t("callerHint")}</p>;
  }
}

function FaxFields({ id, s, edit, text }: { id: string; s: Record<string, unknown>; edit: Edit; text: (k: string, props?: { placeholder?: string }) => React.ReactNode }) {
  const t = useTranslations("admin.telephony.ivr");
  const documents = useContext(FaxDocuments);
  const keyed = s.delivery === "keyed_number";
  return (
    <div className="space-y-2">
      <Row label={t("faxDelivery")} htmlFor={`${id}-delivery`}>
        <Choice
          id={`${id}-delivery`}
          value={String(s.delivery ?? "this_call")}
          items={[
            { id: "this_call", name: t("faxThisCall") },
            { id: "call_back", name: t("faxCallBack") },
            { id: "keyed_number", name: t("faxKeyedNumber") },
          ]}
          // Only a fax to a keyed number names where the number is and how to read it.
          onChange={(delivery) =>
            edit({ delivery: delivery ?? "this_call", ...(delivery === "keyed_number" ? {} : { numberVariable: undefined, nationalPrefix: undefined }) })
          }
        />
      </Row>
      <p className="text-xs text-slate-500">{s.delivery === "call_back" ? t("faxCallBackHint") : keyed ? t("faxKeyedNumberHint") : t("faxHint")}</p>
      {keyed && (
        <>
          <Row label={t("faxNumberVariable")} htmlFor={`${id}-numberVariable`}>
            {text("numberVariable", { placeholder: "fax" })}
          </Row>
          <Row label={t("faxNationalPrefix")} htmlFor={`${id}-nationalPrefix`}>
            <Input
              id={`${id}-nationalPrefix`}
              className={small}
              value={String(s.nationalPrefix ?? "")}
              placeholder="+48"
              onChange={(e) => edit({ nationalPrefix: e.target.value.trim() || undefined })}
            />
          </Row>
        </>
      )}
      <PromptFields id={id} prompt={s.prompt as Prompt | undefined} onChange={(prompt) => edit({ prompt })} />
      <Row label={t("faxDocument")} htmlFor={`${id}-documentId`}>
        {documents.length ? (
          <Choice id={`${id}-documentId`} value={String(s.documentId ?? "")} items={documents} none={t("faxNone")} onChange={(documentId) => edit({ documentId: documentId ?? "" })} />
        ) : (
          <p className="text-xs text-amber-800">{t("faxNoDocuments")}</p>
        )}
      </Row>
    </div>
  );
}

function CollectFields({ id, s, edit, num, text }: { id: string; s: Record<string, unknown>; edit: Edit; num: (k: string) => React.ReactNode; text: (k: string) => React.ReactNode }) {
  const t = useTranslations("admin.telephony.ivr");
  const verify = s.verify as { kind: "contact_field"; field: string } | { kind: "url"; url: string } | undefined;
  return (
    <>
      <Row label={t("variable")} htmlFor={`${id}-variable`}>
        {text("variable")}
      </Row>
      <Row label={t("caseField")} htmlFor={`${id}-caseField`}>
        {text("caseField")}
      </Row>
      <Row label={t("minDigits")} htmlFor={`${id}-minDigits`}>
        {num("minDigits")}
      </Row>
      <Row label={t("maxDigits")} htmlFor={`${id}-maxDigits`}>
        {num("maxDigits")}
      </Row>
      <Row label={t("verify")} htmlFor={`${id}-verify`}>
        <Select
          id={`${id}-verify`}
          value={verify?.kind ?? ""}
          onChange={(e) => edit({ verify: e.target.value === "contact_field" ? { kind: "contact_field", field: "" } : e.target.value === "url" ? { kind: "url", url: "", timeoutMs: 3000 } : undefined })}
        >
          <option value="">{t("verifyNone")}</option>
          <option value="contact_field">{t("verifyContact")}</option>
          <option value="url">{t("verifyUrl")}</option>
        </Select>
      </Row>
      {verify?.kind === "contact_field" && (
        <Row label={t("contactField")} htmlFor={`${id}-verify-field`}>
          <Input id={`${id}-verify-field`} value={verify.field} onChange={(e) => edit({ verify: { ...verify, field: e.target.value } })} />
        </Row>
      )}
      {verify?.kind === "url" && (
        <Row label={t("verifyUrlField")} htmlFor={`${id}-verify-url`}>
          <Input id={`${id}-verify-url`} value={verify.url} placeholder="https://crm.example.com/ivr/check" onChange={(e) => edit({ verify: { ...verify, url: e.target.value } })} />
        </Row>
      )}
    </>
  );
}

function HoursFields({ id, s, edit }: { id: string; s: Record<string, unknown>; edit: Edit }) {
  const t = useTranslations("admin.telephony.ivr");
  const hours = s.hours as { days: Partial<Record<(typeof DAYS)[number], { from: string; to: string }[]>>; holidays: string[] };
  const setDay = (day: (typeof DAYS)[number], from: string, to: string) => {
    const days = { ...hours.days };
    if (from && to) days[day] = [{ from, to }];
    else delete days[day];
    edit({ hours: { ...hours, enabled: true, days } });
  };
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-slate-600">{t("openHours")}</p>
      {DAYS.map((day) => {
        const i = hours.days[day]?.[0];
        return (
          <div key={day} className="flex items-center gap-2 text-sm">
            <span className="w-12 text-xs text-slate-600">{t(`day.${day}`)}</span>
            <TimeInput id={`${id}-${day}-from`} aria-label={`${t(`day.${day}`)} ${t("from")}`} className="w-20" value={i?.from ?? ""} onChange={(v) => setDay(day, v, i?.to ?? "16:00")} />
            <TimeInput id={`${id}-${day}-to`} aria-label={`${t(`day.${day}`)} ${t("to")}`} className="w-20" value={i?.to ?? ""} onChange={(v) => setDay(day, i?.from ?? "08:00", v)} />
            {i && (
              <button type="button" className="text-xs text-slate-500 underline" onClick={() => setDay(day, "", "")}>
                {t("closedAllDay")}
              </button>
            )}
          </div>
        );
      })}
      <label htmlFor={`${id}-holidays`} className="block pt-1 text-xs font-medium text-slate-600">
        {t("holidays")}
      </label>
      <Input
        id={`${id}-holidays`}
        placeholder="2026-12-24, 2026-12-25"
        defaultValue={hours.holidays.join(", ")}
        onBlur={(e) => edit({ hours: { ...hours, holidays: e.target.value.split(/[\s,]+/).filter(Boolean) } })}
      />
    </div>
  );
}
