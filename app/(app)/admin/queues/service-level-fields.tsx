"use client";
// A queue's call service level, as the queue report counts it: the answer target in seconds, the
// share aimed at, and the short-abandon threshold (docs/reports.md).
import { useTranslations } from "next-intl";
import { Field, Input } from "../../../_components/field.tsx";
import type { FieldIssue } from "../../../_client/errors.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";

export interface ServiceLevelValues {
  serviceLevelSeconds: string;
  serviceLevelPercent: string;
  shortAbandonSeconds: string;
}
const KEYS = ["serviceLevelSeconds", "serviceLevelPercent", "shortAbandonSeconds"] as const;
const LIMITS = { serviceLevelSeconds: [1, 3600], serviceLevelPercent: [1, 100], shortAbandonSeconds: [0, 60] } as const;

export function serviceLevelValues(
  q: { serviceLevelSeconds: number; serviceLevelPercent: number; shortAbandonSeconds: number } | null | undefined,
): ServiceLevelValues {
  return {
    serviceLevelSeconds: String(q?.serviceLevelSeconds ?? 20),
    serviceLevelPercent: String(q?.serviceLevelPercent ?? 80),
    shortAbandonSeconds: String(q?.shortAbandonSeconds ?? 5),
  };
}

/** Typed whole numbers; anything else becomes -1, which the server refuses in words. */
export function serviceLevelInput(v: ServiceLevelValues) {
  const whole = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number.parseInt(s, 10) : -1);
  return {
    serviceLevelSeconds: whole(v.serviceLevelSeconds),
    serviceLevelPercent: whole(v.serviceLevelPercent),
    shortAbandonSeconds: whole(v.shortAbandonSeconds),
  };
}

export function ServiceLevelFields({
  value,
  onChange,
  issues,
}: {
  value: ServiceLevelValues;
  onChange: (v: ServiceLevelValues) => void;
  issues: Record<string, FieldIssue>;
}) {
  const t = useTranslations("admin.queues.serviceLevel");
  const errors = useErrorText();
  return (
    <>
      {KEYS.map((k) => (
        <Field key={k} label={t(k)} htmlFor={`queue-${k}`} hint={t(`${k}Hint`)} error={errors.field(issues[k], k)}>
          <Input
            id={`queue-${k}`}
            type="number"
            min={LIMITS[k][0]}
            max={LIMITS[k][1]}
            value={value[k]}
            onChange={(e) => onChange({ ...value, [k]: e.target.value })}
            invalid={!!issues[k]}
          />
        </Field>
      ))}
    </>
  );
}
