"use client";
// Defining an alarm: what it watches (a queue's figure or a trunk's registration), the threshold,
// who is told by e-mail and which numbers are texted.
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { type ApiError, apiError, fieldIssues } from "../../_client/errors.ts";
import { graphql } from "../../_client/graphql.ts";
import { useErrorText } from "../../_client/use-error-text.ts";
import { Button } from "../../_components/button.tsx";
import { Checkbox, Field, Input, Select, Textarea } from "../../_components/field.tsx";
import { Notice } from "../../_components/notice.tsx";
import { ALARM_KINDS, type AlarmKind, LINK_KINDS } from "../../../domain/wallboard/alarm-rules.ts";

type Kind = AlarmKind;
type Named = { id: string; name: string };
export type AlarmRow = {
  id: string;
  name: string;
  kind: Kind;
  queueId: string | null;
  trunkId: string | null;
  threshold: number;
  recipientIds: string[];
  smsNumbers: string[];
  smsAccountId: string | null;
  active: boolean;
};

const SaveAlarm = graphql(`
  mutation SaveAlarm($id: ID, $input: AlarmInput!) {
    saveAlarm(id: $id, input: $input) {
      id
      name
      kind
      queueId
      trunkId
      threshold
      recipientIds
      smsNumbers
      smsAccountId
      active
    }
  }
`);

export function AlarmForm({
  alarm,
  subjects,
  onDone,
}: {
  alarm: AlarmRow | null;
  subjects: { queues: Named[]; trunks: Named[]; people: Named[]; smsAccounts: Named[] };
  onDone: () => void;
}) {
  const t = useTranslations("alarms");
  const tw = useTranslations("wallboard");
  const errors = useErrorText();
  const [name, setName] = useState(alarm?.name ?? "");
  const [kind, setKind] = useState<Kind>(alarm?.kind ?? "LONGEST_WAIT_ABOVE");
  const [queueId, setQueueId] = useState(alarm?.queueId ?? "");
  const [trunkId, setTrunkId] = useState(alarm?.trunkId ?? "");
  const [threshold, setThreshold] = useState(String(alarm?.threshold ?? 60));
  const [recipients, setRecipients] = useState(new Set(alarm?.recipientIds ?? []));
  const [smsNumbers, setSmsNumbers] = useState((alarm?.smsNumbers ?? []).join("\n"));
  // With one account there is nothing to choose.
  const [smsAccountId, setSmsAccountId] = useState(alarm?.smsAccountId ?? (subjects.smsAccounts.length === 1 ? subjects.smsAccounts[0]!.id : ""));
  const [active, setActive] = useState(alarm?.active ?? true);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, save] = useMutation(SaveAlarm);
  const issues = fieldIssues(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      name,
      kind,
      queueId: kind === "TRUNK_UNREGISTERED" || LINK_KINDS.includes(kind) ? null : queueId || null,
      trunkId: kind === "TRUNK_UNREGISTERED" ? trunkId || null : null,
      threshold: /^\s*\d+\s*$/.test(threshold) ? Number(threshold) : -1,
      recipientIds: [...recipients],
      smsNumbers: smsNumbers.split("\n").filter((n) => n.trim()),
      smsAccountId: smsAccountId || null,
      active,
    };
    const err = apiError((await save({ id: alarm?.id ?? null, input })).error);
    setError(err);
    if (!err) onDone();
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="alarm-form">
      {error && <Notice tone="error">{errors.message(error)}</Notice>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} htmlFor="alarm-name" error={errors.field(issues.name, "name")}>
          <Input id="alarm-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!issues.name} />
        </Field>
        <Field label={t("kind")} htmlFor="alarm-kind">
          <Select
            id="alarm-kind"
            value={kind}
            onChange={(e) => {
              const next = e.target.value as Kind;
              // A link is worth a call after a few minutes down, not after a wait's 60.
              if (LINK_KINDS.includes(next) && !LINK_KINDS.includes(kind)) setThreshold("5");
              setKind(next);
            }}
          >
            {ALARM_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        {kind === "TRUNK_UNREGISTERED" ? (
          <Field label={t("trunk")} htmlFor="alarm-trunk">
            <Select id="alarm-trunk" value={trunkId} onChange={(e) => setTrunkId(e.target.value)}>
              <option value="">{t("everyTrunk")}</option>
              {subjects.trunks.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <>
            {LINK_KINDS.includes(kind) ? (
              <p className="self-end pb-2 text-sm text-slate-600">{kind === "SMS_LINK_DOWN" ? t("everySmsAccount") : t("everyMailbox")}</p>
            ) : (
              <Field label={t("queue")} htmlFor="alarm-queue">
                <Select id="alarm-queue" value={queueId} onChange={(e) => setQueueId(e.target.value)}>
                  <option value="">{t("everyQueue")}</option>
                  {subjects.queues.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            <Field
              label={LINK_KINDS.includes(kind) ? t("minutes") : t("threshold")}
              htmlFor="alarm-threshold"
              hint={tw(`alarmKind.${kind}`, { n: threshold || "N" })}
              error={errors.field(issues.threshold, "threshold")}
            >
              <Input id="alarm-threshold" type="number" min={0} value={threshold} onChange={(e) => setThreshold(e.target.value)} invalid={!!issues.threshold} />
            </Field>
          </>
        )}
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("recipients")}</legend>
        <div className="grid max-h-40 gap-1 overflow-y-auto sm:grid-cols-3">
          {subjects.people.map((p) => (
            <Checkbox
              key={p.id}
              label={p.name}
              checked={recipients.has(p.id)}
              onChange={(e) => {
                const next = new Set(recipients);
                if (e.target.checked) next.add(p.id);
                else next.delete(p.id);
                setRecipients(next);
              }}
            />
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-500">{t("recipientsHint")}</p>
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("smsTitle")}</legend>
        {subjects.smsAccounts.length ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("smsNumbers")} htmlFor="alarm-sms-numbers" hint={t("smsNumbersHint")} error={errors.field(issues.smsNumbers, "smsNumbers")}>
              <Textarea
                id="alarm-sms-numbers"
                rows={3}
                value={smsNumbers}
                onChange={(e) => setSmsNumbers(e.target.value)}
                invalid={!!issues.smsNumbers}
                placeholder="+48 601 234 567"
              />
            </Field>
            <Field label={t("smsAccount")} htmlFor="alarm-sms-account" error={errors.field(issues.smsAccountId, "smsAccountId")}>
              <Select id="alarm-sms-account" value={smsAccountId} onChange={(e) => setSmsAccountId(e.target.value)} invalid={!!issues.smsAccountId}>
                <option value="">{t("noSmsAccount")}</option>
                {subjects.smsAccounts.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        ) : (
          <p className="text-sm text-slate-500">{t("noSmsAccounts")}</p>
        )}
      </fieldset>
      <Checkbox label={t("active")} checked={active} onChange={(e) => setActive(e.target.checked)} />
      <div className="flex gap-2">
        <Button variant="primary" type="submit" busy={saving.fetching}>
          {t("save")}
        </Button>
        <Button onClick={onDone}>{t("cancel")}</Button>
      </div>
    </form>
  );
}
