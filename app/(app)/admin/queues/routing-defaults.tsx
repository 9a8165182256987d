"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Input } from "../../../_components/field.tsx";
import { Card } from "../../../_components/page.tsx";
import { apiError, fieldIssues } from "../../../_client/errors.ts";
import { graphql } from "../../../_client/graphql.ts";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { WORKING_CHANNELS } from "../../../../domain/queues/working-channels.ts";

const Settings = graphql(`
  query RoutingSettings {
    routingSettings {
      missedOffersBeforePause
      recordingRetentionDays
      blending {
        callsInterrupt
        chatsInterruptDeferred
        chatsDuringCall
        deferredDuringLive
      }
      defaultCapacity {
        voice
        chat
        email
        sms
        fax
      }
    }
  }
`);
const Save = graphql(`
  mutation UpdateRoutingSettings($defaultCapacity: CapacityInput!, $missedOffersBeforePause: Int!, $blending: BlendingInput, $recordingRetentionDays: Int) {
    updateRoutingSettings(
      defaultCapacity: $defaultCapacity
      missedOffersBeforePause: $missedOffersBeforePause
      blending: $blending
      recordingRetentionDays: $recordingRetentionDays
    ) {
      missedOffersBeforePause
      recordingRetentionDays
    }
  }
`);

const CHANNELS = ["voice", "chat", "email", "sms", "fax"] as const;
type Capacity = Record<(typeof CHANNELS)[number], string>;
const RULES = ["callsInterrupt", "chatsInterruptDeferred", "chatsDuringCall", "deferredDuringLive"] as const;
type Blending = Record<(typeof RULES)[number], boolean>;

/** How much work every agent takes at once (unless set per agent), the blended rules, when
 * missed offers pause an agent, and how long call recordings are kept. */
export function RoutingDefaults() {
  const t = useTranslations("admin.queues.defaults");
  const tq = useTranslations("admin.queues");
  const tch = useTranslations("channel");
  const errors = useErrorText();
  const [{ data }] = useQuery({ query: Settings });
  const [state, save] = useMutation(Save);
  const [capacity, setCapacity] = useState<Capacity | null>(null);
  const [missed, setMissed] = useState("3");
  const [retention, setRetention] = useState("");
  const [blending, setBlending] = useState<Blending | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (!data) return;
    const c = data.routingSettings.defaultCapacity;
    setCapacity({ voice: String(c.voice), chat: String(c.chat), email: String(c.email), sms: String(c.sms), fax: String(c.fax) });
    setMissed(String(data.routingSettings.missedOffersBeforePause));
    setRetention(data.routingSettings.recordingRetentionDays == null ? "" : String(data.routingSettings.recordingRetentionDays));
    const b = data.routingSettings.blending;
    setBlending(Object.fromEntries(RULES.map((r) => [r, b[r]])) as Blending);
  }, [data]);
  if (!capacity || !blending) return null;
  return (
    <Card title={t("title")} className="mb-6">
      <p className="mb-3 text-sm text-slate-600">{t("explain")}</p>
      <div className="flex flex-wrap items-end gap-3">
        {CHANNELS.filter((c) => WORKING_CHANNELS.includes(c.toUpperCase())).map((c) => (
          <label key={c} className="text-sm">
            <span className="mb-1 block text-slate-600">{tch(c.toUpperCase())}</span>
            <Input type="number" min={0} max={50} value={capacity[c]} onChange={(e) => setCapacity({ ...capacity, [c]: e.target.value })} className="w-20" />
          </label>
        ))}
        <label className="text-sm">
          <span className="mb-1 block text-slate-600">{t("missed")}</span>
          <Input type="number" min={1} max={20} value={missed} onChange={(e) => setMissed(e.target.value)} className="w-24" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-600">{t("retention")}</span>
          <Input
            type="number"
            min={1}
            max={36500}
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
            className="w-32"
            aria-describedby="retention-hint"
            data-testid="org-recording-retention"
          />
        </label>
      </div>
      <p id="retention-hint" className="mt-1 text-xs text-slate-500">
        {t("retentionHint")}
      </p>
      <fieldset className="mt-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("blending")}</legend>
        <p className="mb-2 text-sm text-slate-600">{t("blendingExplain")}</p>
        <div className="space-y-1">
          {RULES.map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={blending[r]} onChange={(e) => setBlending({ ...blending, [r]: e.target.checked })} />
              {t(`rules.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-4">
        <Button
          busy={state.fetching}
          onClick={async () => {
            const n = (v: string) => Number.parseInt(v, 10) || 0;
            const r = await save({
              defaultCapacity: { voice: n(capacity.voice), chat: n(capacity.chat), email: n(capacity.email), sms: n(capacity.sms), fax: n(capacity.fax) },
              missedOffersBeforePause: n(missed),
              blending,
              recordingRetentionDays: retention.trim() === "" ? null : /^\s*\d+\s*$/.test(retention) ? Number.parseInt(retention, 10) : 0,
            });
            const e = apiError(r.error);
            const days = fieldIssues(e).recordingRetentionDays;
            const text = days
              ? tq.has(`issues.recordingRetentionDays.${days.code}`)
                ? tq(`issues.recordingRetentionDays.${days.code}`)
                : errors.field(days, "recordingRetentionDays")
              : errors.message(e);
            setMessage(e ? { ok: false, text: text ?? "" } : { ok: true, text: t("saved") });
          }}
        >
          {t("save")}
        </Button>
      </div>
      {message && <p className={`mt-2 text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>{message.text}</p>}
    </Card>
  );
}
