"use client";
// The "Campaign" panel of a case called by a campaign: whom the campaign is calling (the list's
// fields: debt, address…), the earlier attempts and what came of them, and a call-back the agent
// may promise (by them or by anyone) while on the call or wrapping it up.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { instantOf } from "../../../../../domain/shared/wall-clock.ts";
import { Button } from "../../../../_components/button.tsx";
import { DateInput } from "../../../../_components/date-input.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { Card } from "../../../../_components/page.tsx";
import { TimeInput } from "../../../../_components/time-input.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useDates } from "../../../../_client/use-dates.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { useRefetchOn } from "../../../../_client/use-refetch-on.ts";

const ContextQuery = graphql(`
  query CampaignContext($caseId: ID!) {
    campaignContext(caseId: $caseId) {
      interactionId
      campaignName
      mode
      name
      phone
      listName
      attemptsMade
      fields {
        name
        value
      }
      attempts {
        id
        startedAt
        outcome
        amdResult
        agentName
        callbackAt
      }
    }
  }
`);
const ScheduleCallback = graphql(`
  mutation ScheduleCampaignCallback($interactionId: ID!, $at: DateTime!, $toMe: Boolean) {
    scheduleCampaignCallback(interactionId: $interactionId, at: $at, toMe: $toMe)
  }
`);

/** Reached green, to be tried again yellow, failed red (the campaign's colours). */
const TONE: Record<string, string> = {
  REACHED: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  CALLBACK: "bg-sky-50 text-sky-800 ring-sky-200",
  RETRY: "bg-amber-50 text-amber-800 ring-amber-200",
  BUSY: "bg-amber-50 text-amber-800 ring-amber-200",
  NO_ANSWER: "bg-amber-50 text-amber-800 ring-amber-200",
  MACHINE: "bg-amber-50 text-amber-800 ring-amber-200",
  ABANDONED: "bg-amber-50 text-amber-800 ring-amber-200",
  NETWORK_ERROR: "bg-amber-50 text-amber-800 ring-amber-200",
  FINAL: "bg-rose-50 text-rose-800 ring-rose-200",
  DO_NOT_CALL: "bg-rose-50 text-rose-800 ring-rose-200",
  INVALID_NUMBER: "bg-rose-50 text-rose-800 ring-rose-200",
};

/** `changed`: the case's latest live change (the panel reads the attempts again). */
export function CampaignPanel({ caseId, onCall, changed }: { caseId: string; onCall: boolean; changed: unknown }) {
  const t = useTranslations("campaignDesk");
  const dates = useDates();
  const errors = useErrorText();
  const [{ data }, refetch] = useQuery({ query: ContextQuery, variables: { caseId } });
  const [scheduling, schedule] = useMutation(ScheduleCallback);
  useRefetchOn(changed, () => refetch({ requestPolicy: "network-only" }), 500);
  const [day, setDay] = useState("");
  const [time, setTime] = useState("");
  const [toMe, setToMe] = useState(true);
  const [note, setNote] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const c = data?.campaignContext;
  if (!c) return null;
  const current = c.attempts[0];
  const canSchedule = onCall || (current && !current.outcome);

  const submit = async () => {
    if (!day || !time) return setNote({ tone: "error", text: t("chooseTime") });
    const at = instantOf(dates.timeZone, day, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));
    const r = await schedule({ interactionId: c.interactionId, at: at.toISOString(), toMe });
    if (r.error) return setNote({ tone: "error", text: errors.message(apiError(r.error)) ?? t("failed") });
    setNote({ tone: "success", text: t("scheduled", { at: dates.format(at, "dateTimeMedium") }) });
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <Card title={t("title", { name: c.campaignName })}>
      <div data-testid="campaign-panel" className="space-y-4 text-sm">
        <div>
          <p className="font-medium text-slate-900">{c.name || c.phone}</p>
          <p className="text-slate-600">
            {c.phone} · {t("list", { name: c.listName })} · {t(`mode.${c.mode}` as "mode.PREVIEW")}
          </p>
        </div>
        {c.fields.length > 0 && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {c.fields.map((f) => (
              <div key={f.name} className="contents">
                <dt className="text-slate-500">{f.name}</dt>
                <dd className="text-slate-900">{f.value || "—"}</dd>
              </div>
            ))}
          </dl>
        )}
        <div>
          <h3 className="mb-1 font-medium text-slate-700">{t("attempts", { count: c.attemptsMade })}</h3>
          <ul className="space-y-1" data-testid="campaign-attempts">
            {c.attempts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2">
                <span className="text-slate-600">{dates.format(a.startedAt, "dateTimeMedium")}</span>
                <span
                  className={`rounded px-1.5 py-0.5 text-xs ring-1 ring-inset ${a.outcome ? (TONE[a.outcome] ?? "") : "bg-slate-50 text-slate-700 ring-slate-200"}`}
                >
                  {t(`outcome.${a.outcome ?? "LIVE"}` as "outcome.LIVE")}
                </span>
                {a.agentName && <span className="text-slate-500">{a.agentName}</span>}
                {a.callbackAt && <span className="text-slate-500">{t("callbackAt", { at: dates.format(a.callbackAt, "dateTimeMedium") })}</span>}
              </li>
            ))}
          </ul>
        </div>
        {canSchedule && (
          <fieldset className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
            <legend className="px-1 font-medium text-slate-700">{t("callback")}</legend>
            <div className="flex flex-wrap items-center gap-2">
              <DateInput value={day} onChange={setDay} aria-label={t("day")} className="w-36" />
              <TimeInput value={time} onChange={setTime} aria-label={t("time")} className="w-24" />
            </div>
            <div className="flex flex-wrap gap-3">
              <label className="flex items-center gap-1">
                <input type="radio" checked={toMe} onChange={() => setToMe(true)} /> {t("toMe")}
              </label>
              <label className="flex items-center gap-1">
                <input type="radio" checked={!toMe} onChange={() => setToMe(false)} /> {t("toAnyone")}
              </label>
            </div>
            <Button size="sm" busy={scheduling.fetching} onClick={() => void submit()}>
              {t("schedule")}
            </Button>
          </fieldset>
        )}
        {note && <Notice tone={note.tone}>{note.text}</Notice>}
      </div>
    </Card>
  );
}
