"use client";
// A campaign's editor: every setting, grouped (basics, lists, agents, calling windows, attempts,
// answering machines, messages, result codes), and the campaign's own do-not-call numbers. A
// running campaign's changes take effect at once; lists added to it are enrolled on saving.
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { DateInput } from "../../../_components/date-input.tsx";
import { Checkbox, Field, Input, Select, Textarea } from "../../../_components/field.tsx";
import { TimeInput } from "../../../_components/time-input.tsx";
import { apiError } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { HoursEditor } from "../chat-widgets/hours-editor.tsx";
import { KindChip } from "../dispositions/kind-chip.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";
import { SkillPicker } from "../queues/skill-picker.tsx";
import type { Campaign } from "./page.tsx";
import { type SmsText, SmsTextFields } from "./sms-text-fields.tsx";

const OptionsQuery = graphql(`
  query CampaignOptions {
    campaignOptions {
      lists {
        id
        name
        status
        imported
        fieldNames
      }
      trunks {
        id
        name
        active
        callerIds
      }
      agents {
        id
        name
        username
      }
      teams {
        id
        name
      }
      resultCodes {
        id
        name
        kind
      }
      scripts {
        id
        name
      }
      prompts {
        id
        name
      }
      smsAccounts {
        id
        name
        active
        numbers
      }
    }
  }
`);
const Save = graphql(`
  mutation SaveCampaign($id: ID, $input: CampaignInput!) {
    saveCampaign(id: $id, input: $input) {
      campaign {
        id
      }
    }
  }
`);
const Delete = graphql(`
  mutation DeleteCampaign($id: ID!) {
    deleteCampaign(id: $id)
  }
`);
const AddDnc = graphql(`
  mutation AddCampaignDoNotCall($campaignId: ID!, $number: String!) {
    addCampaignDoNotCall(campaignId: $campaignId, number: $number) {
      number
      contactsDone
    }
  }
`);
const RemoveDnc = graphql(`
  mutation RemoveCampaignDoNotCall($campaignId: ID!, $number: String!) {
    removeCampaignDoNotCall(campaignId: $campaignId, number: $number)
  }
`);

const MODES = ["PREVIEW", "PROGRESSIVE", "PREDICTIVE", "SMS"] as const;
const MACHINE_ACTIONS = ["HANG_UP", "MESSAGE", "AGENT"] as const;
const RECORDING = ["NONE", "ALL", "OUTBOUND", "ON_DEMAND"] as const;
const RETRIED = ["RETRY", "BUSY", "NO_ANSWER", "MACHINE", "ABANDONED", "NETWORK_ERROR"] as const;
const LANGUAGES = ["pl", "en", "ru"] as const;
type Hours = {
  enabled: boolean;
  days: Partial<Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", { from: string; to: string }[]>>;
  holidays: string[];
};

/** A typed number; anything else becomes -1, which the server refuses in words. */
const num = (v: string) => (/^\s*-?\d+([.,]\d+)?\s*$/.test(v) ? Number.parseFloat(v.replace(",", ".")) : -1);
/** "YYYY-MM-DDTHH:MM" ⇄ ISO, in the browser's zone. */
const toLocal = (iso: string | null | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (v: string) => (v ? new Date(v).toISOString() : null);

/** A moment as a day and a time in the user's format; "YYYY-MM-DDTHH:MM" ("" for none). */
function DayAndTime({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  const [day, time = "00:00"] = value ? value.split("T") : [""];
  return (
    <div className="flex gap-2">
      <DateInput id={id} value={day} onChange={(d) => onChange(d ? `${d}T${time}` : "")} aria-label={label} />
      <TimeInput value={time} onChange={(v) => day && onChange(`${day}T${v}`)} aria-label={label} className="w-28" />
    </div>
  );
}

/** A recorded prompt for a message, or none (the text is spoken). One chosen before the list came,
 * or since deleted, stays shown rather than silently dropped. */
function PromptSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (id: string) => void;
  prompts: { id: string; name: string }[] | undefined;
  error?: string | null;
}) {
  const t = useTranslations("admin.campaigns");
  const { id, label, value, onChange, prompts, error } = props;
  return (
    <Field label={label} htmlFor={id} error={error ?? undefined} hint={t("recordedHint")}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={!!error}>
        <option value="">{t("noRecording")}</option>
        {value && !prompts?.some((p) => p.id === value) && <option value={value}>{prompts ? t("missingRecording") : "…"}</option>}
        {prompts?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg p-4 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold text-slate-800">{title}</legend>
      {children}
    </fieldset>
  );
}

export function CampaignDialog({ campaign: c, onClose }: { campaign: Campaign | null; onClose: () => void }) {
  const t = useTranslations("admin.campaigns");
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: OptionsQuery, requestPolicy: "cache-and-network" });
  const o = data?.campaignOptions;
  const [, save] = useMutation(Save);
  const [, remove] = useMutation(Delete);
  const outcome = useEditOutcome(onClose);
  const issues = outcome.issues;
  const err = (field: string) => errors.field(issues[field], field);

  const [name, setName] = useState(c?.name ?? "");
  const [description, setDescription] = useState(c?.description ?? "");
  const [mode, setMode] = useState<(typeof MODES)[number]>(c?.mode ?? "PROGRESSIVE");
  const [trunkId, setTrunkId] = useState(c?.trunkId ?? "");
  const [callerId, setCallerId] = useState(c?.callerId ?? "");
  const [language, setLanguage] = useState<(typeof LANGUAGES)[number]>(c?.language ?? "pl");
  const [previewSeconds, setPreviewSeconds] = useState(c?.previewSeconds == null ? "" : String(c.previewSeconds));
  const [lineLimit, setLineLimit] = useState(String(c?.lineLimit ?? 10));
  const [ringSeconds, setRingSeconds] = useState(String(c?.ringSeconds ?? 30));
  const [startsAt, setStartsAt] = useState(toLocal(c?.startsAt as string | null));
  const [endsAt, setEndsAt] = useState(toLocal(c?.endsAt as string | null));
  const [listIds, setListIds] = useState(new Set(c?.lists.map((l) => l.list.id) ?? []));
  // Only the agents named: those its teams bring come and go with the teams.
  const [members, setMembers] = useState(new Map(c?.queue.members.filter((m) => !m.viaTeam).map((m) => [m.user.id, m.skillLevel]) ?? []));
  const [teamIds, setTeamIds] = useState(new Set<string>(c?.teamIds ?? []));
  const [priority, setPriority] = useState(String(c?.queue.priority ?? 50));
  const [wrapUp, setWrapUp] = useState(String(c?.queue.wrapUpSeconds ?? 0));
  const [requireDisposition, setRequireDisposition] = useState(c?.queue.requireDisposition ?? true);
  const [recordingPolicy, setRecordingPolicy] = useState<string>(c?.queue.recordingPolicy ?? "NONE");
  const [callScriptId, setCallScriptId] = useState(c?.callScriptId ?? "");
  const [hours, setHours] = useState<Hours>({ enabled: false, days: {}, holidays: [], ...((c?.callingHours as Hours | undefined) ?? {}) });
  const [maxAttempts, setMaxAttempts] = useState(String(c?.maxAttempts ?? 5));
  const own = (c?.retryMinutes ?? {}) as Record<string, number>;
  const [retry, setRetry] = useState<Record<string, string>>(Object.fromEntries(RETRIED.map((k) => [k, own[k] == null ? "" : String(own[k])])));
  const [amd, setAmd] = useState(c?.amd ?? true);
  const [machineAction, setMachineAction] = useState<(typeof MACHINE_ACTIONS)[number]>(c?.machineAction ?? "HANG_UP");
  const [unsureToAgent, setUnsureToAgent] = useState(c?.unsureToAgent ?? true);
  const [abandonCap, setAbandonCap] = useState(String(c?.abandonCapPercent ?? 3));
  const [abandonMessage, setAbandonMessage] = useState(c?.abandonMessage ?? "");
  const [machineMessage, setMachineMessage] = useState(c?.machineMessage ?? "");
  const [abandonAudioId, setAbandonAudioId] = useState(c?.abandonAudioId ?? "");
  const [machineAudioId, setMachineAudioId] = useState(c?.machineAudioId ?? "");
  const [dispositionIds, setDispositionIds] = useState(new Set(c?.dispositionIds ?? []));
  const [sms, setSms] = useState<SmsText>({
    accountId: c?.smsAccountId ?? "",
    from: c?.smsFrom ?? "",
    template: c?.smsTemplate ?? "",
    perMinute: String(c?.smsPerMinute ?? 600),
    plainLetters: c?.smsPlainLetters ?? false,
  });
  const texting = mode === "SMS";
  const columns = [...new Set(o?.lists.filter((l) => listIds.has(l.id)).flatMap((l) => l.fieldNames) ?? [])];
  const defaults = (c?.effectiveRetryMinutes ?? { RETRY: 240, BUSY: 10, NO_ANSWER: 60, MACHINE: 120, ABANDONED: 60, NETWORK_ERROR: 5 }) as Record<
    string,
    number
  >;
  const finished = c?.status === "STOPPED" || c?.status === "COMPLETED";
  const trunk = o?.trunks.find((x) => x.id === trunkId) ?? o?.trunks.find((x) => x.active);
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  const onSave = () =>
    outcome.save(() =>
      save(
        {
          id: c?.id ?? null,
          input: {
            name,
            description,
            mode,
            listIds: [...listIds],
            trunkId: trunkId || null,
            callerId,
            callingHours: hours,
            startsAt: fromLocal(startsAt),
            endsAt: fromLocal(endsAt),
            maxAttempts: num(maxAttempts),
            retryMinutes: Object.fromEntries(
              Object.entries(retry)
                .filter(([, v]) => v.trim() !== "")
                .map(([k, v]) => [k, num(v)]),
            ),
            lineLimit: num(lineLimit),
            ringSeconds: num(ringSeconds),
            abandonCapPercent: num(abandonCap),
            amd,
            machineAction,
            unsureToAgent,
            abandonMessage,
            machineMessage,
            abandonAudioId: abandonAudioId || null,
            machineAudioId: machineAudioId || null,
            language,
            previewSeconds: mode === "PREVIEW" && previewSeconds.trim() ? num(previewSeconds) : null,
            dispositionIds: [...dispositionIds],
            members: [...members].map(([userId, skillLevel]) => ({ userId, skillLevel })),
            teamIds: [...teamIds],
            priority: num(priority),
            wrapUpSeconds: num(wrapUp),
            requireDisposition,
            recordingPolicy: recordingPolicy as (typeof RECORDING)[number],
            callScriptId: callScriptId || null,
            smsAccountId: texting ? sms.accountId || null : null,
            smsFrom: sms.from,
            smsTemplate: sms.template,
            smsPerMinute: num(sms.perMinute),
            smsPlainLetters: sms.plainLetters,
          },
        },
        { additionalTypenames: ["Campaign"] },
      ),
    );

  return (
    <EditDialog
      title={c ? t("editTitle", { name: c.name }) : t("new")}
      onClose={onClose}
      outcome={outcome}
      onSave={onSave}
      saveDisabled={finished}
      onDelete={c?.status === "DRAFT" ? () => outcome.remove(() => remove({ id: c.id }, { additionalTypenames: ["Campaign"] })) : undefined}
      wide="xl"
      formId="campaign-form"
    >
      {c && c.status !== "DRAFT" && <p className="text-sm text-slate-600">{finished ? t("finishedHint") : t("liveHint")}</p>}
      <Group title={t("group.basics")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="campaign-name" error={err("name")}>
            <Input id="campaign-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
          </Field>
          <Field label={t("mode")} htmlFor="campaign-mode" hint={t(`modeHint.${mode}`)}>
            <Select id="campaign-mode" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`modeName.${m}`)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <Field label={t("descriptionLabel")} htmlFor="campaign-description" error={err("description")}>
              <Textarea id="campaign-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
          </div>
          {!texting && (
            <>
              <Field label={t("trunk")} htmlFor="campaign-trunk" error={err("trunkId")}>
                <Select id="campaign-trunk" value={trunkId} onChange={(e) => (setTrunkId(e.target.value), setCallerId(""))}>
                  <option value="">{t("trunkDefault")}</option>
                  {o?.trunks.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.active ? x.name : t("trunkOff", { name: x.name })}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("callerId")} htmlFor="campaign-caller-id" error={err("callerId")}>
                <Select id="campaign-caller-id" value={callerId} onChange={(e) => setCallerId(e.target.value)}>
                  <option value="">{t("callerIdDefault")}</option>
                  {trunk?.callerIds.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("lineLimit")} htmlFor="campaign-line-limit" error={err("lineLimit")} hint={t("lineLimitHint")}>
                <Input
                  id="campaign-line-limit"
                  type="number"
                  min={1}
                  value={lineLimit}
                  onChange={(e) => setLineLimit(e.target.value)}
                  invalid={!!issues.lineLimit}
                />
              </Field>
              <Field label={t("ringSeconds")} htmlFor="campaign-ring" error={err("ringSeconds")}>
                <Input
                  id="campaign-ring"
                  type="number"
                  min={10}
                  max={120}
                  value={ringSeconds}
                  onChange={(e) => setRingSeconds(e.target.value)}
                  invalid={!!issues.ringSeconds}
                />
              </Field>
              {mode === "PREVIEW" && (
                <Field label={t("previewSeconds")} htmlFor="campaign-preview" error={err("previewSeconds")} hint={t("previewSecondsHint")}>
                  <Input id="campaign-preview" type="number" min={5} value={previewSeconds} onChange={(e) => setPreviewSeconds(e.target.value)} />
                </Field>
              )}
              <Field label={t("language")} htmlFor="campaign-language" hint={t("languageHint")}>
                <Select id="campaign-language" value={language} onChange={(e) => setLanguage(e.target.value as typeof language)}>
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {t(`languageName.${l}`)}
                    </option>
                  ))}
                </Select>
              </Field>
            </>
          )}
        </div>
      </Group>

      {texting && (
        <Group title={t("group.sms")}>
          <SmsTextFields value={sms} onChange={setSms} accounts={o?.smsAccounts} columns={columns} err={err} />
        </Group>
      )}

      <Group title={t("group.lists")}>
        {o && o.lists.length === 0 && <p className="text-sm text-slate-500">{t("noLists")}</p>}
        <div className="grid gap-2 sm:grid-cols-2">
          {o?.lists.map((l) => (
            <Checkbox
              key={l.id}
              label={t("listLabel", { name: l.name, count: l.imported, status: l.status })}
              checked={listIds.has(l.id)}
              onChange={(e) => setListIds(toggle(listIds, l.id, e.target.checked))}
            />
          ))}
        </div>
        {err("listIds") && <p className="text-sm text-red-600">{err("listIds")}</p>}
      </Group>

      <Group title={t("group.agents")}>
        {texting && <p className="text-sm text-slate-600">{t("sms.agentsHint")}</p>}
        <SkillPicker people={o?.agents ?? []} members={members} onChange={setMembers} />
        {o && o.teams.length > 0 && (
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-700">{t("teams")}</p>
            <p className="text-xs text-slate-500">{t("teamsHint")}</p>
            <div className="flex flex-wrap gap-4">
              {o.teams.map((x) => (
                <Checkbox key={x.id} label={x.name} checked={teamIds.has(x.id)} onChange={(e) => setTeamIds(toggle(teamIds, x.id, e.target.checked))} />
              ))}
            </div>
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("priority")} htmlFor="campaign-priority" error={err("priority")} hint={t("priorityHint")}>
            <Input id="campaign-priority" type="number" min={1} max={100} value={priority} onChange={(e) => setPriority(e.target.value)} />
          </Field>
          <Field label={t("wrapUpSeconds")} htmlFor="campaign-wrap-up" error={err("wrapUpSeconds")}>
            <Input id="campaign-wrap-up" type="number" min={0} max={3600} value={wrapUp} onChange={(e) => setWrapUp(e.target.value)} />
          </Field>
          {!texting && (
            <>
              <Field label={t("recordingPolicy")} htmlFor="campaign-recording">
                <Select id="campaign-recording" value={recordingPolicy} onChange={(e) => setRecordingPolicy(e.target.value)}>
                  {RECORDING.map((r) => (
                    <option key={r} value={r}>
                      {t(`recording.${r}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("script")} htmlFor="campaign-script" error={err("callScriptId")}>
                <Select id="campaign-script" value={callScriptId} onChange={(e) => setCallScriptId(e.target.value)}>
                  <option value="">{t("noScript")}</option>
                  {o?.scripts.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              </Field>
            </>
          )}
        </div>
        {!texting && <Checkbox label={t("requireDisposition")} checked={requireDisposition} onChange={(e) => setRequireDisposition(e.target.checked)} />}
      </Group>

      <Group title={texting ? t("group.sendingHours") : t("group.hours")}>
        <HoursEditor value={hours} onChange={setHours} enabledLabel={t("hoursEnabled")} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("startsAt")} htmlFor="campaign-starts" error={err("startsAt")}>
            <DayAndTime id="campaign-starts" label={t("startsAt")} value={startsAt} onChange={setStartsAt} />
          </Field>
          <Field label={t("endsAt")} htmlFor="campaign-ends" error={err("endsAt")}>
            <DayAndTime id="campaign-ends" label={t("endsAt")} value={endsAt} onChange={setEndsAt} />
          </Field>
        </div>
      </Group>

      {!texting && (
        <>
          <Group title={t("group.attempts")}>
            <Field label={t("maxAttempts")} htmlFor="campaign-max-attempts" error={err("maxAttempts")}>
              <Input
                id="campaign-max-attempts"
                type="number"
                min={1}
                max={20}
                value={maxAttempts}
                onChange={(e) => setMaxAttempts(e.target.value)}
                className="w-32"
              />
            </Field>
            <p className="text-sm text-slate-600">{t("retryHint")}</p>
            <div className="grid gap-4 sm:grid-cols-3">
              {RETRIED.map((k) => (
                <Field key={k} label={t(`retry.${k}`)} htmlFor={`campaign-retry-${k}`} error={err(`retryMinutes.${k}`)}>
                  <Input
                    id={`campaign-retry-${k}`}
                    type="number"
                    min={1}
                    placeholder={String(defaults[k] ?? "")}
                    value={retry[k]}
                    onChange={(e) => setRetry({ ...retry, [k]: e.target.value })}
                  />
                </Field>
              ))}
            </div>
          </Group>

          <Group title={t("group.machines")}>
            <Checkbox label={t("amd")} checked={amd} onChange={(e) => setAmd(e.target.checked)} />
            {amd && (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label={t("machineAction")} htmlFor="campaign-machine-action">
                  <Select id="campaign-machine-action" value={machineAction} onChange={(e) => setMachineAction(e.target.value as typeof machineAction)}>
                    {MACHINE_ACTIONS.map((a) => (
                      <option key={a} value={a}>
                        {t(`machineActionName.${a}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <div className="pt-6">
                  <Checkbox label={t("unsureToAgent")} checked={unsureToAgent} onChange={(e) => setUnsureToAgent(e.target.checked)} />
                </div>
              </div>
            )}
            <Field label={t("abandonCap")} htmlFor="campaign-abandon-cap" error={err("abandonCapPercent")} hint={t("abandonCapHint")}>
              <Input
                id="campaign-abandon-cap"
                type="number"
                min={0.5}
                max={3}
                step={0.1}
                value={abandonCap}
                onChange={(e) => setAbandonCap(e.target.value)}
                invalid={!!issues.abandonCapPercent}
                className="w-32"
              />
            </Field>
          </Group>

          <Group title={t("group.messages")}>
            <p className="text-sm text-slate-600">{t("messagesHint")}</p>
            <PromptSelect
              id="campaign-abandon-audio"
              label={t("abandonAudio")}
              value={abandonAudioId}
              onChange={setAbandonAudioId}
              prompts={o?.prompts}
              error={err("abandonAudioId")}
            />
            <Field label={t("abandonMessage")} htmlFor="campaign-abandon-message" error={err("abandonMessage")} hint={t("abandonMessageHint")}>
              <Textarea
                id="campaign-abandon-message"
                rows={2}
                value={abandonMessage}
                onChange={(e) => setAbandonMessage(e.target.value)}
                invalid={!!issues.abandonMessage}
              />
            </Field>
            <PromptSelect
              id="campaign-machine-audio"
              label={t("machineAudio")}
              value={machineAudioId}
              onChange={setMachineAudioId}
              prompts={o?.prompts}
              error={err("machineAudioId")}
            />
            <Field label={t("machineMessage")} htmlFor="campaign-machine-message" error={err("machineMessage")} hint={t("machineMessageHint")}>
              <Textarea
                id="campaign-machine-message"
                rows={2}
                value={machineMessage}
                onChange={(e) => setMachineMessage(e.target.value)}
                invalid={!!issues.machineMessage}
              />
            </Field>
          </Group>

          <Group title={t("group.resultCodes")}>
            <p className="text-sm text-slate-600">{t("resultCodesHint")}</p>
            {o && o.resultCodes.length === 0 && <p className="text-sm text-slate-500">{t("noResultCodes")}</p>}
            <div className="grid gap-2 sm:grid-cols-2">
              {o?.resultCodes.map((r) => (
                <div key={r.id} className="flex items-center gap-2">
                  <Checkbox
                    label={r.name}
                    checked={dispositionIds.has(r.id)}
                    onChange={(e) => setDispositionIds(toggle(dispositionIds, r.id, e.target.checked))}
                  />
                  <KindChip kind={r.kind} />
                </div>
              ))}
            </div>
            {err("dispositionIds") && <p className="text-sm text-red-600">{err("dispositionIds")}</p>}
          </Group>
        </>
      )}

      {c && <DoNotCall campaign={c} />}
    </EditDialog>
  );
}

/** The campaign's own do-not-call numbers: added at once (a waiting contact with it is done). */
function DoNotCall({ campaign }: { campaign: Campaign }) {
  const t = useTranslations("admin.campaigns");
  const errors = useErrorText();
  const [, add] = useMutation(AddDnc);
  const [, drop] = useMutation(RemoveDnc);
  const [number, setNumber] = useState("");
  const [numbers, setNumbers] = useState(campaign.doNotCall.map((d) => d.number));
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Group title={t("group.doNotCall")}>
      <p className="text-sm text-slate-600">{t("doNotCallHint")}</p>
      <div className="flex items-end gap-2">
        <Field label={t("doNotCallNumber")} htmlFor="campaign-dnc" error={message}>
          <Input id="campaign-dnc" value={number} onChange={(e) => setNumber(e.target.value)} className="w-56" />
        </Field>
        <Button
          onClick={async () => {
            const r = await add({ campaignId: campaign.id, number }, { additionalTypenames: ["Campaign"] });
            const e = apiError(r.error);
            setMessage(e ? errors.message(e) : null);
            if (r.data) {
              setNumbers([r.data.addCampaignDoNotCall.number, ...numbers.filter((n) => n !== r.data!.addCampaignDoNotCall.number)]);
              setNumber("");
            }
          }}
        >
          {t("doNotCallAdd")}
        </Button>
      </div>
      <ul className="divide-y divide-slate-100 text-sm">
        {numbers.map((n) => (
          <li key={n} className="flex items-center justify-between py-1">
            <span className="tabular-nums">{n}</span>
            <Button
              size="sm"
              variant="ghost"
              onClick={async () => {
                await drop({ campaignId: campaign.id, number: n }, { additionalTypenames: ["Campaign"] });
                setNumbers(numbers.filter((x) => x !== n));
              }}
            >
              {t("doNotCallRemove")}
            </Button>
          </li>
        ))}
      </ul>
    </Group>
  );
}
