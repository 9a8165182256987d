"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useCan, useMe } from "../../../../_client/me.tsx";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import { formatDay } from "../../../../../domain/shared/date-format.ts";
import { startOfDay, wallClock } from "../../../../../domain/shared/wall-clock.ts";
import { DateInput } from "../../../../_components/date-input.tsx";
import { useDates } from "../../../../_client/use-dates.ts";
import { SlaChip } from "../../../../_components/sla-chip.tsx";
import { type CaseData, CaseChanges } from "./case-query.ts";
import { CaseTags } from "./case-tags.tsx";

const UpdateCase = graphql(
  `
    mutation UpdateCase($id: ID!, $input: CaseUpdateInput!) {
      updateCase(id: $id, input: $input) {
        id
        deadline
        ...CaseChanges
      }
    }
  `,
  [CaseChanges],
);
const People = graphql(`
  query AssigneeChoices {
    transferTargets {
      agents {
        id
        name
      }
    }
  }
`);

export function CaseHeader({ kase, statuses }: { kase: CaseData; statuses: { id: string; name: string; color: string }[] }) {
  const t = useTranslations("case");
  const me = useMe();
  const can = useCan();
  const errors = useErrorText();
  const [, update] = useMutation(UpdateCase);
  const [error, setError] = useState<string | null>(null);
  const mayChange = kase.assignee?.id === me.user.id || can("cases.manage");
  const dates = useDates();
  const deadline = kase.deadline ? wallClock(dates.timeZone, new Date(kase.deadline)).date : "";
  const [{ data: people }] = useQuery({ query: People, pause: !can("agents.work") || !can("cases.manage") });
  const assignees = [{ id: me.user.id, name: me.user.name }, ...(people?.transferTargets.agents ?? [])];
  if (kase.assignee && !assignees.some((a) => a.id === kase.assignee!.id)) assignees.push(kase.assignee);

  async function change(input: Parameters<typeof update>[0]["input"]) {
    setError(null);
    const e = apiError((await update({ id: kase.id, input })).error);
    if (e) setError(errors.message(e));
  }

  return (
    <header className="space-y-2 border-b border-slate-200 px-4 py-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-semibold text-slate-900">
          #{kase.number} {kase.subject || t("noSubject")}
        </h1>
        <span className="text-sm text-slate-500">{kase.queue?.name}</span>
        <SlaChip sla={kase.sla} category={kase.status.category} />
      </div>
      {mayChange ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-1.5">
            <span className="text-slate-500">{t("status")}</span>
            <select
              value={kase.status.id}
              onChange={(e) => void change({ statusId: e.target.value })}
              className="rounded-md border-0 py-1 pr-7 pl-2 font-medium text-white ring-1 ring-black/10"
              style={{ background: kase.status.color }}
              data-testid="case-status"
            >
              {statuses.map((s) => (
                <option key={s.id} value={s.id} className="bg-white text-slate-900">
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1.5">
            <span className="text-slate-500">{t("assignee")}</span>
            <select
              value={kase.assignee?.id ?? ""}
              onChange={(e) => void change({ assigneeId: e.target.value || null })}
              className="rounded-md border-0 py-1 pr-7 pl-2 ring-1 ring-slate-300"
            >
              <option value="">{t("unassigned")}</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.id === me.user.id ? t("me", { name: a.name }) : a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1.5">
            <span className="text-slate-500">{t("deadline")}</span>
            {/* The day as the organisation's clock counts it; a deadline falls at 16:00 there. */}
            <DateInput
              aria-label={t("deadline")}
              value={deadline}
              onChange={(day) => void change({ deadline: day ? new Date(startOfDay(dates.timeZone, new Date(`${day}T12:00:00Z`)).getTime() + 16 * 3600_000).toISOString() : null })}
              className="w-36"
            />
          </label>
        </div>
      ) : (
        // Someone who may not change the case (a lead watching it) reads it: values, not disabled controls.
        <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="case-facts">
          <div className="flex items-center gap-1.5">
            <dt className="text-slate-500">{t("status")}</dt>
            <dd className="rounded-md px-2 py-0.5 font-medium text-white ring-1 ring-black/10" style={{ background: kase.status.color }} data-testid="case-status">
              {kase.status.name}
            </dd>
          </div>
          <div className="flex items-center gap-1.5">
            <dt className="text-slate-500">{t("assignee")}</dt>
            <dd className="text-slate-900" data-testid="case-assignee">
              {kase.assignee?.name ?? t("unassigned")}
            </dd>
          </div>
          <div className="flex items-center gap-1.5">
            <dt className="text-slate-500">{t("deadline")}</dt>
            <dd className="text-slate-900 tabular-nums" data-testid="case-deadline">
              {deadline ? formatDay(deadline, dates.locale) : t("noDeadline")}
            </dd>
          </div>
        </dl>
      )}
      <CaseTags kase={kase} />
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </header>
  );
}
