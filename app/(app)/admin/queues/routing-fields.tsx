"use client";
import { useTranslations } from "next-intl";
import { Field, Input, Select } from "../../../_components/field.tsx";

export type Strategy = "LONGEST_IDLE" | "LEAST_BUSY" | "SKILLS" | "ROUND_ROBIN";
export interface RoutingValues {
  strategy: Strategy;
  offerTimeoutSeconds: string;
  maxQueueLength: string;
  maxWaitSeconds: string;
  overflowQueueId: string;
  overflowMessage: string;
  overflowAction: OverflowAction;
  voicemailEmail: string;
  callbackRetries: string;
  callbackRetryMinutes: string;
}
export type OverflowAction = "QUEUE" | "VOICEMAIL" | "CALLBACK";

/** How a queue hands out its work, and what happens when it is full or too slow. */
export function RoutingFields({
  value,
  onChange,
  otherQueues,
  error,
}: {
  value: RoutingValues;
  onChange: (v: RoutingValues) => void;
  otherQueues: { id: string; name: string }[];
  error: (field: string) => string | null;
}) {
  const t = useTranslations("admin.queues");
  const set = (k: keyof RoutingValues) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <fieldset className="grid gap-4 rounded-lg bg-slate-50 p-4 sm:grid-cols-2">
      <legend className="px-1 text-sm font-semibold text-slate-800">{t("routing")}</legend>
      <Field label={t("strategy")} htmlFor="q-strategy" hint={t(`strategyHint.${value.strategy}`)}>
        <Select id="q-strategy" value={value.strategy} onChange={set("strategy")}>
          {(["LONGEST_IDLE", "LEAST_BUSY", "SKILLS", "ROUND_ROBIN"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`strategies.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("offerTimeout")} htmlFor="q-offer" error={error("offerTimeoutSeconds")} hint={t("offerTimeoutHint")}>
        <Input id="q-offer" type="number" min={5} max={600} value={value.offerTimeoutSeconds} onChange={set("offerTimeoutSeconds")} />
      </Field>
      <Field label={t("maxLength")} htmlFor="q-maxlen" error={error("maxQueueLength")} hint={t("noLimitHint")}>
        <Input id="q-maxlen" type="number" min={0} value={value.maxQueueLength} onChange={set("maxQueueLength")} />
      </Field>
      <Field label={t("maxWait")} htmlFor="q-maxwait" error={error("maxWaitSeconds")} hint={t("noLimitHint")}>
        <Input id="q-maxwait" type="number" min={10} value={value.maxWaitSeconds} onChange={set("maxWaitSeconds")} />
      </Field>
      <Field label={t("overflowQueue")} htmlFor="q-overflow" error={error("overflowQueueId")}>
        <Select id="q-overflow" value={value.overflowQueueId} onChange={set("overflowQueueId")}>
          <option value="">{t("overflowNone")}</option>
          {otherQueues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("overflowMessage")} htmlFor="q-overflow-msg" hint={t("overflowMessageHint")}>
        <Input id="q-overflow-msg" value={value.overflowMessage} onChange={set("overflowMessage")} />
      </Field>
      <Field label={t("overflowAction")} htmlFor="q-overflow-action" hint={t(`overflowActionHint.${value.overflowAction}`)}>
        <Select id="q-overflow-action" value={value.overflowAction} onChange={set("overflowAction")}>
          {(["QUEUE", "VOICEMAIL", "CALLBACK"] as const).map((a) => (
            <option key={a} value={a}>
              {t(`overflowActions.${a}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("voicemailEmail")} htmlFor="q-vm-email" error={error("voicemailEmail")} hint={t("voicemailEmailHint")}>
        <Input id="q-vm-email" type="email" value={value.voicemailEmail} onChange={set("voicemailEmail")} />
      </Field>
      <Field label={t("callbackRetries")} htmlFor="q-cb-retries" error={error("callbackRetries")} hint={t("callbackRetriesHint")}>
        <Input id="q-cb-retries" type="number" min={0} max={10} value={value.callbackRetries} onChange={set("callbackRetries")} />
      </Field>
      <Field label={t("callbackRetryMinutes")} htmlFor="q-cb-minutes" error={error("callbackRetryMinutes")}>
        <Input id="q-cb-minutes" type="number" min={1} max={1440} value={value.callbackRetryMinutes} onChange={set("callbackRetryMinutes")} />
      </Field>
    </fieldset>
  );
}

export const routingValues = (
  q?: {
    strategy: Strategy;
    offerTimeoutSeconds: number;
    maxQueueLength: number | null;
    maxWaitSeconds: number | null;
    overflowQueueId: string | null;
    overflowMessage: string;
    overflowAction: OverflowAction;
    voicemailEmail: string;
    callbackRetries: number;
    callbackRetryMinutes: number;
  } | null,
): RoutingValues => ({
  strategy: q?.strategy ?? "LONGEST_IDLE",
  offerTimeoutSeconds: String(q?.offerTimeoutSeconds ?? 20),
  maxQueueLength: q?.maxQueueLength == null ? "" : String(q.maxQueueLength),
  maxWaitSeconds: q?.maxWaitSeconds == null ? "" : String(q.maxWaitSeconds),
  overflowQueueId: q?.overflowQueueId ?? "",
  overflowMessage: q?.overflowMessage ?? "",
  overflowAction: q?.overflowAction ?? "QUEUE",
  voicemailEmail: q?.voicemailEmail ?? "",
  callbackRetries: String(q?.callbackRetries ?? 2),
  callbackRetryMinutes: String(q?.callbackRetryMinutes ?? 10),
});

const num = (v: string) => (v.trim() === "" ? null : Number.parseInt(v, 10));

export const routingInput = (v: RoutingValues) => ({
  strategy: v.strategy,
  offerTimeoutSeconds: num(v.offerTimeoutSeconds) ?? 20,
  maxQueueLength: num(v.maxQueueLength),
  maxWaitSeconds: num(v.maxWaitSeconds),
  overflowQueueId: v.overflowQueueId || null,
  overflowMessage: v.overflowMessage,
  overflowAction: v.overflowAction,
  voicemailEmail: v.voicemailEmail.trim(),
  callbackRetries: num(v.callbackRetries) ?? 2,
  callbackRetryMinutes: num(v.callbackRetryMinutes) ?? 10,
});
